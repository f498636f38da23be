-- Key rotation and dashboard sessions (issue 11).
-- session_version: part of every dashboard cookie; sign-out and secret-key rotation bump it, ending every session.
-- prev_public_key: the public key before the last rotation, still accepted until prev_public_key_until (epoch ms)
-- so pages cached with the old script tag keep sending beacons during the grace period.
ALTER TABLE sites ADD COLUMN session_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sites ADD COLUMN prev_public_key TEXT;
ALTER TABLE sites ADD COLUMN prev_public_key_until INTEGER;
CREATE UNIQUE INDEX sites_by_prev_public_key ON sites (prev_public_key) WHERE prev_public_key IS NOT NULL;
