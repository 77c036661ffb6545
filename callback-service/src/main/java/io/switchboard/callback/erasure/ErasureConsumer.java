package io.switchboard.callback.erasure;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.erasure.ErasureEvents;
import io.switchboard.common.problem.DependencyFailures;

/**
 * Erasure requests from crm-service on {@code switchboard.erasure-requests} (consumer group {@code callback-service}).
 * Idempotent by erasure id; an unreadable record is logged and skipped; a database outage is retried until it ends.
 */
@ApplicationScoped
public class ErasureConsumer {

    private final CloudEventCodec codec;
    private final ErasureService erasure;

    public ErasureConsumer(CloudEventCodec codec, ErasureService erasure) {
        this.codec = codec;
        this.erasure = erasure;
    }

    @Incoming("erasure-requests")
    public Uni<Void> consume(String record) {
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
        return Uni.createFrom().deferred(() -> erasure.erase(tenantId, request))
                .invoke(counts -> Log.infof("Erasure %s of tenant %s: erased %s", request.erasureId(), tenantId,
                        counts))
                .onFailure(DependencyFailures::isUnavailable).retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely().replaceWithVoid();
    }
}
