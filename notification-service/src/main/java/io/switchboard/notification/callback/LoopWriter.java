package io.switchboard.notification.callback;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Context;

/**
 * The frames waiting for the connections of one event loop. The consumer thread only queues; one task on that event
 * loop then writes everything queued so far, so a batch of events costs each event loop one wake-up rather than one
 * cross-thread task per frame, and each socket is written from its own thread.
 */
final class LoopWriter {

    private record Pending(JsonSocket socket, LiveEvent event) {
    }

    private final Context context;
    private final AtomicInteger pending;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    LoopWriter(Context context, AtomicInteger pending) {
        this.context = context;
        this.pending = pending;
    }

    void enqueue(JsonSocket socket, LiveEvent event) {
        pending.incrementAndGet();
        queue.add(new Pending(socket, event));
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(ignored -> drain());
        }
    }

    private void drain() {
        scheduled.set(false);
        Pending next;
        while ((next = queue.poll()) != null) {
            pending.decrementAndGet();
            next.socket().write(next.event());
        }
    }
}
