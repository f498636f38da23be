-- Edge personalization (PUT /v1/personalize): a site's origin and the hostnames the Worker serves for it.

-- One configuration per site (PUT replaces it). api_origin is where the Worker answered the PUT: the injected
-- tag loads /w.js from there. budget_ms NULL means the Worker's default (PERSONALIZE_BUDGET_MS, else 50).
CREATE TABLE personalize_sites (
  site_id    TEXT PRIMARY KEY NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  origin     TEXT NOT NULL,
  inject_tag INTEGER NOT NULL DEFAULT 1,
  budget_ms  INTEGER,
  api_origin TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

-- A hostname belongs to one site only: the primary key makes a second claim fail (409).
CREATE TABLE personalize_hosts (
  host    TEXT PRIMARY KEY NOT NULL,
  site_id TEXT NOT NULL REFERENCES personalize_sites(site_id) ON DELETE CASCADE
);
CREATE INDEX personalize_hosts_by_site ON personalize_hosts (site_id);
