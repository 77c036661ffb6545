-- Customer erasure (GDPR): requests already answered, by erasure id, with what the first delivery erased. A
-- redelivered request erases nothing more and answers with these counts again. No personal data.
CREATE TABLE processed_erasure (
    tenant_id    text        NOT NULL,
    erasure_id   text        NOT NULL,
    callbacks    bigint      NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, erasure_id)
);
