-- Trust at the public edge (issue 11): where each event came from, how a visitor id became known, dead letters.

-- 'server' (secret-key /v1/events) or 'browser' (a beacon); NULL: stored before this migration, read as 'browser'
-- (the cautious reading: browser evidence alone cannot take a company to Ready).
ALTER TABLE events ADD COLUMN source TEXT;

-- First time a browser beacon named this visitor id, and first time the secret-key API linked it to a company.
-- /v1/stage shows a linked visitor its company's stage only when a browser used the id before the link.
ALTER TABLE visitors ADD COLUMN browser_seen INTEGER;
ALTER TABLE visitors ADD COLUMN linked_at INTEGER;

-- Queue messages that failed on their own (their neighbours were stored): kept for inspection, never retried.
-- body is the message as JSON without the raw IP; visitor_id lets visitor erasure find it.
CREATE TABLE dead_letters (
  id         TEXT PRIMARY KEY NOT NULL,
  site_id    TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  queue      TEXT NOT NULL,
  visitor_id TEXT,
  body       TEXT NOT NULL,
  error      TEXT NOT NULL,
  attempts   INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX dead_letters_by_site ON dead_letters (site_id, created_at);
