// The PUT /v1/personalize body: the site's origin, the hostnames served through the Worker, tag and budget options.
import * as z from 'zod';

export interface PersonalizeConfig {
  origin: string;
  hosts: string[];
  injectTag: boolean;
  /** Lookup budget in ms; null: the Worker's default. */
  budgetMs: number | null;
}

export const MAX_HOSTS = 50;
export const MAX_BUDGET_MS = 1000;
/** The budget when neither the site nor PERSONALIZE_BUDGET_MS sets one. */
export const DEFAULT_BUDGET_MS = 50;

const isLocal = (hostname: string) =>
  hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1' || hostname === '[::1]';

/** A bare hostname (no scheme, port, path or credentials), lowercased, without a trailing dot; null when it is not one. */
export function normalizeHost(raw: string): string | null {
  const host = raw.trim().toLowerCase().replace(/\.$/, '');
  if (!host || host.length > 253 || /[\s/:@?#\\]/.test(host)) return null;
  try {
    return new URL(`https://${host}/`).hostname === host ? host : null;
  } catch {
    return null;
  }
}

/** The schema; `localHttp` (PERSONALIZE_LOCAL_HTTP=1, local development) also accepts http:// origins on this machine. */
export function configSchema(localHttp: boolean) {
  const origin = z.string().max(2048).transform((s, ctx) => {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'expected a URL like https://origin.example.com' });
      return z.NEVER;
    }
    const httpOk = u.protocol === 'http:' && localHttp && isLocal(u.hostname);
    if (u.protocol !== 'https:' && !httpOk)
      ctx.addIssue({ code: 'custom', message: localHttp ? 'expected https:// (http:// only for localhost)' : 'expected https:// (http:// needs PERSONALIZE_LOCAL_HTTP=1 and a localhost origin)' });
    else if (u.username || u.password || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash)
      ctx.addIssue({ code: 'custom', message: 'an origin only: scheme, host and optional port, no path, query or credentials' });
    return u.origin;
  });
  const host = z.string().max(253).transform((s, ctx) => normalizeHost(s) ?? (ctx.addIssue({ code: 'custom', message: 'expected a hostname like www.example.com (no scheme, port or path)' }), z.NEVER));
  return z
    .object({
      origin,
      hosts: z.array(host).min(1).max(MAX_HOSTS),
      injectTag: z.boolean().default(true),
      budgetMs: z.number().int().min(1).max(MAX_BUDGET_MS).nullable().default(null),
    })
    .strict()
    .transform((c) => ({ ...c, hosts: [...new Set(c.hosts)] }))
    .refine((c) => !c.hosts.includes(new URL(c.origin).hostname), { path: ['origin'], message: 'the origin cannot be one of the hosts (the Worker would fetch itself)' });
}

/** The lookup budget for a site: its own, else the Worker's PERSONALIZE_BUDGET_MS, else 50 ms. */
export function budgetFor(siteBudget: number | null, envBudget: string | undefined): number {
  if (siteBudget) return siteBudget;
  const n = Number(envBudget);
  return Number.isInteger(n) && n > 0 && n <= MAX_BUDGET_MS ? n : DEFAULT_BUDGET_MS;
}
