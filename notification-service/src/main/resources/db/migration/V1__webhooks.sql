-- Tenant webhooks: where a tenant wants its callback events POSTed, and the secret their signatures use.
CREATE TABLE webhook (
    id          uuid PRIMARY KEY,
    tenant_id   text        NOT NULL,
    url         text        NOT NULL,
    event_types text[]      NOT NULL DEFAULT '{}',
    secret      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_tenant ON webhook (tenant_id);

-- One row per (webhook, event): every replica inserts it, the unique key keeps one, and one replica claims it.
CREATE TABLE webhook_delivery (
    id              uuid PRIMARY KEY,
    tenant_id       text        NOT NULL,
    webhook_id      uuid        NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    body            text        NOT NULL,
    state           text        NOT NULL,
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_status     int,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT webhook_delivery_once UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_dead ON webhook_delivery (tenant_id, updated_at) WHERE state = 'DEAD';
