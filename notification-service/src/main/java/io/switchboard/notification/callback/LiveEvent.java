package io.switchboard.notification.callback;

import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * One callback event as the live path hands it to subscribers and keeps it for resuming: what routes it, and the bytes
 * every protocol sends for it, made once per event rather than once per subscriber. The JSON WebSocket frame's payload
 * is serialized here; another protocol (the SignalR hub) renders its own form once through {@link #renderedOnce}. Kept
 * small (the message itself is not kept): a replica keeps up to {@code history-per-callback} of them per callback.
 */
public final class LiveEvent {

    private final String eventId;
    private final String confirmationCode;
    private final String status;
    private final String tenantId;
    private final Long serviceQueue;
    private final byte[] json;
    private volatile Function<LiveEvent, ?> renderer;
    private volatile Object rendered;

    LiveEvent(CallbackStatusMessage message, ObjectMapper mapper) {
        this.eventId = message.eventId();
        this.confirmationCode = message.confirmationCode();
        this.status = message.status();
        this.tenantId = message.tenantId();
        this.serviceQueue = message.serviceQueue();
        try {
            this.json = mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A status message could not be written as JSON", e);
        }
    }

    public String eventId() {
        return eventId;
    }

    public String confirmationCode() {
        return confirmationCode;
    }

    /** One of the nine call statuses, or {@link CallbackStatusMessage#REQUESTED_STATUS}. */
    public String status() {
        return status;
    }

    /** The tenant (routes the event to its queue's dashboards); null when the event named none. */
    public String tenantId() {
        return tenantId;
    }

    public Long serviceQueue() {
        return serviceQueue;
    }

    /**
     * A text frame over the event's one JSON payload: each socket gets its own frame object around the same bytes
     * (Vert.x's frame class wraps the array without copying it).
     */
    WebSocketFrame jsonFrame() {
        return new WebSocketFrameImpl(WebSocketFrameType.TEXT, json, true);
    }

    /**
     * A protocol's rendering of this event, computed by the first subscriber that asks and shared with the others. One
     * renderer per event is remembered (there is one other protocol); another renderer is served uncached.
     */
    @SuppressWarnings("unchecked")
    public <T> T renderedOnce(Function<LiveEvent, T> render) {
        if (renderer == render) {
            return (T) rendered;
        }
        T result = render.apply(this);
        if (renderer == null) {
            synchronized (this) {
                if (renderer == null) {
                    rendered = result;
                    renderer = render;
                }
            }
        }
        return result;
    }
}
