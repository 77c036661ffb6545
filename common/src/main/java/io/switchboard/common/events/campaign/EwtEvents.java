package io.switchboard.common.events.campaign;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.common.events.EventType;
import io.switchboard.common.events.Topics;

/**
 * Estimated wait times, published by campaign-service on {@code switchboard.ewt-updates} whenever a queue's rounded EWT
 * changes, keyed {@code tenant:serviceQueue}; the subject is the service queue id.
 */
@RegisterForReflection
public final class EwtEvents {

    public static final EventType<EwtUpdated> UPDATED = EventType.of(Topics.EWT_UPDATES, "switchboard.ewt.updated",
            EwtUpdated.class);

    private EwtEvents() {
    }

    /** The queue's estimate in seconds, with its interval and how it was made. */
    public record EwtUpdated(long serviceQueue, long ewtSeconds, long lowerSeconds, long upperSeconds, String method,
            String basedOn, OffsetDateTime estimatedAt) {
    }
}
