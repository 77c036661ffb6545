package io.switchboard.common.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes events into the transactional outbox. Call it inside the transaction that makes the state change
 * ({@code @WithTransaction} or {@code Panache.withTransaction}): the event exists exactly when the change does. The
 * {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;
    private final OutboxRelay relay;
    private final String source;

    public Outbox(ObjectMapper mapper, OutboxRelay relay,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.mapper = mapper;
        this.relay = relay;
        this.source = "/switchboard/" + applicationName;
    }

    /**
     * Runs a unit of work in one transaction and, once it has committed, has the relay publish its events at once
     * rather than at the next poll.
     */
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(relay::kick);
    }

    /**
     * @param key
     *            the Kafka key; events that must stay in order share it (a callback's events use its confirmation code)
     */
    public Uni<CloudEvent> append(String topic, String key, String type, String subject, String tenantId, Object data) {
        CloudEvent event = CloudEvent.of(source, type, subject, tenantId, mapper.valueToTree(data));
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.fromString(event.id());
        row.topic = topic;
        row.messageKey = key;
        row.eventType = type;
        row.createdAt = OffsetDateTime.now();
        try {
            row.payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Event data cannot be written as JSON", e));
        }
        return row.persist().replaceWith(event);
    }

    /**
     * The same for a service that works on the reactive SQL client rather than Panache: the row is written through
     * {@code tx}, which must be the connection of the transaction that makes the state change.
     */
    public Uni<CloudEvent> append(SqlClient tx, String topic, String key, String type, String subject, String tenantId,
            Object data) {
        CloudEvent event = CloudEvent.of(source, type, subject, tenantId, mapper.valueToTree(data));
        String payload;
        try {
            payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Event data cannot be written as JSON", e));
        }
        return tx
                .preparedQuery("INSERT INTO outbox_event (id, topic, message_key, event_type, payload, created_at)"
                        + " VALUES ($1, $2, $3, $4, $5, now())")
                .execute(Tuple.of(UUID.fromString(event.id()), topic, key, type, payload)).replaceWith(event);
    }
}
