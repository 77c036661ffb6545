package io.switchboard.notification.callback;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.notification.webhook.WebhookStore;

/** Reads callback events (CloudEvents, structured JSON) and hands each to the subscribers on this replica. */
@ApplicationScoped
public class CallbackEventConsumer {

    static final String REQUESTED = "switchboard.callback.requested";
    static final String STATUS_CHANGED = "switchboard.callback.status-changed";

    private final ObjectMapper mapper;
    private final CallbackSubscriptions subscriptions;
    private final WebhookStore webhooks;

    public CallbackEventConsumer(ObjectMapper mapper, CallbackSubscriptions subscriptions, WebhookStore webhooks) {
        this.mapper = mapper;
        this.subscriptions = subscriptions;
        this.webhooks = webhooks;
    }

    /**
     * Delivers to this replica's subscribers, then records the tenant's webhook deliveries before the record is
     * acknowledged (every replica records them; the database keeps one per webhook and event).
     */
    @Incoming("callback-events")
    public Uni<Void> onEvent(String cloudEvent) {
        JsonNode event;
        CallbackStatusMessage message;
        try {
            event = mapper.readTree(cloudEvent);
            message = toMessage(event);
        } catch (Exception e) {
            Log.warnf("Skipping an unreadable callback event: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (message != null) {
            subscriptions.deliver(message);
        }
        String tenantId = event.path("tenantid").asText("");
        String id = event.path("id").asText("");
        if (tenantId.isEmpty() || id.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return webhooks.enqueue(tenantId, id, event.path("type").asText(""), cloudEvent).replaceWithVoid();
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
