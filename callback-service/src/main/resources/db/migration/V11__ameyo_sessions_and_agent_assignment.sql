-- Ameyo API sessions: opened with the tenant's legacy credentials, sent back in the sessionId header. Only a hash of
-- the session id is stored, so the table alone lets nobody in.
CREATE TABLE ameyo_session (
    token_hash text PRIMARY KEY,
    tenant_id  text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);

CREATE INDEX ameyo_session_expiry ON ameyo_session (expires_at);

-- A callback may be assigned to an agent (Ameyo userId); selfCallback marks one the agent scheduled for themself.
-- customer_ref is the numeric customerId Ameyo clients expect.
ALTER TABLE callback
    ADD COLUMN user_id       text,
    ADD COLUMN self_callback boolean NOT NULL DEFAULT false,
    ADD COLUMN customer_ref  bigint GENERATED ALWAYS AS IDENTITY;

CREATE INDEX callback_tenant_due ON callback (tenant_id, due_at)
    WHERE state IN ('PENDING', 'SCHEDULED', 'RESCHEDULED', 'CLAIMED');
