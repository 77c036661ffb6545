package io.switchboard.notification.callback;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * JSON WebSocket for a customer's browser: connect to {@code /api/v1/notifications/callbacks/{confirmationCode}} and
 * receive a {@link CallbackStatusMessage} for every change of that callback; add {@code ?lastEventId=<eventId>} when
 * reconnecting to get what was missed. The confirmation code is the credential: it is random and known only to the
 * customer who requested the callback.
 */
@WebSocket(path = "/api/v1/notifications/callbacks/{confirmationCode}")
public class CallbackStatusSocket {

    private final CallbackSubscriptions subscriptions;
    private final ObjectMapper mapper;

    public CallbackStatusSocket(CallbackSubscriptions subscriptions, ObjectMapper mapper) {
        this.subscriptions = subscriptions;
        this.mapper = mapper;
    }

    /** With {@code ?lastEventId=} the events after that one are sent first (a reconnect resumes). */
    @OnOpen
    public void onOpen(WebSocketConnection connection) {
        subscriptions.follow(key(connection), new JsonFrames(connection, mapper),
                queryParam(connection, "lastEventId"));
    }

    /** Clients may send anything (a keep-alive ping, say); the socket only pushes. */
    @OnTextMessage
    public void onMessage(String ignored) {
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        subscriptions.leave(key(connection), new JsonFrames(connection, mapper));
    }

    private static String key(WebSocketConnection connection) {
        return CallbackSubscriptions.callbackKey(connection.pathParam("confirmationCode"));
    }

    static String queryParam(WebSocketConnection connection, String name) {
        String query = connection.handshakeRequest().query();
        List<String> values = new QueryStringDecoder(query == null ? "" : query, false).parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** One JSON text frame per message; equal for the same connection, so it also serves to unsubscribe. */
    record JsonFrames(WebSocketConnection connection, ObjectMapper mapper) implements CallbackSubscriber {

        @Override
        public void deliver(CallbackStatusMessage message) {
            String frame;
            try {
                frame = mapper.writeValueAsString(message);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A status message could not be written as JSON", e);
            }
            connection.sendText(frame).subscribe().with(ignored -> {
            }, failure -> Log.debugf("Could not deliver to %s: %s", connection.id(), failure.toString()));
        }
    }
}
