-- The demo tenant of the local profile. Idempotent.
-- Read models of campaign-service's demo rows, which are loaded as SQL and so never announced as events: campaigns 1
-- and 2 and the users (campaign-service's db/demo/demo-tenant.sql).
INSERT INTO campaign_ref (tenant_id, id, name, time_zone, active, updated_at) VALUES
    ('1', 1, 'Support Inbound', 'Europe/London', true, '2026-01-01T00:00:00Z'),
    ('1', 2, 'Sales Outbound', 'Europe/London', true, '2026-01-01T00:00:00Z')
ON CONFLICT (tenant_id, id) DO NOTHING;
INSERT INTO agent_ref (tenant_id, id, name, updated_at) VALUES
    ('1', 1, 'Ada Agent', '2026-01-01T00:00:00Z'),
    ('1', 2, 'Bob Agent', '2026-01-01T00:00:00Z'),
    ('1', 3, 'Sue Supervisor', '2026-01-01T00:00:00Z')
ON CONFLICT (tenant_id, id) DO NOTHING;
-- Lead list 1 of the outbound campaign (campaign-service's demo SQL lists it for campaign 2 too).
INSERT INTO lead_list (tenant_id, id, name, campaign_id) VALUES ('1', 1, 'Demo leads', 2)
ON CONFLICT (tenant_id, id) DO NOTHING;
