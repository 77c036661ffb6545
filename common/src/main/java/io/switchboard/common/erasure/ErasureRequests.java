package io.switchboard.common.erasure;

import java.time.Duration;
import java.util.function.BiFunction;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.erasure.ErasureEvents;
import io.switchboard.common.problem.DependencyFailures;

/**
 * How a participant of the GDPR erasure saga handles one record of {@code switchboard.erasure-requests}: the same for
 * every service, so each service's consumer only names its own erasure. An unreadable record (or one without tenant or
 * erasure id) is logged and skipped; a database outage is retried until it ends.
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
        String tenantId;
        ErasureEvents.ErasureRequested request;
        try {
            CloudEvent event = codec.decode(record);
            if (!ErasureEvents.REQUESTED.matches(event)) {
                return Uni.createFrom().voidItem();
            }
            tenantId = event.tenantid();
            request = codec.data(event, ErasureEvents.REQUESTED);
            if (tenantId == null || tenantId.isBlank() || request.erasureId() == null
                    || request.erasureId().isBlank()) {
                throw new UnreadableEventException("Erasure request " + event.id() + " has no tenant or erasure id");
            }
        } catch (UnreadableEventException e) {
            Log.warnf("Skipping an unreadable record on switchboard.erasure-requests: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> erase.apply(tenantId, request))
                .invoke(counts -> Log.infof("Erasure %s of tenant %s: erased %s", request.erasureId(), tenantId,
                        counts))
                .onFailure(DependencyFailures::isUnavailable).retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely().replaceWithVoid();
    }
}
