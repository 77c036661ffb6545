package io.switchboard.callback.dialler;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Callback;
import io.switchboard.callback.CallbackRepository;
import io.switchboard.callback.queue.ServiceQueue;
import io.switchboard.callback.queue.ServiceQueueCache;
import io.switchboard.common.events.callback.CallStatus;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.events.callback.CallbackState;
import io.switchboard.common.logging.LogContext;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.common.problem.ProblemException;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Records what diallers report about a call, enforces the lease and the order of statuses ({@link CallTransitions}),
 * retries unreachable customers by the queue's policy, and announces every change.
 */
@ApplicationScoped
public class CallProgressService {

    private final ServiceQueueCache queues;
    private final CallbackRepository callbacks;
    private final Outbox outbox;

    public CallProgressService(ServiceQueueCache queues, CallbackRepository callbacks, Outbox outbox) {
        this.queues = queues;
        this.callbacks = callbacks;
        this.outbox = outbox;
    }

    /**
     * @param leaseId
     *            the lease the reporting dialler holds, or null from a dialler that did not claim the callback
     */
    public Uni<Callback> report(String tenantId, String confirmationCode, CallStatus status, UUID leaseId) {
        LogContext.confirmationCode(confirmationCode);
        return outbox.inTransaction(tx -> callbacks.lockByConfirmationCode(tx, tenantId, confirmationCode).onItem()
                .ifNull()
                .failWith(
                        () -> ProblemException.notFound("No callback with confirmation code " + confirmationCode + "."))
                .flatMap(callback -> apply(tx, callback, status, leaseId)));
    }

    private Uni<Callback> apply(SqlConnection tx, Callback callback, CallStatus status, UUID leaseId) {
        if (CallTransitions.isRepeat(callback, status)) {
            // a dialler retrying a request that did get through: nothing changes, nothing is announced twice
            return Uni.createFrom().item(callback);
        }
        OffsetDateTime now = OffsetDateTime.now();
        String leaseProblem = leaseProblem(callback, leaseId, now);
        if (leaseProblem != null) {
            return Uni.createFrom().failure(ProblemException.conflict(leaseProblem));
        }
        Set<CallStatus> allowed = CallTransitions.allowedAfter(callback);
        if (!allowed.contains(status)) {
            return Uni.createFrom().failure(ProblemException.conflict(transitionProblem(callback, status, allowed)));
        }
        int attempt = callback.retries + 1;
        if (status == CallStatus.CALLING_USER_FAILED) {
            callback.retries++;
            return record(tx, callback, status, CallbackState.IN_PROGRESS, now, attempt)
                    .flatMap(ignored -> queues.find(callback.tenantId, callback.serviceQueueId))
                    .flatMap(queue -> retryOrGiveUp(tx, callback, queue, now, attempt));
        }
        if (callback.leaseId != null && callback.leaseSeconds != null) {
            callback.leaseExpiresAt = now.plusSeconds(callback.leaseSeconds);
        }
        return record(tx, callback, status, stateAfter(status), now, attempt);
    }

    /** The customer was not reached: due again after the queue's interval, until its attempts are used up. */
    private Uni<Callback> retryOrGiveUp(SqlConnection tx, Callback callback, ServiceQueue queue, OffsetDateTime now,
            int attempt) {
        if (queue != null && callback.retries < queue.retryPolicy().maxAttempts()) {
            callback.dueAt = now.plusSeconds(queue.retryPolicy().intervalSeconds());
            return record(tx, callback, CallStatus.RESCHEDULED, CallbackState.RESCHEDULED, now, attempt);
        }
        return record(tx, callback, CallStatus.CALL_FAILED, CallbackState.FAILED, now, attempt);
    }

    /** Sets the status, writes the audit row and the event; a callback leaving the dialler's hands loses its lease. */
    private Uni<Callback> record(SqlConnection tx, Callback callback, CallStatus status, CallbackState state,
            OffsetDateTime now, int attempt) {
        callback.lastCallStatus = status;
        callback.state = state;
        callback.updatedAt = now;
        if (state != CallbackState.IN_PROGRESS) {
            callback.releaseLease();
        }
        var data = new CallbackEvents.StatusChanged(callback.confirmationCode, callback.serviceQueueId, status,
                callback.state, callback.retries, now, state == CallbackState.RESCHEDULED ? callback.dueAt : null,
                attempt);
        return callbacks.recordStatus(tx, callback.id, status, now).flatMap(saved -> callbacks.update(tx, callback))
                .flatMap(saved -> outbox.append(tx, CallbackEvents.STATUS_CHANGED, callback.confirmationCode,
                        callback.confirmationCode, callback.tenantId, data))
                .invoke(() -> Log.infof("Callback %s: %s, now %s (attempt %d)", callback.confirmationCode,
                        status.wireName(), callback.state, attempt))
                .replaceWith(callback);
    }

    /**
     * While a lease lives only its holder may report. A lapsed lease still lets its holder report until another dialler
     * claims the callback; a dialler that never claimed (e.g. one fed by Kafka) may report on a callback nobody holds.
     * A lease id that no longer holds the callback is refused.
     */
    private static String leaseProblem(Callback callback, UUID leaseId, OffsetDateTime now) {
        boolean live = callback.leaseId != null && callback.leaseExpiresAt != null
                && callback.leaseExpiresAt.isAfter(now);
        if (leaseId == null) {
            return live ? "Callback " + callback.confirmationCode + " is leased to dialler " + callback.leaseHolder
                    + " until " + callback.leaseExpiresAt + "; only the lease holder may report, with its leaseId."
                    : null;
        }
        if (leaseId.equals(callback.leaseId)) {
            return null;
        }
        return "Lease " + leaseId + " does not hold callback " + callback.confirmationCode
                + (live ? "; another dialler holds it until " + callback.leaseExpiresAt + "."
                        : "; the lease has ended (the callback was rescheduled, finished or claimed again).");
    }

    private static String transitionProblem(Callback callback, CallStatus status, Set<CallStatus> allowed) {
        if (allowed.isEmpty()) {
            return "Callback " + callback.confirmationCode + " is already " + callback.state
                    + "; it takes no further status.";
        }
        String now = callback.state == CallbackState.IN_PROGRESS ? "after " + callback.lastCallStatus.wireName()
                : "while " + callback.state;
        String next = allowed.stream().map(CallStatus::wireName).collect(Collectors.joining(", "));
        String why = status == CallStatus.RESCHEDULED
                ? " Rescheduled is decided by the service after CallingUserFailed, by the queue's retry policy."
                : "";
        return status.wireName() + " cannot follow " + callback.confirmationCode + "'s state: " + now
                + " a dialler may report " + next + "." + why;
    }

    private static CallbackState stateAfter(CallStatus status) {
        return switch (status) {
            case CALL_SUCCEEDED -> CallbackState.SUCCEEDED;
            case CALL_FAILED -> CallbackState.FAILED;
            case RESCHEDULED -> CallbackState.RESCHEDULED;
            default -> CallbackState.IN_PROGRESS;
        };
    }
}
