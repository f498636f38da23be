// Per-isolate cache of hostname → personalization route, so a request to an unregistered host (the API's own)
// costs one D1 read per isolate and minute, and a registered one none after its first.
import { routeForHost, type HostRoute } from '../db/personalize';

const TTL_MS = 60_000;
// After a failed lookup (D1 down, or not migrated yet) the fallback is kept briefly: one error a few seconds per host,
// not one D1 call and one log line per request.
const ERROR_TTL_MS = 5_000;
const MAX_ENTRIES = 5_000;
const cache = new Map<string, { route: HostRoute | null; until: number }>();

function put(host: string, route: HostRoute | null, ttl = TTL_MS) {
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(host, { route, until: Date.now() + ttl });
}

/** The route of a hostname; on a D1 error the last known answer (or none), so the API keeps answering. */
export async function hostRoute(db: D1Database, host: string): Promise<HostRoute | null> {
  const hit = cache.get(host);
  if (hit && hit.until > Date.now()) return hit.route;
  try {
    const route = await routeForHost(db, host);
    put(host, route);
    return route;
  } catch (err) {
    console.error('personalize host lookup failed', host, String(err));
    put(host, hit?.route ?? null, ERROR_TTL_MS);
    return hit?.route ?? null;
  }
}

/** After a PUT or DELETE: this isolate sees the change at once (others within a minute). */
export function rememberHosts(hosts: string[], route: HostRoute | null): void {
  for (const h of hosts) put(h, route);
}
