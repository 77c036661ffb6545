-- Service queues: a read model of callback-service's queues, written only from its events on
-- switchboard.service-queue-events. A queue exists for campaign-service when its row exists and is not deleted; a
-- deleted queue stays as a tombstone, so that a late copy of an older change cannot bring it back. updated_at is the
-- time of the newest change or deletion applied: anything older is ignored.
CREATE TABLE service_queue (
    tenant_id  text        NOT NULL,
    id         bigint      NOT NULL,
    name       text,
    time_zone  text,
    created_at timestamptz,
    updated_at timestamptz NOT NULL,
    deleted    boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, id)
);

-- company_credential becomes the read model of callback-service's legacy credentials (LegacyCredentialEvents): the
-- PBKDF2 hash of each company's password, never the password. A revoked company keeps a tombstone row without a hash.
-- Rows written before this migration start at -infinity, so the first event about their company supersedes them.
ALTER TABLE company_credential
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT '-infinity',
    ADD COLUMN revoked    boolean     NOT NULL DEFAULT false,
    ALTER COLUMN password_hash DROP NOT NULL;
