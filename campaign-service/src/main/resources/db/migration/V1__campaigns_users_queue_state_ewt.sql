-- Campaigns: the campaign id is also the legacy serviceQueue id of its queue (one queue per campaign).
CREATE TABLE campaign (
    tenant_id   text        NOT NULL,
    id          bigint      NOT NULL,
    name        text        NOT NULL,
    direction   text        NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    active      boolean     NOT NULL DEFAULT true,
    time_zone   text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);

-- Agents and supervisors. An agent serves one campaign at a time; presence is its available flag.
CREATE TABLE app_user (
    tenant_id        text        NOT NULL,
    id               bigint      NOT NULL,
    name             text        NOT NULL,
    email            text,
    user_type        text        NOT NULL CHECK (user_type IN ('agent', 'supervisor')),
    active           boolean     NOT NULL DEFAULT true,
    campaign_id      bigint,
    available        boolean     NOT NULL DEFAULT false,
    presence_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX app_user_staffing ON app_user (tenant_id, campaign_id) WHERE available AND active;

-- Legacy company/password credentials, hashed with LegacyPasswords.
CREATE TABLE company_credential (
    tenant_id     text PRIMARY KEY,
    password_hash text NOT NULL
);

-- Queue events already applied (API or Kafka), so that a redelivered event changes nothing.
CREATE TABLE processed_queue_event (
    tenant_id    text        NOT NULL,
    event_id     text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, event_id)
);

-- Live state of each campaign queue, updated per event; the row lock serialises a queue's events.
CREATE TABLE queue_state (
    tenant_id                 text             NOT NULL,
    campaign_id               bigint           NOT NULL,
    calls_waiting             integer          NOT NULL DEFAULT 0,
    last_service_wait_seconds double precision,
    rates_at                  timestamptz      NOT NULL DEFAULT now(),
    busy_agent_seconds        double precision NOT NULL DEFAULT 0,
    completions               double precision NOT NULL DEFAULT 0,
    waiting_caller_seconds    double precision NOT NULL DEFAULT 0,
    abandonments              double precision NOT NULL DEFAULT 0,
    manual_ewt_seconds        integer,
    manual_ewt_expires_at     timestamptz,
    published_ewt_seconds     integer,
    PRIMARY KEY (tenant_id, campaign_id)
);

-- Calls waiting now, with the EWT they were quoted when they joined. Rows leave when the call is answered or abandoned.
CREATE TABLE waiting_call (
    tenant_id      text             NOT NULL,
    campaign_id    bigint           NOT NULL,
    call_id        text             NOT NULL,
    entered_at     timestamptz      NOT NULL,
    quoted_seconds double precision NOT NULL,
    quoted_lower   double precision NOT NULL,
    quoted_upper   double precision NOT NULL,
    quoted_method  text             NOT NULL,
    PRIMARY KEY (tenant_id, campaign_id, call_id)
);
CREATE INDEX waiting_call_head ON waiting_call (tenant_id, campaign_id, entered_at);

-- Counters per campaign and period (hour or day starting at period_start in the campaign's zone).
CREATE TABLE queue_period_stats (
    tenant_id                  text             NOT NULL,
    campaign_id                bigint           NOT NULL,
    period                     text             NOT NULL CHECK (period IN ('hour', 'day')),
    period_start               timestamptz      NOT NULL,
    calls_received             integer          NOT NULL DEFAULT 0,
    calls_answered             integer          NOT NULL DEFAULT 0,
    calls_abandoned_workflow   integer          NOT NULL DEFAULT 0,
    calls_abandoned_queue      integer          NOT NULL DEFAULT 0,
    waits_counted              integer          NOT NULL DEFAULT 0,
    wait_seconds_total         double precision NOT NULL DEFAULT 0,
    max_wait_seconds           double precision NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, campaign_id, period, period_start)
);

-- How the EWT quoted to each answered caller compared with the wait they had.
CREATE TABLE ewt_accuracy (
    tenant_id          text             NOT NULL,
    campaign_id        bigint           NOT NULL,
    samples            bigint           NOT NULL DEFAULT 0,
    abs_error_total    double precision NOT NULL DEFAULT 0,
    sq_error_total     double precision NOT NULL DEFAULT 0,
    wait_total         double precision NOT NULL DEFAULT 0,
    covered            bigint           NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, campaign_id)
);
