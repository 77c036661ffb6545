-- The demo tenant of the local profile: lead list 1 of campaign 1. Idempotent.
INSERT INTO lead_list (tenant_id, id, name, campaign_id) VALUES ('1', 1, 'Demo leads', 1)
ON CONFLICT (tenant_id, id) DO NOTHING;
