package io.switchboard.common.erasure;

import java.util.function.BiFunction;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.EventHandling;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.erasure.ErasureEvents;

/**
 * How a participant of the GDPR erasure saga handles one record of {@code switchboard.erasure-requests}: the same for
 * every service, so each service's consumer only names its own erasure. An unreadable record (or one without tenant or
 * erasure id) is logged and skipped; a database outage is retried until it ends ({@link EventHandling}).
 */
public final class ErasureRequests {

    private ErasureRequests() {
    }

    /**
     * @param erase
     *            the service's erasure of the tenant's records for the request; its item (the counts) is logged
     */
    public static Uni<Void> handle(CloudEventCodec codec, String record,
            BiFunction<String, ErasureEvents.ErasureRequested, Uni<?>> erase) {
        return EventHandling.handle(codec, Topics.ERASURE_REQUESTS, record, event -> {
            if (!ErasureEvents.REQUESTED.matches(event)) {
                return null;
            }
            String tenantId = EventHandling.tenantOf(event);
            ErasureEvents.ErasureRequested request = codec.data(event, ErasureEvents.REQUESTED);
            if (request.erasureId() == null || request.erasureId().isBlank()) {
                throw new UnreadableEventException("Erasure request " + event.id() + " has no erasure id");
            }
            return () -> erase.apply(tenantId, request).invoke(
                    counts -> Log.infof("Erasure %s of tenant %s: erased %s", request.erasureId(), tenantId, counts));
        });
    }
}
