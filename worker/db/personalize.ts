// SQL of edge personalization: a site's origin and hostnames (migrations/0009_personalize.sql).
import type { PersonalizeConfig } from '../personalize/config';
import type { personalizeSites } from './schema';

/** What the edge needs for a registered hostname. */
export interface HostRoute {
  siteId: string;
  origin: string;
  injectTag: boolean;
  budgetMs: number | null;
  apiOrigin: string;
}

export interface StoredConfig extends PersonalizeConfig {
  apiOrigin: string;
  updatedAt: number;
}

/** Thrown by saveConfig when a hostname already belongs to another site. */
export class HostTaken extends Error {
  constructor(readonly hosts: string[]) {
    super(`already registered by another site: ${hosts.join(', ')}`);
  }
}

type SiteConfigRow = Pick<typeof personalizeSites.$inferSelect, 'origin'> & {
  inject_tag: number; budget_ms: number | null; api_origin: string; updated_at: number;
};

/** The site's configuration, or null: one round trip. */
export async function readConfig(db: D1Database, siteId: string): Promise<StoredConfig | null> {
  const [cfg, hosts] = await db.batch([
    db.prepare('SELECT origin, inject_tag, budget_ms, api_origin, updated_at FROM personalize_sites WHERE site_id = ?').bind(siteId),
    db.prepare('SELECT host FROM personalize_hosts WHERE site_id = ? ORDER BY host').bind(siteId),
  ]);
  const row = cfg?.results[0] as SiteConfigRow | undefined;
  if (!row) return null;
  return {
    origin: row.origin, hosts: ((hosts?.results ?? []) as { host: string }[]).map((h) => h.host), injectTag: row.inject_tag === 1,
    budgetMs: row.budget_ms ?? null, apiOrigin: row.api_origin, updatedAt: row.updated_at,
  };
}

/** Replaces the site's configuration and hostnames in one transaction; HostTaken when another site holds a host. */
export async function saveConfig(db: D1Database, siteId: string, cfg: PersonalizeConfig, apiOrigin: string, now: number): Promise<void> {
  try {
    await db.batch([
      db.prepare(
        `INSERT INTO personalize_sites (site_id, origin, inject_tag, budget_ms, api_origin, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (site_id) DO UPDATE SET origin = ?2, inject_tag = ?3, budget_ms = ?4, api_origin = ?5, updated_at = ?6`,
      ).bind(siteId, cfg.origin, cfg.injectTag ? 1 : 0, cfg.budgetMs, apiOrigin, now),
      db.prepare('DELETE FROM personalize_hosts WHERE site_id = ?').bind(siteId),
      // A host of another site fails the primary key, and with it the whole batch.
      db.prepare('INSERT INTO personalize_hosts (host, site_id) SELECT value, ?1 FROM json_each(?2)').bind(siteId, JSON.stringify(cfg.hosts)),
    ]);
  } catch (err) {
    if (!/UNIQUE|PRIMARY KEY|constraint/i.test(String(err))) throw err;
    const { results } = await db
      .prepare('SELECT host FROM personalize_hosts WHERE host IN (SELECT value FROM json_each(?1)) AND site_id <> ?2 ORDER BY host')
      .bind(JSON.stringify(cfg.hosts), siteId)
      .all<{ host: string }>();
    throw new HostTaken(results.map((r) => r.host));
  }
}

/** Removes the site's configuration (its hostnames go with it); true when there was one. */
export async function deleteConfig(db: D1Database, siteId: string): Promise<boolean> {
  const res = await db.prepare('DELETE FROM personalize_sites WHERE site_id = ?').bind(siteId).run();
  return res.meta.changes > 0;
}

/** The route for a hostname, or null: one round trip (callers cache it). */
export async function routeForHost(db: D1Database, host: string): Promise<HostRoute | null> {
  const row = await db
    .prepare(
      `SELECT p.site_id, p.origin, p.inject_tag, p.budget_ms, p.api_origin FROM personalize_hosts h
       JOIN personalize_sites p ON p.site_id = h.site_id WHERE h.host = ?`,
    )
    .bind(host)
    .first<SiteConfigRow & { site_id: string }>();
  return row ? { siteId: row.site_id, origin: row.origin, injectTag: row.inject_tag === 1, budgetMs: row.budget_ms ?? null, apiOrigin: row.api_origin } : null;
}
