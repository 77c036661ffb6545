-- Read models kept from other services' events (never their schemas).
-- Campaigns from switchboard.campaign-events: names, time zones, existence. A deleted campaign keeps its row, marked.
CREATE TABLE campaign_ref (
    tenant_id  text        NOT NULL,
    id         bigint      NOT NULL,
    name       text        NOT NULL,
    time_zone  text        NOT NULL,
    active     boolean     NOT NULL DEFAULT true,
    deleted    boolean     NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- Users (agents) from switchboard.agent-events: a lead's agentFullName.
CREATE TABLE agent_ref (
    tenant_id  text        NOT NULL,
    id         bigint      NOT NULL,
    name       text        NOT NULL,
    deleted    boolean     NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- Each campaign's dialling policy (lead-service's own; defaults when a campaign has no row).
CREATE TABLE dialling_policy (
    tenant_id            text     NOT NULL,
    campaign_id          bigint   NOT NULL,
    window_start         time     NOT NULL,
    window_end           time     NOT NULL,
    retry_minutes        integer  NOT NULL,
    max_attempts         integer  NOT NULL,
    completing_statuses  integer[] NOT NULL,
    outcome_type         text     NOT NULL,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, campaign_id)
);

-- Lists: ids from one sequence; the demo tenant's list 1 predates it.
CREATE SEQUENCE lead_list_id_seq START 1000;
ALTER TABLE lead_list
    ALTER COLUMN id SET DEFAULT nextval('lead_list_id_seq'),
    ALTER COLUMN campaign_id SET NOT NULL,
    ADD COLUMN in_dialler   boolean     NOT NULL DEFAULT true,
    ADD COLUMN weight       integer     NOT NULL DEFAULT 1,
    ADD COLUMN default_list boolean     NOT NULL DEFAULT false,
    ADD COLUMN updated_at   timestamptz NOT NULL DEFAULT now();
-- One default list per campaign (the Buzzeasy Campaign API's contacts go there).
CREATE UNIQUE INDEX lead_list_default ON lead_list (tenant_id, campaign_id) WHERE default_list;
CREATE INDEX lead_list_campaign ON lead_list (tenant_id, campaign_id, id);

-- Leads. Phones are E.164 (common's PhoneNumbers). The lease columns are a dialler's claim.
CREATE SEQUENCE lead_id_seq;
CREATE TABLE lead (
    tenant_id          text        NOT NULL,
    id                 bigint      NOT NULL DEFAULT nextval('lead_id_seq'),
    list_id            bigint      NOT NULL,
    campaign_id        bigint      NOT NULL,
    customer_key       text,
    time_zone          text,
    phone1             text,
    phone2             text,
    phone3             text,
    lead_data          jsonb       NOT NULL DEFAULT '{}',
    status_code        integer,
    status_description text,
    agent_id           bigint,
    completed          boolean     NOT NULL DEFAULT false,
    completed_at       timestamptz,
    next_attempt_at    timestamptz,
    attempts           integer     NOT NULL DEFAULT 0,
    last_attempt_at    timestamptz,
    last_attempt_id    bigint,
    last_activity_id   bigint,
    root_activity_id   bigint,
    lease_id           uuid,
    lease_holder       text,
    lease_expires_at   timestamptz,
    import_id          uuid,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
-- Duplicates: one customerKey per list.
CREATE UNIQUE INDEX lead_customer_key ON lead (tenant_id, list_id, customer_key) WHERE customer_key IS NOT NULL;
-- Claims: a campaign's open leads by due time.
CREATE INDEX lead_due ON lead (tenant_id, campaign_id, next_attempt_at) WHERE NOT completed;

-- Duplicates: one lead per phone number and campaign. Also how erasure and the do-not-call list find numbers.
CREATE TABLE lead_phone (
    tenant_id   text   NOT NULL,
    phone       text   NOT NULL,
    campaign_id bigint NOT NULL,
    lead_id     bigint NOT NULL,
    PRIMARY KEY (tenant_id, phone, campaign_id)
);
-- No index by lead: a lead's rows are found by its own phones (tenant, phone), which keeps imports' index work down.

-- The tenant's do-not-call list, honoured when diallers claim leads.
CREATE TABLE do_not_call (
    tenant_id  text        NOT NULL,
    phone      text        NOT NULL,
    reason     text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, phone)
);

-- Dialler attempts. activity_id is a platform-wide id (PlatformIds); crm-service records the activity under it.
CREATE SEQUENCE lead_attempt_id_seq;
CREATE TABLE lead_attempt (
    tenant_id          text        NOT NULL,
    id                 bigint      NOT NULL DEFAULT nextval('lead_attempt_id_seq'),
    lead_id            bigint      NOT NULL,
    campaign_id        bigint      NOT NULL,
    list_id            bigint      NOT NULL,
    lease_id           uuid,
    phone_index        integer     NOT NULL,
    phone_number       text,
    dial_status_id     integer     NOT NULL,
    dial_status_name   text,
    type               text        NOT NULL,
    started_at         timestamptz NOT NULL,
    ended_at           timestamptz,
    agent_id           bigint,
    activity_id        bigint      NOT NULL,
    parent_activity_id bigint,
    root_activity_id   bigint,
    created_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
-- A lease reports one attempt: a dialler's retry of the same report finds the first.
CREATE UNIQUE INDEX lead_attempt_lease ON lead_attempt (tenant_id, lease_id) WHERE lease_id IS NOT NULL;
CREATE INDEX lead_attempt_lead ON lead_attempt (tenant_id, lead_id);
CREATE INDEX lead_attempt_started ON lead_attempt (tenant_id, started_at);

-- Bulk imports. The uploaded bytes are staged in lead_import_chunk until the import is done, so that any replica can
-- resume an import whose replica died; rows_read counts the rows committed so far.
CREATE TABLE lead_import (
    id               uuid        PRIMARY KEY,
    tenant_id        text        NOT NULL,
    format           text        NOT NULL CHECK (format IN ('json', 'csv')),
    list_id          bigint,
    status           text        NOT NULL CHECK (status IN ('uploading', 'queued', 'running', 'completed', 'failed')),
    bytes            bigint      NOT NULL DEFAULT 0,
    chunks           integer     NOT NULL DEFAULT 0,
    rows_read        bigint      NOT NULL DEFAULT 0,
    accepted         bigint      NOT NULL DEFAULT 0,
    rejected         bigint      NOT NULL DEFAULT 0,
    duplicates       bigint      NOT NULL DEFAULT 0,
    errors           bigint      NOT NULL DEFAULT 0,
    work_millis      bigint      NOT NULL DEFAULT 0,
    runs             integer     NOT NULL DEFAULT 0,
    lease_holder     text,
    lease_expires_at timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    completed_at     timestamptz
);
CREATE INDEX lead_import_open ON lead_import (status, created_at) WHERE status IN ('queued', 'running');
CREATE INDEX lead_import_tenant ON lead_import (tenant_id, id);

CREATE TABLE lead_import_chunk (
    import_id uuid    NOT NULL,
    seq       integer NOT NULL,
    data      bytea   NOT NULL,
    PRIMARY KEY (import_id, seq)
);
-- Out of line, uncompressed: staging is written once and read once, so compression would only cost CPU.
ALTER TABLE lead_import_chunk ALTER COLUMN data SET STORAGE EXTERNAL;

-- Rejected rows of an import, in upload order (row numbered from 1), one entry per field.
CREATE TABLE lead_import_error (
    import_id uuid    NOT NULL,
    seq       bigint  NOT NULL,
    row_no    bigint  NOT NULL,
    field     text,
    message   text    NOT NULL,
    PRIMARY KEY (import_id, seq)
);

-- Erasure requests already answered (idempotency by erasure id).
CREATE TABLE processed_erasure (
    tenant_id    text        NOT NULL,
    erasure_id   text        NOT NULL,
    leads        bigint      NOT NULL,
    attempts     bigint      NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, erasure_id)
);
