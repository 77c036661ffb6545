-- The transactional outbox, one per service schema. Rows are written in the transaction that changes state and
-- published to Kafka by OutboxRelay (switchboard-common), which marks them sent.
CREATE TABLE outbox_event (
    id           uuid PRIMARY KEY,
    seq          bigint GENERATED ALWAYS AS IDENTITY,
    topic        text        NOT NULL,
    message_key  text,
    event_type   text        NOT NULL,
    payload      text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE UNIQUE INDEX outbox_event_seq ON outbox_event (seq);
-- The relay's only query reads unpublished rows in order: keep that index small.
CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;
