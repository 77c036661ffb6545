-- The demo tenant of the local profile, matching the seeds' examples: company 1, legacy password "P@ssword" (stored
-- only as its LegacyPasswords hash), queue 1 "Support" open around the clock with 30-minute slots of five calls, and
-- queue 2 "Sales" that is never open. Repeatable and idempotent: re-running it resets the demo settings.
INSERT INTO service_queue (tenant_id, id, name, time_zone) VALUES
    ('1', 1, 'Support', 'Europe/London'),
    ('1', 2, 'Sales', 'Europe/London')
ON CONFLICT (tenant_id, id) DO NOTHING;

UPDATE service_queue SET name = 'Support', time_zone = 'Europe/London',
    opening_hours = '[{"day":"MONDAY","from":"00:00","to":"24:00"},{"day":"TUESDAY","from":"00:00","to":"24:00"},
        {"day":"WEDNESDAY","from":"00:00","to":"24:00"},{"day":"THURSDAY","from":"00:00","to":"24:00"},
        {"day":"FRIDAY","from":"00:00","to":"24:00"},{"day":"SATURDAY","from":"00:00","to":"24:00"},
        {"day":"SUNDAY","from":"00:00","to":"24:00"}]',
    holidays = '[]', closures = '[]', slot_length_minutes = 30, slot_capacity = 5,
    field_labels = '["Order number", "Topic"]', duplicate_window_seconds = 86400, updated_at = now()
WHERE tenant_id = '1' AND id = 1;

UPDATE service_queue SET name = 'Sales', time_zone = 'Europe/London', opening_hours = '[]', holidays = '[]',
    closures = '[]', slot_length_minutes = 30, slot_capacity = 5, duplicate_window_seconds = 86400, updated_at = now()
WHERE tenant_id = '1' AND id = 2;

INSERT INTO legacy_credential (tenant_id, password_hash) VALUES
    ('1', 'pbkdf2-sha256$120000$X1To95GfcN95N4rzFw+MuA$3Ht0UsAZbR8TU/xWonkRCTnv6IAoIOU/OFZ/lOViz3M')
ON CONFLICT (tenant_id) DO NOTHING;
