-- Dialler lifecycle: a claim leases a due callback to one dialler until lease_expires_at; lease_id is the token the
-- holder shows when it reports progress, lease_seconds the length each report renews. announced_due_at remembers
-- the due moment last published as switchboard.callback.due, so every replica announces each moment once.
ALTER TABLE callback
    ADD COLUMN lease_id         uuid,
    ADD COLUMN lease_holder     text,
    ADD COLUMN lease_seconds    integer,
    ADD COLUMN lease_expires_at timestamptz,
    ADD COLUMN announced_due_at timestamptz;

-- Claimed and in-progress callbacks whose lease ran out are due again.
CREATE INDEX callback_lease_expiry ON callback (tenant_id, service_queue_id, lease_expires_at)
    WHERE state IN ('CLAIMED', 'IN_PROGRESS');
-- The due-announcement scheduler looks across tenants.
CREATE INDEX callback_due_announcement ON callback (due_at)
    WHERE state IN ('SCHEDULED', 'RESCHEDULED');

-- legacy_credential (company id = tenant id, LegacyPasswords hash) is created by V3 and shared by every legacy
-- facade: the Buzzeasy Callback Service, BuzzMeInfo and Ameyo sessions.
