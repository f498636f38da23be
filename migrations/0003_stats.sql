-- Stats aggregates, kept current by the ingest batch (worker/stats/record.ts) so /v1/stats and
-- /dashboard never scan the events table. Days are UTC day numbers (epoch ms / 86,400,000).

-- Net change of each stage's population per day: the count on day D is the running sum up to D.
CREATE TABLE stats_stage_daily (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  day     INTEGER NOT NULL,
  stage   TEXT NOT NULL,
  delta   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, stage)
) WITHOUT ROWID;

-- Stage transitions per day, from → to (forward and backward).
CREATE TABLE stats_transitions_daily (
  site_id    TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  day        INTEGER NOT NULL,
  from_stage TEXT NOT NULL,
  to_stage   TEXT NOT NULL,
  n          INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, from_stage, to_stage)
) WITHOUT ROWID;

-- Finished stays in a stage, by the day they ended, as a histogram of whole hours (< 48 h) or
-- whole days (stored in hours): percentiles of time in stage without one row per stay.
CREATE TABLE stats_dwell_daily (
  site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  day     INTEGER NOT NULL,
  stage   TEXT NOT NULL,
  hours   INTEGER NOT NULL,
  n       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, stage, hours)
) WITHOUT ROWID;

-- One row per company: when it first reached each stage (reaching a stage counts as reaching every
-- stage below it) and since when it is in its current one. Conversion reads covering indexes.
CREATE TABLE stats_reach (
  site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  domain      TEXT NOT NULL,
  r0          INTEGER NOT NULL,   -- first seen (target)
  r1          INTEGER,            -- first reached education
  r2          INTEGER,            -- solution
  r3          INTEGER,            -- evaluation
  r4          INTEGER,            -- ready
  cur_stage   TEXT NOT NULL,
  cur_since   INTEGER NOT NULL,
  PRIMARY KEY (site_id, domain)
) WITHOUT ROWID;
CREATE INDEX stats_reach_r0 ON stats_reach (site_id, r0, r1, r2, r3, r4);
CREATE INDEX stats_reach_r1 ON stats_reach (site_id, r1, r2) WHERE r1 IS NOT NULL;
CREATE INDEX stats_reach_r2 ON stats_reach (site_id, r2, r3) WHERE r2 IS NOT NULL;
CREATE INDEX stats_reach_r3 ON stats_reach (site_id, r3, r4) WHERE r3 IS NOT NULL;

-- Content views per category per day, and how many promotions (forward transitions) that day had
-- a view of the category in the 7 days before.
CREATE TABLE stats_content_daily (
  site_id   TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  day       INTEGER NOT NULL,
  category  TEXT NOT NULL,
  views     INTEGER NOT NULL DEFAULT 0,
  preceded  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, day, category)
) WITHOUT ROWID;

-- Each company's last view per category: what "preceded a promotion within 7 days" reads.
CREATE TABLE stats_recent_content (
  site_id  TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  domain   TEXT NOT NULL,
  category TEXT NOT NULL,
  last_at  INTEGER NOT NULL,
  PRIMARY KEY (site_id, domain, category)
) WITHOUT ROWID;

-- Stage counts and "idle past decay" per stage from one covering index of the companies table;
-- the sales-attention table ordered by score.
CREATE INDEX stats_companies_idle ON companies (site_id, stage, last_engaged_at);
CREATE INDEX stats_companies_attention ON companies (site_id, sales_attention, score);
