-- Every index costs a row written on each ingest that changes its columns (issue 17: rows per page view).
-- companies: one index per (site, stage) and one per (site, sales_attention) serve both the stats and the explorer's
-- filters; the explorer sorts by score / last engaged / stage since over one site's companies (≤ 10,000 rows, a
-- sort in memory, still well under its 300 ms page budget) instead of keeping an index per sort order.
DROP INDEX IF EXISTS companies_by_stage;
DROP INDEX IF EXISTS companies_by_attention;
DROP INDEX IF EXISTS companies_by_score;
DROP INDEX IF EXISTS companies_by_engaged;
DROP INDEX IF EXISTS companies_by_stage_since;
-- events: retention walks the table in rowid order (rows arrive in received order), so it needs no index on received_at.
DROP INDEX IF EXISTS events_by_received;
