package io.switchboard.campaign.ewt;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.ewt.estimator.WaitEstimate;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.Topics;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Announces EWT changes on {@code switchboard.ewt-updates} through the outbox, in the transaction that changed the
 * queue. This service works on the reactive SQL client rather than Panache, so it writes the outbox row itself in
 * common's {@code outbox_event} format; {@link io.switchboard.common.outbox.OutboxRelay} publishes it.
 */
@ApplicationScoped
public class EwtUpdates {

    public static final String TYPE = "switchboard.ewt.updated";

    private final ObjectMapper mapper;
    private final String source;

    public EwtUpdates(ObjectMapper mapper, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.mapper = mapper;
        this.source = "/switchboard/" + applicationName;
    }

    /** The event's data. */
    public record EwtUpdated(long serviceQueue, long ewtSeconds, long lowerSeconds, long upperSeconds, String method,
            String basedOn, OffsetDateTime estimatedAt) {
    }

    public Uni<Void> append(SqlClient tx, String tenantId, long serviceQueue, WaitEstimate estimate,
            OffsetDateTime at) {
        var data = new EwtUpdated(serviceQueue, Math.round(estimate.seconds()),
                (long) Math.floor(estimate.lowerSeconds()), (long) Math.ceil(estimate.upperSeconds()),
                estimate.method().name(), estimate.basedOn(), at);
        String subject = Long.toString(serviceQueue);
        CloudEvent event = CloudEvent.of(source, TYPE, subject, tenantId, mapper.valueToTree(data));
        String payload;
        try {
            payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("Event data cannot be written as JSON", e));
        }
        return tx
                .preparedQuery("INSERT INTO outbox_event (id, topic, message_key, event_type, payload, created_at)"
                        + " VALUES ($1, $2, $3, $4, $5, now())")
                .execute(Tuple.of(UUID.fromString(event.id()), Topics.EWT_UPDATES, tenantId + ":" + serviceQueue, TYPE,
                        payload))
                .replaceWithVoid();
    }
}
