-- Lead lists of each campaign: a read model of lead-service's lists (switchboard.lead-events), for the Platform API's
-- campaign details. lead-service owns the lists; this table is only ever written from its events.
CREATE TABLE campaign_lead_list (
    tenant_id   text        NOT NULL,
    list_id     bigint      NOT NULL,
    campaign_id bigint      NOT NULL,
    name        text        NOT NULL,
    in_dialler  boolean     NOT NULL,
    weight      integer     NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, list_id)
);
CREATE INDEX campaign_lead_list_campaign ON campaign_lead_list (tenant_id, campaign_id);
