-- Fewer rows written per page view (issue 17). Each index costs a row written on every ingest that changes its columns.
--
-- events: a WITHOUT ROWID table keyed (site_id, id), so the key is the table (the rowid table wrote the row and its
-- key's index). One index is left, by visitor: /v1/stage's own-events read, visitor erasure and the retroactive
-- attribution of a visitor's unresolved events (it replaces events_unresolved_by_visitor). events_by_company goes: no
-- ingest or lookup reads events by company; company erasure reads the site's events by key instead (rare, and rows
-- read cost a thousandth of rows written). Retention walks the key with a cursor (worker/cron/retention.ts).
CREATE TABLE events_new (
  site_id        TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id             TEXT NOT NULL,
  ts             INTEGER NOT NULL,
  type           TEXT NOT NULL,
  company_domain TEXT,
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
  source         TEXT,
  client         TEXT,
  PRIMARY KEY (site_id, id)
) WITHOUT ROWID;
INSERT INTO events_new (site_id, id, ts, type, company_domain, visitor_id, session_id, category, form, url, engaged_ms,
    scroll_depth, completion, attention, session_ms, automated, received_at, source, client)
  SELECT site_id, id, ts, type, company_domain, visitor_id, session_id, category, form, url, engaged_ms,
    scroll_depth, completion, attention, session_ms, automated, received_at, source, client FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_by_visitor ON events (site_id, visitor_id) WHERE visitor_id IS NOT NULL;

-- transitions: read by company only (a company's page, company erasure); nothing reads them by site and time.
DROP INDEX IF EXISTS transitions_by_site;

-- companies: one index for the stats' stage counts (with idle), the ready list by score and the sales-attention
-- table, instead of one per query: the two it replaces were both rewritten on every score change.
DROP INDEX IF EXISTS stats_companies_idle;
DROP INDEX IF EXISTS stats_companies_attention;
CREATE INDEX companies_by_standing ON companies (site_id, stage, sales_attention, score, last_engaged_at);

-- stats_reach: the funnel's covering index (site_id, r0, r1, r2, r3, r4) also answers the conversion of stages 1-3
-- (a walk over the site's entries of that index, no table read); the three partial indexes were written on every promotion.
DROP INDEX IF EXISTS stats_reach_r1;
DROP INDEX IF EXISTS stats_reach_r2;
DROP INDEX IF EXISTS stats_reach_r3;
