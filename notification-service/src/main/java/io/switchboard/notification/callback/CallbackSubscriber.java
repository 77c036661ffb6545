package io.switchboard.notification.callback;

/**
 * A client on this replica that follows one or more callbacks, whatever its protocol (the JSON WebSocket, the
 * SignalR-compatible hub). Implementations must not block: they are called from the event consumer, and a client that
 * cannot keep up is closed (or its transport dropped) rather than waited for.
 */
public interface CallbackSubscriber {

    void deliver(LiveEvent event);
}
