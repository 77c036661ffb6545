-- Lead lists: the containers outbound campaigns dial from. Leads, imports and dialler attempts come with their features.
CREATE TABLE lead_list (
    tenant_id   text        NOT NULL,
    id          bigint      NOT NULL,
    name        text        NOT NULL,
    campaign_id bigint,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
