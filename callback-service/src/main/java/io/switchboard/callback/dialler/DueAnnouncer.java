package io.switchboard.callback.dialler;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Callback;
import io.switchboard.callback.CallbackRepository;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.events.callback.CallbackState;
import io.switchboard.common.outbox.Outbox;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes {@code switchboard.callback.due} for diallers that follow Kafka rather than poll: when a scheduled or
 * rescheduled callback reaches its due time, and when a dialler's lease runs out. (A call-when-available callback is
 * due at once; its {@code requested} event says so.) Every replica runs this; {@code FOR UPDATE SKIP LOCKED} and the
 * remembered {@code announced_due_at} make each due moment announced once.
 */
@ApplicationScoped
public class DueAnnouncer {

    private static final String NEWLY_DUE = "(state IN ('SCHEDULED', 'RESCHEDULED') AND due_at <= $1"
            + " AND announced_due_at IS DISTINCT FROM due_at)"
            + " OR (state IN ('CLAIMED', 'IN_PROGRESS') AND lease_expires_at <= $1"
            + " AND announced_due_at IS DISTINCT FROM lease_expires_at)";

    private final Outbox outbox;
    private final CallbackRepository callbacks;
    private final DiallerConfig config;

    public DueAnnouncer(Outbox outbox, CallbackRepository callbacks, DiallerConfig config) {
        this.outbox = outbox;
        this.callbacks = callbacks;
        this.config = config;
    }

    @Scheduled(every = "${switchboard.dialler.due-announcement-interval:2s}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> announceNewlyDue() {
        return announce().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.debugf("Due announcement failed, retrying on the next run: %s", failure.toString());
            return null;
        });
    }

    /** Announces what became due since the last run; returns how many. */
    Uni<Integer> announce() {
        return outbox.inTransaction(tx -> callbacks
                .lockSkippingLocked(tx, NEWLY_DUE, Tuple.of(OffsetDateTime.now()), config.dueAnnouncementBatch())
                .flatMap(due -> Multi.createFrom().iterable(due).onItem()
                        .transformToUniAndConcatenate(callback -> announce(tx, callback)).collect().asList()
                        .map(List::size)));
    }

    private Uni<Void> announce(SqlConnection tx, Callback callback) {
        boolean leaseExpired = callback.state == CallbackState.CLAIMED || callback.state == CallbackState.IN_PROGRESS;
        OffsetDateTime dueAt = leaseExpired ? callback.leaseExpiresAt : callback.dueAt;
        String reason = leaseExpired ? "lease-expired"
                : callback.state == CallbackState.RESCHEDULED ? "rescheduled" : "scheduled";
        callback.announcedDueAt = dueAt;
        var data = new CallbackEvents.Due(callback.confirmationCode, callback.serviceQueueId, callback.callType,
                callback.phoneNumber, callback.customerName, callback.state, dueAt, callback.retries + 1, reason);
        return callbacks
                .update(tx, callback).flatMap(updated -> outbox.append(tx, CallbackEvents.DUE,
                        callback.confirmationCode, callback.confirmationCode, callback.tenantId, data))
                .replaceWithVoid();
    }
}
