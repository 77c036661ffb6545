package io.switchboard.callback.dialler;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Callback;
import io.switchboard.callback.CallbackRepository;
import io.switchboard.callback.CallbackStates;
import io.switchboard.callback.queue.ServiceQueueCache;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.events.callback.CallbackState;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.common.problem.ProblemException;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Leases due callbacks to diallers. The rows are locked with {@code FOR UPDATE SKIP LOCKED} in the claiming
 * transaction, so concurrent claims, from any number of replicas, skip each other's rows instead of waiting for them or
 * taking them twice.
 */
@ApplicationScoped
public class ClaimService {

    private static final String NEXT_DUE = "tenant_id = $1 AND service_queue_id = $2 AND ("
            + CallbackStates.claimable("$3") + ")";

    private final ServiceQueueCache queues;
    private final CallbackRepository callbacks;
    private final Outbox outbox;

    public ClaimService(ServiceQueueCache queues, CallbackRepository callbacks, Outbox outbox) {
        this.queues = queues;
        this.callbacks = callbacks;
        this.outbox = outbox;
    }

    /** Claims up to {@code max} due callbacks of the queue, oldest due first; none due is an empty list. */
    public Uni<List<Callback>> claim(String tenantId, long queueId, int max, int leaseSeconds, String holder) {
        return queues
                .find(tenantId,
                        queueId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No service queue " + queueId + "."))
                .flatMap(queue -> outbox.inTransaction(tx -> callbacks
                        .lockSkippingLocked(tx, NEXT_DUE, Tuple.of(tenantId, queueId, OffsetDateTime.now()), max)
                        .flatMap(due -> {
                            if (due.isEmpty()) {
                                return Uni.createFrom().item(due);
                            }
                            OffsetDateTime now = OffsetDateTime.now();
                            return Multi.createFrom().iterable(due).onItem()
                                    .transformToUniAndConcatenate(
                                            callback -> lease(tx, callback, leaseSeconds, holder, now))
                                    .collect().asList();
                        })));
    }

    private Uni<Callback> lease(SqlConnection tx, Callback callback, int leaseSeconds, String holder,
            OffsetDateTime now) {
        callback.state = CallbackState.CLAIMED;
        callback.leaseId = UUID.randomUUID();
        callback.leaseHolder = holder;
        callback.leaseSeconds = leaseSeconds;
        callback.leaseExpiresAt = now.plusSeconds(leaseSeconds);
        callback.updatedAt = now;
        var data = new CallbackEvents.Claimed(callback.confirmationCode, callback.serviceQueueId, callback.state,
                callback.retries + 1, holder, callback.leaseExpiresAt, now);
        return callbacks
                .update(tx, callback).flatMap(updated -> outbox.append(tx, CallbackEvents.CLAIMED,
                        callback.confirmationCode, callback.confirmationCode, callback.tenantId, data))
                .replaceWith(callback);
    }
}
