package io.switchboard.callback.dialler;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Callback;
import io.switchboard.callback.CallbackEvents;
import io.switchboard.callback.CallbackRepository;
import io.switchboard.callback.CallbackState;
import io.switchboard.common.events.Topics;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.common.problem.ProblemException;

/** Records what diallers report about a call and announces every change. */
@ApplicationScoped
public class CallProgressService {

    private final CallbackRepository callbacks;
    private final Outbox outbox;

    public CallProgressService(CallbackRepository callbacks, Outbox outbox) {
        this.callbacks = callbacks;
        this.outbox = outbox;
    }

    public Uni<Callback> report(String tenantId, String confirmationCode, CallStatus status) {
        return outbox.inTransaction(() -> callbacks.findByConfirmationCode(tenantId, confirmationCode).onItem().ifNull()
                .failWith(
                        () -> ProblemException.notFound("No callback with confirmation code " + confirmationCode + "."))
                .flatMap(callback -> apply(callback, status)));
    }

    private Uni<Callback> apply(Callback callback, CallStatus status) {
        if (callback.state.isTerminal()) {
            return Uni.createFrom().failure(ProblemException.conflict("Callback " + callback.confirmationCode
                    + " is already " + callback.state + "; it takes no further status."));
        }
        OffsetDateTime now = OffsetDateTime.now();
        callback.lastCallStatus = status;
        callback.state = stateAfter(status);
        callback.updatedAt = now;
        if (status == CallStatus.CALLING_USER_FAILED) {
            callback.retries++;
        }
        CallbackStatusChange change = new CallbackStatusChange();
        change.callbackId = callback.id;
        change.status = status;
        change.occurredAt = now;
        var data = new CallbackEvents.StatusChanged(callback.confirmationCode, callback.serviceQueueId, status,
                callback.state, callback.retries, now);
        return change.persist()
                .flatMap(saved -> outbox.append(Topics.CALLBACK_EVENTS, callback.confirmationCode,
                        CallbackEvents.STATUS_CHANGED, callback.confirmationCode, callback.tenantId, data))
                .replaceWith(callback);
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
