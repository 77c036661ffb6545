package io.switchboard.common.events.queue;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.common.events.EventType;
import io.switchboard.common.events.Topics;

/**
 * Service queues, owned by callback-service (which holds their whole definition) and published on
 * {@code switchboard.service-queue-events}, keyed {@code tenant:serviceQueueId} so one queue's changes stay in order;
 * the subject is the queue id. campaign-service keeps its read model of which queues exist (and their names and time
 * zones, for EWT and statistics) from these events, so a queue never exists on one side only.
 */
@RegisterForReflection
public final class ServiceQueueEvents {

    /** A queue was created or changed: the state other services need, after the change. */
    public static final EventType<ServiceQueueChanged> CHANGED = EventType.of(Topics.SERVICE_QUEUE_EVENTS,
            "switchboard.service-queue.changed", ServiceQueueChanged.class);
    /** A queue was deleted. */
    public static final EventType<ServiceQueueDeleted> DELETED = EventType.of(Topics.SERVICE_QUEUE_EVENTS,
            "switchboard.service-queue.deleted", ServiceQueueDeleted.class);

    private ServiceQueueEvents() {
    }

    /**
     * @param timeZone
     *            IANA time zone of the queue (opening hours, statistics periods)
     */
    public record ServiceQueueChanged(long serviceQueueId, String name, String timeZone, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
    }

    public record ServiceQueueDeleted(long serviceQueueId, OffsetDateTime deletedAt) {
    }
}
