// The resolver's view of a browser request: IP, user agent, language and Cloudflare's network facts. Nothing here is stored.
import type { ResolveContext } from '../ingest/types';

/** Reads a request into a ResolveContext; callers add visitorId, identifiedDomain and automated from the beacon. */
export function requestContext(req: Request): ResolveContext {
  const cf = (req as Request & { cf?: IncomingRequestCfProperties }).cf;
  const ip = req.headers.get('cf-connecting-ip') ?? undefined;
  return {
    ip,
    userAgent: req.headers.get('user-agent') ?? '',
    acceptLanguage: req.headers.get('accept-language') ?? undefined,
    asn: typeof cf?.asn === 'number' ? cf.asn : undefined,
    asOrganization: typeof cf?.asOrganization === 'string' ? cf.asOrganization : undefined,
  };
}
