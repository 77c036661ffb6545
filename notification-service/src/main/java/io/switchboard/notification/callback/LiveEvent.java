package io.switchboard.notification.callback;

import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * One callback event as the live path hands it to subscribers: its message, and the bytes every protocol sends for it,
 * made once per event rather than once per subscriber. The JSON WebSocket frame's payload is serialized here; another
 * protocol (the SignalR hub) renders its own form once through {@link #renderedOnce}.
 */
public final class LiveEvent {

    private final CallbackStatusMessage message;
    private final byte[] json;
    private volatile Function<LiveEvent, ?> renderer;
    private volatile Object rendered;

    LiveEvent(CallbackStatusMessage message, ObjectMapper mapper) {
        this.message = message;
        try {
            this.json = mapper.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A status message could not be written as JSON", e);
        }
    }

    public CallbackStatusMessage message() {
        return message;
    }

    public String eventId() {
        return message.eventId();
    }

    /**
     * A text frame over the event's one JSON payload: each socket gets its own frame object around the same bytes
     * (Vert.x's frame class wraps the array without copying it).
     */
    WebSocketFrame jsonFrame() {
        return new WebSocketFrameImpl(WebSocketFrameType.TEXT, json, true);
    }

    /** The JSON payload as text (the frame's content). */
    public String jsonText() {
        return new String(json, java.nio.charset.StandardCharsets.UTF_8);
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
