-- Loads :records CRM records for tenant :tenant into crm-service's schema (psql variables; run by run.sh).
-- The VACUUM at the end sets the visibility map and clears the index entries of the rows a reload deleted, as
-- autovacuum would in time; without it the first scans after a load read thousands of pages.
-- Names are built from syllables so that prefixes are shared the way real names share them: 64 first names,
-- 8,000 surnames, 8,000 companies; every record has a mobile (+4474 and eight digits: 074... nationally), half have a
-- London business number, all have a unique e-mail address.
\set ON_ERROR_STOP on
BEGIN;
DELETE FROM crm.contact WHERE tenant_id = :'tenant';
INSERT INTO crm.tenant_settings (tenant_id, default_region, time_zone) VALUES (:'tenant', 'GB', 'Europe/London')
ON CONFLICT (tenant_id) DO UPDATE SET default_region = 'GB', time_zone = 'Europe/London';
WITH first AS (
    SELECT ARRAY['James','Ada','Grace','Alan','Linus','Margaret','Edsger','Barbara','Donald','Frances','John','Mary',
                 'Dennis','Radia','Ken','Sophie','Tim','Hedy','Bjarne','Anita','Guido','Karen','Niklaus','Joan',
                 'Claude','Annie','Leslie','Shafi','Vint','Lynn','Robert','Susan','Brian','Carol','Alice','David',
                 'Emma','Oliver','Amelia','Harry','Isla','Jack','Ava','George','Mia','Noah','Ivy','Leo','Lily',
                 'Oscar','Rosie','Arthur','Freya','Henry','Ella','Theo','Grace','Jacob','Evie','Thomas','Ruby',
                 'Charlie','Poppy','Archie'] AS names
), syllables AS (
    SELECT ARRAY['ma','ke','lo','ri','sa','to','ne','vi','da','pe','ru','go','li','fa','mo','be','ha','ty','qu','zo']
           AS s
)
INSERT INTO crm.contact (id, tenant_id, firstname, lastname, customer_number, company, businessphone, businessphone2,
                         mobilephone, email, entity_type)
SELECT gen_random_uuid(), :'tenant',
       first.names[1 + i % 64],
       initcap(sy.s[1 + i % 20] || sy.s[1 + (i / 20) % 20] || sy.s[1 + (i / 400) % 20] || 'n'),
       (3000000 + i)::text,
       initcap(sy.s[1 + (i / 7) % 20] || sy.s[1 + (i / 140) % 20] || sy.s[1 + (i / 2800) % 20]) || ' Ltd',
       CASE WHEN i % 2 = 0 THEN '+4420' || lpad(((i::bigint * 7919) % 100000000)::text, 8, '0') END,
       NULL,
       '+4474' || lpad(i::text, 8, '0'),
       lower(first.names[1 + i % 64]) || '.' || i || '@example' || (i % 50) || '.com',
       (ARRAY['Account','Contact','Lead'])[1 + i % 3]
FROM generate_series(1, :records) AS i, first, syllables sy;
COMMIT;
VACUUM (ANALYZE) crm.contact;
