package io.switchboard.crm.callback;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.problem.DependencyFailures;

/**
 * Reads {@code switchboard.callback-events}. A record that is not a readable callback event is logged and skipped; a
 * database outage is retried until it passes, so no finished callback is lost.
 */
@ApplicationScoped
public class CallbackEventsConsumer {

    private final CloudEventCodec codec;
    private final CallbackActivityService service;

    public CallbackEventsConsumer(CloudEventCodec codec, CallbackActivityService service) {
        this.codec = codec;
        this.service = service;
    }

    @Incoming("callback-events")
    public Uni<Void> consume(String record) {
        CloudEvent event;
        Uni<?> work;
        try {
            event = codec.decode(record);
            String tenantId = event.tenantid();
            if (tenantId == null || tenantId.isBlank()) {
                throw new UnreadableEventException("Event " + event.id() + " has no tenantid");
            }
            work = apply(event, tenantId);
        } catch (UnreadableEventException e) {
            Log.warnf("Skipping a callback event that cannot be read: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (work == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<?> task = work;
        return Uni.createFrom().deferred(() -> task).onFailure(DependencyFailures::isUnavailable).retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely().replaceWithVoid().onFailure()
                .recoverWithUni(e -> {
                    Log.errorf(e, "Skipping callback event %s of tenant %s", event.id(), event.tenantid());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<?> apply(CloudEvent event, String tenantId) {
        if (CallbackEvents.REQUESTED.matches(event)) {
            CallbackEvents.Requested data = codec.data(event, CallbackEvents.REQUESTED);
            return Uni.createFrom().deferred(() -> service.requested(tenantId, data));
        }
        if (CallbackEvents.DUE.matches(event)) {
            CallbackEvents.Due data = codec.data(event, CallbackEvents.DUE);
            return Uni.createFrom().deferred(() -> service.due(tenantId, data));
        }
        if (CallbackEvents.AMENDED.matches(event)) {
            CallbackEvents.Amended data = codec.data(event, CallbackEvents.AMENDED);
            return Uni.createFrom().deferred(() -> service.amended(tenantId, data));
        }
        if (CallbackEvents.STATUS_CHANGED.matches(event)) {
            CallbackEvents.StatusChanged data = codec.data(event, CallbackEvents.STATUS_CHANGED);
            return Uni.createFrom().deferred(() -> service.statusChanged(tenantId, data));
        }
        return null;
    }
}
