package io.switchboard.campaign.queue;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.readmodel.UnknownServiceQueueException;
import io.switchboard.common.problem.DependencyFailures;
import io.switchboard.common.problem.ProblemException;

/**
 * Queue events from diallers and ACDs on {@code switchboard.queue-events}: CloudEvents whose {@code id} is the event
 * id, {@code tenantid} the tenant and {@code data} the body of {@code POST /api/v1/queue-events}. Applied through the
 * same service as the API; an event that cannot apply (unknown campaign or call, bad data) is logged and skipped, while
 * a database outage is retried so that nothing is lost.
 */
@ApplicationScoped
public class QueueEventConsumer {

    public static final String TOPIC = "switchboard.queue-events";

    private final QueueEventService events;
    private final ObjectMapper mapper;

    public QueueEventConsumer(QueueEventService events, ObjectMapper mapper) {
        this.events = events;
        this.mapper = mapper;
    }

    @Incoming("queue-events")
    public Uni<Void> consume(String record) {
        QueueEvent event;
        String tenantId;
        try {
            JsonNode envelope = mapper.readTree(record);
            tenantId = envelope.path("tenantid").asText(null);
            QueueEvent data = mapper.treeToValue(envelope.path("data"), QueueEvent.class);
            String id = data.eventId() != null ? data.eventId() : envelope.path("id").asText(null);
            event = new QueueEvent(id, data.type(), data.campaignId(), data.callId(), data.agentId(),
                    data.occurredAt());
        } catch (Exception e) {
            Log.warnf("Skipping a queue event that is not a CloudEvent with queue event data: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (tenantId == null || tenantId.isBlank()) {
            Log.warnf("Skipping queue event %s: no tenantid", event.eventId());
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> events.apply(tenantId, event))
                .onFailure(DependencyFailures::isUnavailable).retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely().replaceWithVoid()
                .onFailure(e -> e instanceof ProblemException || e instanceof UnknownServiceQueueException)
                .recoverWithUni(e -> {
                    Log.warnf("Skipping queue event %s of tenant %s: %s", event.eventId(), tenantId, e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }
}
