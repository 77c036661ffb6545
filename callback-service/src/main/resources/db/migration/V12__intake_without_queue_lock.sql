-- Intake without a queue-wide lock: every rule is kept by a row or an index of its own.
--
-- Duplicates: dedup_key holds the number of an active callback that a repeat request for the same number in the same
-- queue should find (null when the queue has no duplicate window). One active callback per key and queue, enforced by
-- a unique partial index that INSERT ... ON CONFLICT uses; the finished states leave the index by its predicate.
ALTER TABLE callback ADD COLUMN dedup_key text;

UPDATE callback c SET dedup_key = c.phone_number
FROM (SELECT DISTINCT ON (tenant_id, service_queue_id, phone_number) id
      FROM callback WHERE state NOT IN ('CANCELLED', 'FAILED', 'SUCCEEDED')
      ORDER BY tenant_id, service_queue_id, phone_number, created_at DESC) newest,
     service_queue q
WHERE c.id = newest.id AND q.tenant_id = c.tenant_id AND q.id = c.service_queue_id
  AND q.duplicate_window_seconds > 0;

CREATE UNIQUE INDEX callback_active_duplicate ON callback (tenant_id, service_queue_id, dedup_key)
    WHERE dedup_key IS NOT NULL AND state NOT IN ('CANCELLED', 'FAILED', 'SUCCEEDED');

-- Slot capacity: one counter row per booked slot, taken with a conditional increment (taken < capacity), so the last
-- place goes to exactly one request and only requests for the same slot wait for each other. A cancelled callback
-- gives its place back.
CREATE TABLE timeslot_usage (
    tenant_id        text        NOT NULL,
    service_queue_id bigint      NOT NULL,
    slot_start       timestamptz NOT NULL,
    taken            integer     NOT NULL CHECK (taken >= 0),
    PRIMARY KEY (tenant_id, service_queue_id, slot_start),
    FOREIGN KEY (tenant_id, service_queue_id) REFERENCES service_queue (tenant_id, id) ON DELETE CASCADE
);

INSERT INTO timeslot_usage (tenant_id, service_queue_id, slot_start, taken)
SELECT tenant_id, service_queue_id, scheduled_for, count(*) FROM callback
WHERE scheduled_for IS NOT NULL AND state <> 'CANCELLED'
GROUP BY tenant_id, service_queue_id, scheduled_for;
