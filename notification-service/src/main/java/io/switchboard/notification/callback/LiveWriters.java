package io.switchboard.notification.callback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.notification.NotificationConfig;
import io.vertx.core.Context;

/**
 * The {@link LoopWriter} of each event loop, and the bound on what they hold together: when the event loops fall behind
 * (the CPU is busy elsewhere), the consumer waits before its next batch instead of queueing frames without limit, so
 * the backlog stays in Kafka rather than in the heap. A slow client never makes it wait: its socket is closed.
 */
@ApplicationScoped
public class LiveWriters {

    private final Map<Context, LoopWriter> writers = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final int maxPending;

    public LiveWriters(NotificationConfig config, MeterRegistry registry) {
        this.maxPending = config.live().maxPendingFrames();
        Gauge.builder("switchboard.notification.live.pending.frames", pending, AtomicInteger::get)
                .description("Frames queued for the event loops and not yet written").register(registry);
    }

    /** The writer of the event loop whose (root) context this is. */
    LoopWriter of(Context eventLoop) {
        return writers.computeIfAbsent(eventLoop, context -> new LoopWriter(context, pending));
    }

    /**
     * Blocks the calling consumer (a worker thread) while more frames than {@code max-pending-frames} wait for their
     * event loops. Returns at once in the normal case.
     */
    void awaitCapacity() {
        while (pending.get() > maxPending) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
