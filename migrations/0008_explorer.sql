-- The companies explorer pages every sort order by keyset over an index, and /v1/stats coverage counts visitors
-- seen in a range from a covering index (no table rows read).
CREATE INDEX companies_by_score ON companies (site_id, score, domain);
CREATE INDEX companies_by_engaged ON companies (site_id, last_engaged_at, domain);
CREATE INDEX companies_by_stage_since ON companies (site_id, stage_since, domain);
CREATE INDEX visitors_by_last_seen ON visitors (site_id, last_seen, first_seen, source, company_domain);
