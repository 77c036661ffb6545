package io.switchboard.notification.callback;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * JSON WebSocket for an agent dashboard: connect to
 * {@code /api/v1/notifications/queues/{serviceQueue}?access_token=<tenant JWT with switchboard.dashboard>} and receive
 * a {@link CallbackStatusMessage} for every change of every callback of that queue of the token's tenant; add
 * {@code &lastEventId=<eventId>} when reconnecting. {@link DashboardUpgradeCheck} refuses the handshake without a valid
 * token.
 */
@WebSocket(path = "/api/v1/notifications/queues/{serviceQueue}", endpointId = QueueDashboardSocket.ENDPOINT_ID)
public class QueueDashboardSocket {

    static final String ENDPOINT_ID = "queue-dashboard";

    private final CallbackSubscriptions subscriptions;
    private final ObjectMapper mapper;

    public QueueDashboardSocket(CallbackSubscriptions subscriptions, ObjectMapper mapper) {
        this.subscriptions = subscriptions;
        this.mapper = mapper;
    }

    @OnOpen
    public void onOpen(WebSocketConnection connection) {
        subscriptions.follow(key(connection), new CallbackStatusSocket.JsonFrames(connection, mapper),
                CallbackStatusSocket.queryParam(connection, "lastEventId"));
    }

    /** Dashboards only listen. */
    @OnTextMessage
    public void onMessage(String ignored) {
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        subscriptions.leave(key(connection), new CallbackStatusSocket.JsonFrames(connection, mapper));
    }

    private static String key(WebSocketConnection connection) {
        return CallbackSubscriptions.queueKey(connection.userData().get(DashboardUpgradeCheck.TENANT),
                Long.parseLong(connection.pathParam("serviceQueue")));
    }
}
