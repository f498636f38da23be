-- Company resolution and visitor identity: a site's IP ranges, learned AS-organisation names, daily visitor salts, enrichment cache.
-- No table here holds a raw IP address: ranges are stored as 128-bit hex bounds, cache keys are salted HMACs.

-- A site's own IP ranges → company. IPv4 is mapped into ::ffff:0:0/96, so both families share one ordering.
-- Longest prefix in one query of primary-key probes: a containing range starts at the address masked to its prefix,
-- so the resolver asks for those starts only (worker/identity/resolve.ts), however many ranges a site has.
CREATE TABLE ip_ranges (
  site_id    TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  start_hex  TEXT NOT NULL,                   -- 32 lowercase hex digits, network address
  end_hex    TEXT NOT NULL,                   -- 32 lowercase hex digits, last address
  prefix     INTEGER NOT NULL,                -- 0–128 in the 128-bit space (IPv4 /24 is 120)
  domain     TEXT NOT NULL,                   -- registrable company domain
  name       TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, start_hex, prefix)
);
CREATE INDEX ip_ranges_by_domain ON ip_ranges (site_id, domain);

-- AS organisation name (normalised) → company domain, learned per site from evidence (an identified visitor on a
-- company's own network, or a named IP range). A name seen with two different domains becomes ambiguous (domain NULL).
CREATE TABLE org_domains (
  site_id    TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  org_key    TEXT NOT NULL,
  domain     TEXT,
  seen       INTEGER NOT NULL DEFAULT 1,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, org_key)
);
CREATE INDEX org_domains_by_domain ON org_domains (site_id, domain);

-- One random secret per UTC day for anonymous visitor ids; today's and yesterday's are kept, older ones deleted.
CREATE TABLE visitor_salts (
  day        INTEGER PRIMARY KEY,             -- days since the epoch (UTC)
  salt       TEXT NOT NULL,                   -- 32 random bytes, hex
  created_at INTEGER NOT NULL
);

-- Enrichment provider answers (IP → domain), keyed by HMAC(day salt, IP) so keys become unlinkable once the salt goes.
CREATE TABLE enrichment_cache (
  key        TEXT PRIMARY KEY,
  domain     TEXT,                            -- NULL: the provider knew no company (or failed), cached briefly
  name       TEXT,
  expires_at INTEGER NOT NULL
);
CREATE INDEX enrichment_cache_by_expiry ON enrichment_cache (expires_at);

-- Erasure of one visitor (DELETE /v1/visitors/:id) finds their events without scanning the site's events.
CREATE INDEX events_by_visitor ON events (site_id, visitor_id) WHERE visitor_id IS NOT NULL;
