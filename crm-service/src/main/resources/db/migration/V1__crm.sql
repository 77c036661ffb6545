-- crm-service: tenant settings, SwitchTransact API keys, CRM contacts and call logs, activities, media, erasures.

-- How a tenant's national phone numbers and local times are read (SwitchTransact sends both without a region or zone).
CREATE TABLE tenant_settings (
    tenant_id      text PRIMARY KEY,
    default_region text        NOT NULL,
    time_zone      text        NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- SwitchTransact API keys: only the SHA-256 of the key is kept (the key is 256 random bits, shown once).
CREATE TABLE api_key (
    id           uuid PRIMARY KEY,
    tenant_id    text        NOT NULL,
    name         text        NOT NULL,
    key_hash     bytea       NOT NULL UNIQUE,
    key_prefix   text        NOT NULL,
    permissions  text[]      NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_key_tenant ON api_key (tenant_id, created_at, id);

-- CRM records. Phones are stored in E.164; lower-case "C"-collated prefix indexes serve the autocomplete (a range
-- scan per field that stops at the first row) and the exact lookups by phone and e-mail.
CREATE TABLE contact (
    id              uuid PRIMARY KEY,
    tenant_id       text        NOT NULL,
    firstname       text,
    lastname        text,
    customer_number text,
    company         text,
    businessphone   text,
    businessphone2  text,
    mobilephone     text,
    email           text,
    entity_type     text        NOT NULL CHECK (entity_type IN ('Account', 'Contact', 'Lead')),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_mobilephone ON contact (tenant_id, mobilephone COLLATE "C") WHERE mobilephone IS NOT NULL;
CREATE INDEX contact_businessphone ON contact (tenant_id, businessphone COLLATE "C") WHERE businessphone IS NOT NULL;
CREATE INDEX contact_businessphone2 ON contact (tenant_id, businessphone2 COLLATE "C")
    WHERE businessphone2 IS NOT NULL;
CREATE INDEX contact_email ON contact (tenant_id, lower(email) COLLATE "C") WHERE email IS NOT NULL;
CREATE INDEX contact_firstname ON contact (tenant_id, lower(firstname) COLLATE "C") WHERE firstname IS NOT NULL;
CREATE INDEX contact_lastname ON contact (tenant_id, lower(lastname) COLLATE "C") WHERE lastname IS NOT NULL;
CREATE INDEX contact_company ON contact (tenant_id, lower(company) COLLATE "C") WHERE company IS NOT NULL;

-- Activities: the platform's call history, from call logs, dialler attempts and finished callbacks. (source,
-- source_ref) names the source record, so a redelivered event never makes a second activity.
CREATE TABLE activity (
    id                 bigint PRIMARY KEY,
    tenant_id          text        NOT NULL,
    type               text        NOT NULL,
    source             text        NOT NULL,
    source_ref         text        NOT NULL,
    campaign_id        bigint,
    parent_activity_id bigint,
    root_activity_id   bigint,
    phone_number       text,
    started_at         timestamptz NOT NULL,
    ended_at           timestamptz,
    data               jsonb       NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    erased_at          timestamptz,
    UNIQUE (tenant_id, source, source_ref)
);
CREATE INDEX activity_started ON activity (tenant_id, started_at, id);
CREATE INDEX activity_phone ON activity (tenant_id, phone_number) WHERE phone_number IS NOT NULL;

-- SwitchTransact call logs as they were given (the activity is their Platform API face).
CREATE TABLE call_log (
    id                         uuid PRIMARY KEY,
    tenant_id                  text        NOT NULL,
    activity_id                bigint      NOT NULL,
    call_type                  text        NOT NULL,
    call_direction             text        NOT NULL,
    phone_number               text,
    name                       text,
    entity_id                  text,
    entity_type                text,
    agent_first_name           text,
    agent_last_name            text,
    agent_email                text,
    duration_seconds           integer,
    duration_timespan_seconds  integer,
    started_at                 timestamptz NOT NULL,
    ended_at                   timestamptz,
    created_at                 timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_log_phone ON call_log (tenant_id, phone_number);
CREATE INDEX call_log_entity ON call_log (tenant_id, entity_id) WHERE entity_id IS NOT NULL;

-- What crm-service has heard of each callback on switchboard.callback-events, until it finishes as an activity.
CREATE TABLE callback_call (
    tenant_id         text        NOT NULL,
    confirmation_code text        NOT NULL,
    service_queue     bigint,
    call_type         integer,
    phone_number      text,
    customer_name     text,
    requested_at      timestamptz,
    first_attempt_at  timestamptz,
    activity_id       bigint,
    PRIMARY KEY (tenant_id, confirmation_code)
);
CREATE INDEX callback_call_phone ON callback_call (tenant_id, phone_number) WHERE phone_number IS NOT NULL;

-- Recordings and voicemails. storage_key is null once the bytes are gone (deleted or erased); the record stays.
CREATE TABLE media (
    id               bigint PRIMARY KEY,
    tenant_id        text        NOT NULL,
    type             text        NOT NULL CHECK (type IN ('recording', 'voicemail')),
    activity_id      bigint      NOT NULL,
    duration_seconds integer,
    content_type     text        NOT NULL,
    size_bytes       bigint      NOT NULL,
    storage_key      text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    created_by       text,
    deleted_at       timestamptz,
    deleted_by       text,
    deletion_reason  text
);
CREATE INDEX media_activity ON media (tenant_id, activity_id);
-- Bytes whose record says deleted but which the store still holds (a failed delete is retried from here).
CREATE INDEX media_bytes_to_delete ON media (deleted_at) WHERE deleted_at IS NOT NULL AND storage_key IS NOT NULL;

-- Customer erasures (GDPR): the audit keeps who asked, when, and what was erased, and no personal data.
CREATE TABLE erasure (
    id               uuid PRIMARY KEY,
    tenant_id        text        NOT NULL,
    requested_by     text,
    requested_at     timestamptz NOT NULL DEFAULT now(),
    by_phone         boolean     NOT NULL,
    by_email         boolean     NOT NULL,
    participants     text[]      NOT NULL,
    request_event_id uuid        NOT NULL,
    crm_erased       jsonb       NOT NULL,
    completed_at     timestamptz
);
CREATE INDEX erasure_tenant ON erasure (tenant_id, requested_at);

CREATE TABLE erasure_answer (
    erasure_id  uuid        NOT NULL REFERENCES erasure (id),
    service     text        NOT NULL,
    erased      jsonb       NOT NULL,
    answered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (erasure_id, service)
);
