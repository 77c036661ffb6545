package io.switchboard.common.outbox;

import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.EventType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one transaction helper of every service: {@link #inTransaction} opens a transaction on the reactive pool, and
 * {@link #append} writes events into the outbox table on that same connection, so a state change and its events commit
 * together or not at all. The {@link OutboxRelay} publishes them afterwards.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "INSERT INTO outbox_event (id, topic, message_key, event_type, payload)"
            + " VALUES ($1, $2, $3, $4, $5)";

    private final Pool pool;
    private final CloudEventCodec codec;
    private final OutboxRelay relay;
    private final String source;

    public Outbox(Pool pool, CloudEventCodec codec, OutboxRelay relay,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.pool = pool;
        this.codec = codec;
        this.relay = relay;
        this.source = "/switchboard/" + applicationName;
    }

    /**
     * Runs a unit of work in one transaction and, once it has committed, has the relay publish its events at once
     * rather than at the next poll. A failed {@code Uni} rolls everything back, events included.
     */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work).invoke(relay::kick);
    }

    /**
     * Appends an event to the outbox on {@code tx}, the connection of the transaction that makes the state change.
     *
     * @param key
     *            the Kafka key; events that must stay in order share it (a callback's events use its confirmation code)
     */
    public <T> Uni<CloudEvent> append(SqlClient tx, EventType<T> type, String key, String subject, String tenantId,
            T data) {
        CloudEvent event = codec.create(source, type, subject, tenantId, data);
        return tx.preparedQuery(INSERT)
                .execute(Tuple.of(UUID.fromString(event.id()), type.topic(), key, type.type(), codec.encode(event)))
                .replaceWith(event);
    }
}
