-- Service queues: where callbacks wait. Opening hours, timeslots and rules hang off a queue.
CREATE TABLE service_queue (
    tenant_id  text        NOT NULL,
    id         bigint      NOT NULL,
    name       text        NOT NULL,
    time_zone  text        NOT NULL DEFAULT 'UTC',
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

-- A callback request, from intake to its last call attempt.
CREATE TABLE callback (
    id                uuid PRIMARY KEY,
    tenant_id         text        NOT NULL,
    confirmation_code text        NOT NULL UNIQUE,
    service_queue_id  bigint      NOT NULL,
    call_type         smallint    NOT NULL CHECK (call_type IN (1, 2)),
    customer_name     text,
    phone_number      text        NOT NULL,
    region            text,
    field1 text, field2 text, field3 text, field4 text, field5 text,
    field6 text, field7 text, field8 text, field9 text, field10 text,
    timeslot_id       integer,
    scheduled_for     timestamptz,
    state             text        NOT NULL,
    last_call_status  text,
    retries           integer     NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           bigint      NOT NULL DEFAULT 0,
    FOREIGN KEY (tenant_id, service_queue_id) REFERENCES service_queue (tenant_id, id)
);

CREATE INDEX callback_tenant_queue_state ON callback (tenant_id, service_queue_id, state);
CREATE INDEX callback_tenant_phone ON callback (tenant_id, phone_number);

-- Every status a dialler reported, in order: the audit trail behind the callback's current state.
CREATE TABLE callback_status_change (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    callback_id uuid        NOT NULL REFERENCES callback (id) ON DELETE CASCADE,
    status      text        NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX callback_status_change_callback ON callback_status_change (callback_id, id);
