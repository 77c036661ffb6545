-- The demo tenant of the local profile: national numbers read as UK numbers, call-log times as London time.
INSERT INTO crm.tenant_settings (tenant_id, default_region, time_zone) VALUES ('1', 'GB', 'Europe/London')
ON CONFLICT (tenant_id) DO NOTHING;
