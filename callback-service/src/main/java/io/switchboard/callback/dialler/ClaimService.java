package io.switchboard.callback.dialler;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Callback;
import io.switchboard.callback.PanacheOutbox;
import io.switchboard.callback.queue.ServiceQueueRepository;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.events.callback.CallbackState;
import io.switchboard.common.problem.ProblemException;

/**
 * Leases due callbacks to diallers. The rows are locked with {@code FOR UPDATE SKIP LOCKED} in the claiming
 * transaction, so concurrent claims, from any number of replicas, skip each other's rows instead of waiting for them or
 * taking them twice.
 */
@ApplicationScoped
public class ClaimService {

    /** Due: waiting and its due time has come, or claimed/in progress but the lease ran out (the dialler vanished). */
    public static final String CLAIMABLE = "(state IN ('PENDING', 'SCHEDULED', 'RESCHEDULED') AND due_at <= :now)"
            + " OR (state IN ('CLAIMED', 'IN_PROGRESS') AND lease_expires_at <= :now)";

    private static final String NEXT_DUE = "SELECT id FROM callback WHERE tenant_id = :tenant"
            + " AND service_queue_id = :queue AND (" + CLAIMABLE + ")"
            + " ORDER BY due_at, created_at LIMIT :max FOR UPDATE SKIP LOCKED";

    private final ServiceQueueRepository queues;
    private final PanacheOutbox outbox;

    public ClaimService(ServiceQueueRepository queues, PanacheOutbox outbox) {
        this.queues = queues;
        this.outbox = outbox;
    }

    /** Claims up to {@code max} due callbacks of the queue, oldest due first; none due is an empty list. */
    public Uni<List<Callback>> claim(String tenantId, long queueId, int max, int leaseSeconds, String holder) {
        return outbox.inTransaction(() -> queues.findForTenant(tenantId, queueId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No service queue " + queueId + "."))
                .flatMap(queue -> LockedCallbacks.lock(NEXT_DUE,
                        Map.of("tenant", tenantId, "queue", queueId, "now", OffsetDateTime.now(), "max", max)))
                .flatMap(due -> {
                    if (due.isEmpty()) {
                        return Uni.createFrom().item(due);
                    }
                    OffsetDateTime now = OffsetDateTime.now();
                    // one after the other: a Hibernate Reactive session takes one operation at a time
                    return Multi.createFrom().iterable(due).onItem()
                            .transformToUniAndConcatenate(callback -> lease(callback, leaseSeconds, holder, now))
                            .collect().asList();
                }));
    }

    private Uni<Callback> lease(Callback callback, int leaseSeconds, String holder, OffsetDateTime now) {
        callback.state = CallbackState.CLAIMED;
        callback.leaseId = UUID.randomUUID();
        callback.leaseHolder = holder;
        callback.leaseSeconds = leaseSeconds;
        callback.leaseExpiresAt = now.plusSeconds(leaseSeconds);
        callback.updatedAt = now;
        var data = new CallbackEvents.Claimed(callback.confirmationCode, callback.serviceQueueId, callback.state,
                callback.retries + 1, holder, callback.leaseExpiresAt, now);
        return outbox.append(CallbackEvents.CLAIMED, callback.confirmationCode, callback.confirmationCode,
                callback.tenantId, data).replaceWith(callback);
    }
}
