-- A browser event keeps the salted key of the client that sent it (evidence.ts), so a company's standing can be
-- re-derived from its stored events alone (retro attribution, replays): without it, a replay of browser events
-- could never count two distinct clients and would stop below Ready where the live ingest did not.
ALTER TABLE events ADD COLUMN client TEXT;
