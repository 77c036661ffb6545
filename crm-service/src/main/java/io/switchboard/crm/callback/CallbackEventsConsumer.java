package io.switchboard.crm.callback;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.EventHandling;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.callback.CallbackEvents;

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
        return EventHandling.handle(codec, Topics.CALLBACK_EVENTS, record, this::work);
    }

    private Supplier<Uni<?>> work(CloudEvent event) {
        String tenantId = EventHandling.tenantOf(event);
        if (CallbackEvents.REQUESTED.matches(event)) {
            CallbackEvents.Requested data = codec.data(event, CallbackEvents.REQUESTED);
            return () -> service.requested(tenantId, data);
        }
        if (CallbackEvents.DUE.matches(event)) {
            CallbackEvents.Due data = codec.data(event, CallbackEvents.DUE);
            return () -> service.due(tenantId, data);
        }
        if (CallbackEvents.AMENDED.matches(event)) {
            CallbackEvents.Amended data = codec.data(event, CallbackEvents.AMENDED);
            return () -> service.amended(tenantId, data);
        }
        if (CallbackEvents.STATUS_CHANGED.matches(event)) {
            CallbackEvents.StatusChanged data = codec.data(event, CallbackEvents.STATUS_CHANGED);
            return () -> service.statusChanged(tenantId, data);
        }
        return null;
    }
}
