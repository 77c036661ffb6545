package io.switchboard.common.events;

import java.time.Duration;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.problem.DependencyFailures;

/**
 * How every consumer treats one Kafka record, so that each consumer names only what an event means to it:
 * <ul>
 * <li>a record that cannot be read (not a CloudEvent, data of the wrong shape, no tenant where one is needed) is logged
 * and skipped, never retried;</li>
 * <li>a dependency outage ({@link DependencyFailures#isUnavailable}) is retried with back-off until it ends, so no
 * event is lost to a database restart;</li>
 * <li>any other failure is logged with the event's id and skipped, so that one poisoned event cannot stop the topic for
 * the replica for good.</li>
 * </ul>
 */
public final class EventHandling {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    /** What one event means to a consumer. */
    @FunctionalInterface
    public interface Handler {

        /**
         * The work the event asks for (started each time the supplier is called, so that a retry runs it again), or
         * null for an event of a type the consumer lets pass. Throws {@link UnreadableEventException} for an event it
         * cannot apply (missing tenant, data of the wrong shape).
         */
        Supplier<Uni<?>> work(CloudEvent event);
    }

    private EventHandling() {
    }

    public static Uni<Void> handle(CloudEventCodec codec, String topic, String record, Handler handler) {
        CloudEvent event;
        Supplier<Uni<?>> work;
        try {
            event = codec.decode(record);
            work = handler.work(event);
        } catch (UnreadableEventException e) {
            Log.warnf("Skipping an unreadable record on %s: %s", topic, e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (work == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(work).onFailure(DependencyFailures::isUnavailable).retry()
                .withBackOff(FIRST_RETRY, LONGEST_RETRY).indefinitely().replaceWithVoid().onFailure()
                .recoverWithUni(failure -> {
                    Log.errorf(failure, "Skipping event %s (%s) of tenant %s on %s", event.id(), event.type(),
                            event.tenantid(), topic);
                    return Uni.createFrom().voidItem();
                });
    }

    /** The event's tenant; an event without one cannot be applied. */
    public static String tenantOf(CloudEvent event) {
        if (event.tenantid() == null || event.tenantid().isBlank()) {
            throw new UnreadableEventException("Event " + event.id() + " has no tenantid");
        }
        return event.tenantid();
    }
}
