package io.switchboard.callback;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.EventType;
import io.switchboard.common.outbox.OutboxRelay;

/**
 * Transitional: the outbox for code that still works through Hibernate Reactive sessions, until callback-service moves
 * to repositories over the reactive pool and common's {@code Outbox.inTransaction(tx -> ...)} (issue 11). Writes the
 * same rows, in the same table, with the same codec.
 */
@ApplicationScoped
public class PanacheOutbox {

    private final CloudEventCodec codec;
    private final OutboxRelay relay;
    private final String source;

    public PanacheOutbox(CloudEventCodec codec, OutboxRelay relay,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.codec = codec;
        this.relay = relay;
        this.source = "/switchboard/" + applicationName;
    }

    /** Runs the work in one Hibernate transaction, then has the relay publish its events at once. */
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::kick);
    }

    /** Appends an event in the current Hibernate transaction. */
    public <T> Uni<CloudEvent> append(EventType<T> type, String key, String subject, String tenantId, T data) {
        CloudEvent event = codec.create(source, type, subject, tenantId, data);
        OutboxRow row = new OutboxRow();
        row.id = UUID.fromString(event.id());
        row.topic = type.topic();
        row.messageKey = key;
        row.eventType = type.type();
        row.createdAt = OffsetDateTime.now();
        row.payload = codec.encode(event);
        return row.persist().replaceWith(event);
    }

    /** A row of common's {@code outbox_event} table. */
    @Entity
    @Table(name = "outbox_event")
    public static class OutboxRow extends PanacheEntityBase {
        @Id
        public UUID id;
        @Column(insertable = false, updatable = false)
        public Long seq;
        public String topic;
        @Column(name = "message_key")
        public String messageKey;
        @Column(name = "event_type")
        public String eventType;
        public String payload;
        @Column(name = "created_at")
        public OffsetDateTime createdAt;
        @Column(name = "published_at")
        public OffsetDateTime publishedAt;
    }
}
