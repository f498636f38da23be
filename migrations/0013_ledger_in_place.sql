-- One ledger row per event, raised in place (issue 17: rows written per page view). The ledger becomes a
-- WITHOUT ROWID table keyed (site_id, company_domain, ts, entry_key): the key is the only b-tree, so a row costs
-- one row written (it cost three: the row, ledger_by_company and ledger_prunable), and it serves the one read
-- (a company's latest rows, newest first). entry_key is 'e:<event id>' for an event's row, so an engagement update
-- of the event adds to that row (INSERT … ON CONFLICT DO UPDATE) instead of appending one; 'r:<reason>' for rows
-- without an event (decay); 'summary' for retention's fold. Rows written before this keep their own key ('#<id>').
-- Retention folds the ledger by walking companies (worker/cron/retention.ts), so ledger_prunable goes.
CREATE TABLE ledger_new (
  site_id        TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  company_domain TEXT NOT NULL,
  ts             INTEGER NOT NULL,
  entry_key      TEXT NOT NULL,
  delta          REAL NOT NULL,
  score_after    REAL NOT NULL,
  reason         TEXT NOT NULL,
  event_id       TEXT,
  PRIMARY KEY (site_id, company_domain, ts, entry_key)
) WITHOUT ROWID;
INSERT INTO ledger_new (site_id, company_domain, ts, entry_key, delta, score_after, reason, event_id)
  SELECT site_id, company_domain, ts, CASE WHEN reason = 'summary' THEN 'summary' ELSE '#' || printf('%012d', id) END,
    delta, score_after, reason, event_id FROM ledger;
DROP TABLE ledger;
ALTER TABLE ledger_new RENAME TO ledger;
