package io.switchboard.campaign.queue;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.readmodel.UnknownServiceQueueException;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.Topics;
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

    public static final String TOPIC = Topics.QUEUE_EVENTS;

    private final QueueEventService events;
    private final ObjectMapper mapper;
    private final CloudEventCodec codec;

    public QueueEventConsumer(QueueEventService events, ObjectMapper mapper, CloudEventCodec codec) {
        this.events = events;
        this.mapper = mapper;
        this.codec = codec;
    }

    @Incoming("queue-events")
    public Uni<Void> consume(String record) {
        QueueEvent event;
        String tenantId;
        try {
            CloudEvent envelope = codec.decode(record);
            tenantId = envelope.tenantid();
            if (envelope.data() == null || envelope.data().isNull()) {
                throw new UnreadableEventException("Event " + envelope.id() + " has no data");
            }
            QueueEvent data = mapper.treeToValue(envelope.data(), QueueEvent.class);
            String id = data.eventId() != null ? data.eventId() : envelope.id();
            event = new QueueEvent(id, data.type(), data.campaignId(), data.callId(), data.agentId(),
                    data.occurredAt());
        } catch (UnreadableEventException | JsonProcessingException | IllegalArgumentException | ProblemException e) {
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
