-- Waymark core schema: sites, companies with their scoring state, visitors, events, ledger, transitions.
-- Times are epoch milliseconds (INTEGER). Every request-path query has an index below.

CREATE TABLE sites (
  id          TEXT PRIMARY KEY NOT NULL,  -- (SQLite lets a lone TEXT PRIMARY KEY be NULL unless told)
  name        TEXT NOT NULL,
  public_key  TEXT NOT NULL UNIQUE,           -- pk_… (public, sent by the snippet)
  secret_hash TEXT NOT NULL UNIQUE,           -- SHA-256 hex of sk_… (the secret is shown once)
  origins     TEXT NOT NULL DEFAULT '[]',     -- JSON array of allowed origins for /v1/stage CORS
  rules       TEXT NOT NULL DEFAULT '{}',     -- JSON rule overrides (validated by the scoring module)
  created_at  INTEGER NOT NULL
);

CREATE TABLE companies (
  site_id         TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  domain          TEXT NOT NULL,              -- registrable domain
  name            TEXT,
  score           REAL NOT NULL DEFAULT 0,    -- as of updated_at (decay is lazy: read with the engine)
  stage           TEXT NOT NULL DEFAULT 'target',
  sales_attention INTEGER NOT NULL DEFAULT 0,
  stage_since     INTEGER NOT NULL,
  last_engaged_at INTEGER,                    -- last positive event
  stakeholders    INTEGER NOT NULL DEFAULT 0, -- distinct visitors active in the last 30 days
  state           TEXT NOT NULL,              -- the engine's compact rolling state (JSON)
  version         INTEGER NOT NULL DEFAULT 0, -- optimistic concurrency: every write bumps it
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  PRIMARY KEY (site_id, domain)
);
CREATE INDEX companies_by_stage ON companies (site_id, stage, domain);
CREATE INDEX companies_by_attention ON companies (site_id, sales_attention, domain);
CREATE INDEX companies_by_update ON companies (updated_at);

CREATE TABLE visitors (
  site_id        TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id             TEXT NOT NULL,               -- consented first-party id or daily salted hash; never an IP
  company_domain TEXT,
  confidence     INTEGER NOT NULL DEFAULT 0,  -- resolver ladder rung; only ever upgraded
  source         TEXT,                        -- 'event' | 'identify' | 'ip-range' | 'as-org' | 'enrichment'
  first_seen     INTEGER NOT NULL,
  last_seen      INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX visitors_by_company ON visitors (site_id, company_domain);

CREATE TABLE events (
  site_id        TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id             TEXT NOT NULL,               -- idempotency key: the same id twice counts once
  ts             INTEGER NOT NULL,
  type           TEXT NOT NULL,
  company_domain TEXT,                        -- NULL while the visitor is unresolved
  visitor_id     TEXT,
  session_id     TEXT,
  category       TEXT,
  form           TEXT,
  url            TEXT,
  engaged_ms     INTEGER,
  scroll_depth   REAL,
  completion     REAL,
  attention      REAL,
  session_ms     INTEGER,
  automated      INTEGER NOT NULL DEFAULT 0,
  received_at    INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
);
CREATE INDEX events_unresolved_by_visitor ON events (site_id, visitor_id, ts) WHERE company_domain IS NULL;
CREATE INDEX events_by_company ON events (site_id, company_domain, ts);
CREATE INDEX events_by_received ON events (received_at);

CREATE TABLE ledger (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id        TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  company_domain TEXT NOT NULL,
  ts             INTEGER NOT NULL,
  delta          REAL NOT NULL,
  score_after    REAL NOT NULL,
  reason         TEXT NOT NULL,
  event_id       TEXT
);
CREATE INDEX ledger_by_company ON ledger (site_id, company_domain, ts);

CREATE TABLE transitions (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id        TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  company_domain TEXT NOT NULL,
  from_stage     TEXT NOT NULL,
  to_stage       TEXT NOT NULL,
  at             INTEGER NOT NULL,
  score          REAL NOT NULL,
  reason         TEXT NOT NULL
);
CREATE INDEX transitions_by_site ON transitions (site_id, at);
CREATE INDEX transitions_by_company ON transitions (site_id, company_domain, at);

-- Optimistic-concurrency guard: an ingest batch inserts NULL here when a versioned UPDATE matched no
-- row, and the NOT NULL constraint then rolls the whole (transactional) D1 batch back. Always empty.
CREATE TABLE ingest_guard (v INTEGER NOT NULL);
