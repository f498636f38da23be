-- Every index costs a row written per change of its columns. companies.updated_at is written on every company
-- update and read by no query, so its index only cost writes (issue: cost per page view).
DROP INDEX IF EXISTS companies_by_update;
