package io.switchboard.notification.callback;

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

    public CallbackStatusSocket(CallbackSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @OnOpen
    public void onOpen(WebSocketConnection connection) {
        subscriptions.subscribe(connection.pathParam("confirmationCode"), connection);
    }

    /** Clients may send anything (a keep-alive ping, say); the socket only pushes. */
    @OnTextMessage
    public void onMessage(String ignored) {
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        subscriptions.unsubscribe(connection.pathParam("confirmationCode"), connection);
    }
}
