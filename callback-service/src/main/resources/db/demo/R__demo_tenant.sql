-- The demo tenant of the local profile, matching the seeds' examples (company 1). Idempotent.
INSERT INTO service_queue (tenant_id, id, name, time_zone) VALUES
    ('1', 1, 'Support', 'Europe/London'),
    ('1', 2, 'Sales', 'Europe/London')
ON CONFLICT (tenant_id, id) DO NOTHING;
