-- SQLite lets a non-INTEGER PRIMARY KEY hold NULL unless declared NOT NULL: rebuild the four tables whose text key lacked it.

-- D1 always enforces foreign keys; deferring them to the end of the migration's transaction is the documented way to
-- rebuild tables. (No table references these four, so their DROP cascades nothing; their own site_id FKs still hold at commit.)
PRAGMA defer_foreign_keys = on;

CREATE TABLE enrichment_cache_new (
  key        TEXT PRIMARY KEY NOT NULL,
  domain     TEXT,                            -- NULL: the provider knew no company (or failed), cached briefly
  name       TEXT,
  expires_at INTEGER NOT NULL
);
INSERT INTO enrichment_cache_new (key, domain, name, expires_at)
  SELECT key, domain, name, expires_at FROM enrichment_cache WHERE key IS NOT NULL;
DROP TABLE enrichment_cache;
ALTER TABLE enrichment_cache_new RENAME TO enrichment_cache;
CREATE INDEX enrichment_cache_by_expiry ON enrichment_cache (expires_at);

CREATE TABLE webhooks_new (
  site_id    TEXT PRIMARY KEY NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  url        TEXT NOT NULL,
  events     TEXT NOT NULL,                   -- JSON array: "stage_changed", "sales_attention"
  secret     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO webhooks_new (site_id, url, events, secret, created_at, updated_at)
  SELECT site_id, url, events, secret, created_at, updated_at FROM webhooks WHERE site_id IS NOT NULL;
DROP TABLE webhooks;
ALTER TABLE webhooks_new RENAME TO webhooks;

CREATE TABLE webhook_deliveries_new (
  id             TEXT PRIMARY KEY NOT NULL,   -- whd_… (also the Waymark-Delivery header)
  site_id        TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  dedupe_key     TEXT NOT NULL,
  type           TEXT NOT NULL,               -- stage_changed | sales_attention
  company_domain TEXT NOT NULL,
  payload        TEXT NOT NULL,               -- the JSON body; signed afresh (new t) at every attempt
  status         TEXT NOT NULL DEFAULT 'pending', -- pending | sending | retrying | delivered | dead | cancelled
  attempts       INTEGER NOT NULL DEFAULT 0,
  next_attempt   INTEGER,                     -- when the next attempt is due (epoch ms)
  last_status    INTEGER,                     -- receiver's HTTP status, NULL for network errors
  last_error     TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  UNIQUE (site_id, dedupe_key)
);
INSERT INTO webhook_deliveries_new (id, site_id, dedupe_key, type, company_domain, payload, status, attempts,
                                    next_attempt, last_status, last_error, created_at, updated_at)
  SELECT id, site_id, dedupe_key, type, company_domain, payload, status, attempts,
         next_attempt, last_status, last_error, created_at, updated_at
  FROM webhook_deliveries WHERE id IS NOT NULL;
DROP TABLE webhook_deliveries;
ALTER TABLE webhook_deliveries_new RENAME TO webhook_deliveries;
CREATE INDEX webhook_deliveries_by_site ON webhook_deliveries (site_id, created_at);
CREATE INDEX webhook_deliveries_by_status ON webhook_deliveries (status, next_attempt);

CREATE TABLE ops_state_new (
  key        TEXT PRIMARY KEY NOT NULL,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO ops_state_new (key, value, updated_at)
  SELECT key, value, updated_at FROM ops_state WHERE key IS NOT NULL;
DROP TABLE ops_state;
ALTER TABLE ops_state_new RENAME TO ops_state;
