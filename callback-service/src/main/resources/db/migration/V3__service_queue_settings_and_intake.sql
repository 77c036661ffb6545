-- A service queue's settings. Opening hours, holidays, closures and field labels are read and written as a whole with
-- their queue (the admin API replaces the queue's definition), so they live in jsonb columns of the queue row; number
-- lists can be long and are matched in SQL, so they have a table of their own.
-- A queue row without settings of its own is open around the clock with 30-minute slots of five calls, and has no
-- duplicate window (rows written before this migration or by fixtures keep taking every request); the admin API
-- gives new queues a one-day window unless told otherwise.
ALTER TABLE service_queue
    ADD COLUMN opening_hours jsonb NOT NULL DEFAULT
        '[{"day":"MONDAY","from":"00:00","to":"24:00"},{"day":"TUESDAY","from":"00:00","to":"24:00"},
          {"day":"WEDNESDAY","from":"00:00","to":"24:00"},{"day":"THURSDAY","from":"00:00","to":"24:00"},
          {"day":"FRIDAY","from":"00:00","to":"24:00"},{"day":"SATURDAY","from":"00:00","to":"24:00"},
          {"day":"SUNDAY","from":"00:00","to":"24:00"}]',
    ADD COLUMN holidays                 jsonb   NOT NULL DEFAULT '[]',
    ADD COLUMN closures                 jsonb   NOT NULL DEFAULT '[]',
    ADD COLUMN slot_length_minutes      integer NOT NULL DEFAULT 30
        CHECK (slot_length_minutes BETWEEN 5 AND 1440 AND 1440 % slot_length_minutes = 0),
    ADD COLUMN slot_capacity            integer NOT NULL DEFAULT 5 CHECK (slot_capacity >= 0),
    ADD COLUMN field_labels             jsonb   NOT NULL DEFAULT '[]',
    ADD COLUMN duplicate_window_seconds integer NOT NULL DEFAULT 0 CHECK (duplicate_window_seconds >= 0),
    ADD COLUMN updated_at               timestamptz NOT NULL DEFAULT now();

-- White and black lists: an entry is an E.164 number, or a prefix when is_prefix.
CREATE TABLE service_queue_number_list (
    tenant_id text    NOT NULL,
    queue_id  bigint  NOT NULL,
    kind      text    NOT NULL CHECK (kind IN ('WHITE', 'BLACK')),
    entry     text    NOT NULL,
    is_prefix boolean NOT NULL,
    PRIMARY KEY (tenant_id, queue_id, kind, entry),
    FOREIGN KEY (tenant_id, queue_id) REFERENCES service_queue (tenant_id, id) ON DELETE CASCADE
);

-- Every change of a queue's settings, written in the transaction that makes it.
CREATE TABLE service_queue_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   text        NOT NULL,
    queue_id    bigint      NOT NULL,
    action      text        NOT NULL CHECK (action IN ('CREATED', 'UPDATED', 'DELETED')),
    actor       text,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    before      jsonb,
    after       jsonb
);

CREATE INDEX service_queue_audit_queue ON service_queue_audit (tenant_id, queue_id, id);

-- The legacy company/password credential of a tenant (company id = tenant id), hashed with LegacyPasswords; shared
-- by every legacy facade of the service.
CREATE TABLE IF NOT EXISTS legacy_credential (
    tenant_id     text PRIMARY KEY,
    password_hash text NOT NULL
);

-- Responses to modern POSTs that carried an Idempotency-Key, replayed when the same key comes again.
CREATE TABLE idempotency_key (
    tenant_id           text        NOT NULL,
    idempotency_key     text        NOT NULL,
    request_fingerprint text        NOT NULL,
    status              integer     NOT NULL,
    body                text,
    location            text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, idempotency_key)
);

-- Slot capacity is counted per slot start; repeat requests are found by number.
CREATE INDEX callback_slot ON callback (tenant_id, service_queue_id, scheduled_for) WHERE scheduled_for IS NOT NULL;
