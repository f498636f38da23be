-- Operations: a site's webhook endpoint, its delivery outbox (retries, dead letters), and the scheduled pass's state.

-- One endpoint per site (PUT /v1/webhooks replaces it). The signing secret must be readable to sign
-- (HMAC), so it is stored, AES-GCM encrypted with a key derived from the WEBHOOK_KEY Worker secret
-- when that is set ('enc1:' prefix), else as is (documented in README).
CREATE TABLE webhooks (
  site_id    TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  url        TEXT NOT NULL,
  events     TEXT NOT NULL,                   -- JSON array: "stage_changed", "sales_attention"
  secret     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- The outbox: one row per notification, written before its queue message, unique per site + dedupe key
-- (company + change), so a duplicate event or a second scheduled run never makes a second delivery.
CREATE TABLE webhook_deliveries (
  id             TEXT PRIMARY KEY,            -- whd_… (also the Waymark-Delivery header)
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
CREATE INDEX webhook_deliveries_by_site ON webhook_deliveries (site_id, created_at);
-- Stuck outbox rows (enqueue lost) and old finished rows, found by the scheduled pass.
CREATE INDEX webhook_deliveries_by_status ON webhook_deliveries (status, next_attempt);

-- Ledger rows past retention are folded into one 'summary' row per company; this finds them.
CREATE INDEX ledger_prunable ON ledger (ts) WHERE reason <> 'summary';

-- Small key/value state of the scheduled pass: the keyset cursor of the decay sweep, the last run's summary.
CREATE TABLE ops_state (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
