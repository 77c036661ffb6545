package io.switchboard.notification.signalr;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

/** The socket or open request a hub connection currently writes to: one of the three SignalR transports. */
sealed interface HubTransport {

    /** Writes one persistent response (a JSON object); a long poll is answered and so used up. */
    void write(String persistentResponse);

    /** Tells the client the connection is alive; only the streaming transports send keep-alives. */
    void keepAlive();

    /** Drops the socket or request; the client reconnects with its cursor. */
    void drop();

    /** True when the client has not read what was already written (the write queue is full): drop, don't write. */
    default boolean congested() {
        return false;
    }

    /** True when one write answers the request (long polling). */
    default boolean answersOnce() {
        return false;
    }

    record WebSockets(ServerWebSocket socket) implements HubTransport {

        @Override
        public void write(String persistentResponse) {
            socket.writeTextMessage(persistentResponse);
        }

        @Override
        public void keepAlive() {
            socket.writeTextMessage("{}");
        }

        @Override
        public boolean congested() {
            return socket.isClosed() || socket.writeQueueFull();
        }

        @Override
        public void drop() {
            socket.close();
        }
    }

    record ServerSentEvents(HttpServerResponse response) implements HubTransport {

        @Override
        public void write(String persistentResponse) {
            response.write("data: " + persistentResponse + "\n\n");
        }

        @Override
        public void keepAlive() {
            response.write("data: {}\n\n");
        }

        @Override
        public boolean congested() {
            return response.closed() || response.ended() || response.writeQueueFull();
        }

        @Override
        public void drop() {
            response.end();
        }
    }

    record LongPolling(HttpServerResponse response) implements HubTransport {

        @Override
        public void write(String persistentResponse) {
            if (!response.ended() && !response.closed()) {
                response.putHeader("Content-Type", "application/json; charset=UTF-8").end(persistentResponse);
            }
        }

        @Override
        public void keepAlive() {
        }

        @Override
        public void drop() {
            response.close();
        }

        @Override
        public boolean answersOnce() {
            return true;
        }
    }
}
