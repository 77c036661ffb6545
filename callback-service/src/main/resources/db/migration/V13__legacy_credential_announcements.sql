-- Legacy credentials are owned here and announced on switchboard.service-queue-events (hash only). announced_hash is
-- the hash last announced: a row whose hash differs (set by the admin API, the demo seed or an operator) is announced
-- by LegacyCredentialAnnouncer and marked.
ALTER TABLE legacy_credential ADD COLUMN announced_hash text;

