-- Shared by intake and the dialler lifecycle: when a callback is due, its short PIN for agent screen-pop,
-- and the queue's retry policy for calls that did not reach the customer.
ALTER TABLE service_queue
    ADD COLUMN retry_max_attempts     integer NOT NULL DEFAULT 3 CHECK (retry_max_attempts >= 1),
    ADD COLUMN retry_interval_seconds integer NOT NULL DEFAULT 600 CHECK (retry_interval_seconds >= 0);

ALTER TABLE callback
    ADD COLUMN due_at timestamptz,
    ADD COLUMN pin    text;

UPDATE callback SET due_at = coalesce(scheduled_for, created_at) WHERE due_at IS NULL;

-- A PIN identifies one active callback of the tenant; finished callbacks release theirs.
CREATE UNIQUE INDEX callback_active_pin ON callback (tenant_id, pin)
    WHERE pin IS NOT NULL AND state NOT IN ('SUCCEEDED', 'FAILED', 'CANCELLED');
-- Diallers claim due callbacks of a queue in due order.
CREATE INDEX callback_due ON callback (tenant_id, service_queue_id, due_at)
    WHERE state IN ('PENDING', 'SCHEDULED', 'RESCHEDULED');
