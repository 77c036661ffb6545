package io.switchboard.notification.callback;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/** Reads callback events (CloudEvents, structured JSON) and hands each to the subscribers on this replica. */
@ApplicationScoped
public class CallbackEventConsumer {

    static final String REQUESTED = "switchboard.callback.requested";
    static final String STATUS_CHANGED = "switchboard.callback.status-changed";

    private final ObjectMapper mapper;
    private final CallbackSubscriptions subscriptions;

    public CallbackEventConsumer(ObjectMapper mapper, CallbackSubscriptions subscriptions) {
        this.mapper = mapper;
        this.subscriptions = subscriptions;
    }

    @Incoming("callback-events")
    public void onEvent(String cloudEvent) {
        CallbackStatusMessage message;
        try {
            message = toMessage(mapper.readTree(cloudEvent));
        } catch (Exception e) {
            Log.warnf("Skipping an unreadable callback event: %s", e.getMessage());
            return;
        }
        if (message != null) {
            subscriptions.deliver(message);
        }
    }

    /** Null for event types subscribers do not see. */
    CallbackStatusMessage toMessage(JsonNode event) {
        String type = event.path("type").asText();
        JsonNode data = event.path("data");
        String status = switch (type) {
            case REQUESTED -> CallbackStatusMessage.REQUESTED_STATUS;
            case STATUS_CHANGED -> data.path("status").asText(null);
            default -> null;
        };
        String code = data.path("confirmationCode").asText(event.path("subject").asText(null));
        if (status == null || code == null || event.path("id").asText("").isEmpty()) {
            return null;
        }
        OffsetDateTime occurredAt = event.hasNonNull("time") ? OffsetDateTime.parse(event.get("time").asText()) : null;
        Long queue = data.hasNonNull("serviceQueue") ? data.get("serviceQueue").asLong() : null;
        return new CallbackStatusMessage(event.get("id").asText(), type, code, status, data.path("state").asText(null),
                queue, occurredAt, event.path("tenantid").asText(null));
    }
}
