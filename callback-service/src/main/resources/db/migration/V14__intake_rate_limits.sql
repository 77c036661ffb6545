-- Intake rate limits, counted here so every replica shares them: requests per number and queue per clock hour (the
-- queue's max_requests_per_number_per_hour, 0 = no limit; rows written before this migration have none) and
-- requests per tenant per minute (tenant_intake_limit, else the service's configured default).
ALTER TABLE service_queue
    ADD COLUMN max_requests_per_number_per_hour integer NOT NULL DEFAULT 0
        CHECK (max_requests_per_number_per_hour >= 0);

CREATE TABLE tenant_intake_limit (
    tenant_id           text PRIMARY KEY,
    requests_per_minute integer NOT NULL CHECK (requests_per_minute >= 0)
);

-- One counter per scope ('n:' tenant, queue and number; 't:' tenant) and fixed window; old windows are swept.
CREATE TABLE intake_rate (
    scope        text        NOT NULL,
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL,
    PRIMARY KEY (scope, window_start)
);
CREATE INDEX intake_rate_window ON intake_rate (window_start);
