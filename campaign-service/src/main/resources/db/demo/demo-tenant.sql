-- The demo tenant of the local profile, matching the seeds' examples: campaigns 1 and 2, whose queues are callback
-- service's service queues 1 and 2. Idempotent. The queues and the legacy credential (company 1, password P@ssword) are
-- not here: callback-service owns them and they arrive as its events on switchboard.service-queue-events.
INSERT INTO campaign (tenant_id, id, name, direction, active, time_zone) VALUES
    ('1', 1, 'Support Inbound', 'INBOUND', true, 'Europe/London'),
    ('1', 2, 'Sales Outbound', 'OUTBOUND', true, 'Europe/London')
ON CONFLICT (tenant_id, id) DO NOTHING;
INSERT INTO app_user (tenant_id, id, name, email, user_type, active, campaign_id, available) VALUES
    ('1', 1, 'Ada Agent', 'ada@example.com', 'agent', true, 1, false),
    ('1', 2, 'Bob Agent', 'bob@example.com', 'agent', true, 1, false),
    ('1', 3, 'Sue Supervisor', 'sue@example.com', 'supervisor', true, NULL, false)
ON CONFLICT (tenant_id, id) DO NOTHING;
-- lead-service's demo list 1 of campaign 2 (its demo rows are SQL, never announced as events).
INSERT INTO campaign_lead_list (tenant_id, list_id, campaign_id, name, in_dialler, weight, updated_at) VALUES
    ('1', 1, 2, 'Demo leads', true, 1, '2026-01-01T00:00:00Z')
ON CONFLICT (tenant_id, list_id) DO NOTHING;
