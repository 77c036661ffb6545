package io.switchboard.notification.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * JSON WebSocket for a customer's browser: connect to {@code /api/v1/notifications/callbacks/{confirmationCode}} and
 * receive a {@link CallbackStatusMessage} for every change of that callback. The confirmation code is the credential:
 * it is random and known only to the customer who requested the callback.
 */
@WebSocket(path = "/api/v1/notifications/callbacks/{confirmationCode}")
public class CallbackStatusSocket {

    private final CallbackSubscriptions subscriptions;
    private final ObjectMapper mapper;

    public CallbackStatusSocket(CallbackSubscriptions subscriptions, ObjectMapper mapper) {
        this.subscriptions = subscriptions;
        this.mapper = mapper;
    }

    @OnOpen
    public void onOpen(WebSocketConnection connection) {
        subscriptions.subscribe(connection.pathParam("confirmationCode"), new JsonFrames(connection, mapper));
    }

    /** Clients may send anything (a keep-alive ping, say); the socket only pushes. */
    @OnTextMessage
    public void onMessage(String ignored) {
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        subscriptions.unsubscribe(connection.pathParam("confirmationCode"), new JsonFrames(connection, mapper));
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
