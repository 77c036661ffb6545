package io.switchboard.notification.callback;

import java.util.concurrent.atomic.AtomicBoolean;

import io.quarkus.logging.Log;
import io.vertx.core.http.ServerWebSocket;

/**
 * A JSON WebSocket client (a customer's page or an agent's dashboard): one text frame per event, over the event's
 * shared bytes, written on the socket's own event loop ({@link LoopWriter}). Writes never wait: when the connection's
 * outbound buffer is full (Netty's high-water mark, 64 KB) the client is not keeping up, and it is closed with
 * {@link #TOO_SLOW} so that it reconnects with {@code lastEventId} and gets what it missed from the history, instead of
 * the replica queueing for it without bound.
 */
final class JsonSocket implements CallbackSubscriber {

    /** Close code (application range) for a client that did not read its frames fast enough. */
    static final short TOO_SLOW = 4008;
    static final String TOO_SLOW_REASON = "Too slow: reconnect with ?lastEventId=<the last eventId received>";

    private final ServerWebSocket socket;
    private final LoopWriter writer;
    private final Runnable onTooSlow;
    private final AtomicBoolean closing = new AtomicBoolean();

    JsonSocket(ServerWebSocket socket, LoopWriter writer, Runnable onTooSlow) {
        this.socket = socket;
        this.writer = writer;
        this.onTooSlow = onTooSlow;
    }

    /** Queues the frame for the socket's event loop (never writes from the caller's thread). */
    @Override
    public void deliver(LiveEvent event) {
        if (!closing.get()) {
            writer.enqueue(this, event);
        }
    }

    /** On the socket's event loop: writes the frame, or closes the socket when its write queue is full. */
    void write(LiveEvent event) {
        if (closing.get() || socket.isClosed()) {
            return;
        }
        if (socket.writeQueueFull()) {
            if (closing.compareAndSet(false, true)) {
                Log.debugf("Closing a WebSocket that does not keep up (%s)", socket.remoteAddress());
                onTooSlow.run();
                socket.close(TOO_SLOW, TOO_SLOW_REASON);
            }
            return;
        }
        socket.writeFrame(event.jsonFrame());
    }
}
