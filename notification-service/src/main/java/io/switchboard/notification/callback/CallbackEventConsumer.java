package io.switchboard.notification.callback;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.callback.CallbackEvents;

/**
 * The live path: reads callback events in batches (each replica has a consumer group of its own, so every replica sees
 * every event) and hands each to the subscribers connected to this replica. Nothing here waits: no database, no slow
 * client (subscribers drop a client that cannot keep up). Webhooks are recorded elsewhere, by one group shared by all
 * replicas ({@code webhook.WebhookEventConsumer}).
 */
@ApplicationScoped
public class CallbackEventConsumer {

    private final CloudEventCodec codec;
    private final ObjectMapper mapper;
    private final CallbackSubscriptions subscriptions;
    private final LiveWriters writers;

    public CallbackEventConsumer(ObjectMapper mapper, CallbackSubscriptions subscriptions, LiveWriters writers) {
        // Common's codec over a copy of the application's mapper that matches property names exactly: events are
        // written by the same codec, and the case-insensitive matching the legacy .NET clients need cost a quarter of
        // the decode here (JFR).
        this.codec = new CloudEventCodec(
                mapper.copy().configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, false));
        this.mapper = mapper;
        this.subscriptions = subscriptions;
        this.writers = writers;
    }

    /**
     * One poll's records (on a worker thread): each is decoded once, serialized once, and delivered in the order of its
     * partition. When the event loops have too many frames still to write, the next batch waits for them.
     */
    @Incoming("callback-events")
    public void onEvents(List<String> records) {
        writers.awaitCapacity();
        for (String record : records) {
            LiveEvent event = read(record);
            if (event != null) {
                subscriptions.deliver(event);
            }
        }
    }

    /** Null for a record that is not a status a subscriber sees (logged when it cannot be read at all). */
    LiveEvent read(String record) {
        try {
            CallbackStatusMessage message = toMessage(codec.decode(record));
            return message == null ? null : new LiveEvent(message, mapper);
        } catch (UnreadableEventException e) {
            Log.warnf("Skipping an unreadable callback event: %s", e.getMessage());
            return null;
        }
    }

    /** Null for event types subscribers do not see. */
    CallbackStatusMessage toMessage(CloudEvent event) {
        if (CallbackEvents.STATUS_CHANGED.matches(event)) {
            CallbackEvents.StatusChanged data = codec.data(event, CallbackEvents.STATUS_CHANGED);
            if (data.status() == null) {
                throw new UnreadableEventException("Event " + event.id() + " names no call status");
            }
            return new CallbackStatusMessage(event.id(), CallbackEvents.STATUS_CHANGED.type(),
                    code(data.confirmationCode(), event), data.status().wireName(),
                    data.state() == null ? null : data.state().name(), data.serviceQueue(),
                    data.occurredAt() != null ? data.occurredAt() : event.time(), event.tenantid());
        }
        if (CallbackEvents.REQUESTED.matches(event)) {
            CallbackEvents.Requested data = codec.data(event, CallbackEvents.REQUESTED);
            return new CallbackStatusMessage(event.id(), CallbackEvents.REQUESTED.type(),
                    code(data.confirmationCode(), event), CallbackStatusMessage.REQUESTED_STATUS,
                    data.state() == null ? null : data.state().name(), data.serviceQueue(),
                    data.requestedAt() != null ? data.requestedAt() : event.time(), event.tenantid());
        }
        return null;
    }

    private static String code(String confirmationCode, CloudEvent event) {
        String code = confirmationCode != null && !confirmationCode.isBlank() ? confirmationCode : event.subject();
        if (code == null || code.isBlank()) {
            throw new UnreadableEventException("Event " + event.id() + " names no confirmation code");
        }
        return code;
    }
}
