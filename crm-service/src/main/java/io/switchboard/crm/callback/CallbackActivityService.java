package io.switchboard.crm.callback;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.ids.PlatformIds;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.crm.activity.Activity;
import io.switchboard.crm.activity.ActivityRepository;
import io.switchboard.crm.callback.CallbackCallRepository.CallbackCall;
import io.vertx.core.json.JsonObject;

/**
 * Turns callback-service's events into {@code call.callback} activities: what a callback is (number, name, queue) is
 * remembered from its requested, due and amended events; when a status change leaves it in a terminal state, the
 * callback becomes one activity, started at its first call attempt. A redelivered event changes nothing: the activity
 * is unique per confirmation code.
 */
@ApplicationScoped
public class CallbackActivityService {

    private final CallbackCallRepository callbacks;
    private final ActivityRepository activities;
    private final PlatformIds ids;
    private final Outbox outbox;

    public CallbackActivityService(CallbackCallRepository callbacks, ActivityRepository activities, PlatformIds ids,
            Outbox outbox) {
        this.callbacks = callbacks;
        this.activities = activities;
        this.ids = ids;
        this.outbox = outbox;
    }

    public Uni<Void> requested(String tenantId, CallbackEvents.Requested e) {
        return outbox.inTransaction(tx -> callbacks.upsert(tx, tenantId, e.confirmationCode(), e.serviceQueue(),
                e.callType(), e.phoneNumber(), e.customerName(), e.requestedAt()));
    }

    public Uni<Void> due(String tenantId, CallbackEvents.Due e) {
        return outbox.inTransaction(tx -> callbacks.upsert(tx, tenantId, e.confirmationCode(), e.serviceQueue(),
                e.callType(), e.phoneNumber(), e.customerName(), null));
    }

    public Uni<Void> amended(String tenantId, CallbackEvents.Amended e) {
        return outbox.inTransaction(tx -> callbacks.upsert(tx, tenantId, e.confirmationCode(), e.serviceQueue(),
                e.callType(), e.phoneNumber(), e.customerName(), null));
    }

    /** @return true when the change finished the callback and made its activity now */
    public Uni<Boolean> statusChanged(String tenantId, CallbackEvents.StatusChanged e) {
        OffsetDateTime at = e.occurredAt() == null ? OffsetDateTime.now() : e.occurredAt();
        if (e.state() == null || !e.state().isTerminal()) {
            return outbox
                    .inTransaction(tx -> callbacks.attempted(tx, tenantId, e.confirmationCode(), e.serviceQueue(), at))
                    .replaceWith(false);
        }
        return ids.next().flatMap(activityId -> outbox.inTransaction(
                tx -> callbacks.attempted(tx, tenantId, e.confirmationCode(), e.serviceQueue(), at).flatMap(call -> {
                    if (call.activityId() != null) {
                        return Uni.createFrom().item(false);
                    }
                    return activities.insert(tx, activityOf(tenantId, call, e, activityId, at))
                            .call(inserted -> inserted
                                    ? callbacks.finished(tx, tenantId, e.confirmationCode(), activityId)
                                    : Uni.createFrom().voidItem());
                })));
    }

    static Activity activityOf(String tenantId, CallbackCall call, CallbackEvents.StatusChanged e, long activityId,
            OffsetDateTime at) {
        JsonObject data = new JsonObject().put("source", Activity.CALLBACK)
                .put("confirmationCode", e.confirmationCode()).put("serviceQueue", call.serviceQueue())
                .put("callType", call.callType()).put("phoneNumber", call.phoneNumber())
                .put("customerName", call.customerName()).put("outcome", e.state().name())
                .put("lastStatus", e.status() == null ? null : e.status().wireName()).put("attempts", e.attempt())
                .put("retries", e.retries())
                .put("requestedAt", call.requestedAt() == null ? null : call.requestedAt().toInstant().toString());
        OffsetDateTime started = call.firstAttemptAt() != null && call.firstAttemptAt().isBefore(at)
                ? call.firstAttemptAt()
                : at;
        return new Activity(activityId, tenantId, Activity.CALL_BACK, Activity.CALLBACK, e.confirmationCode(), null,
                null, null, call.phoneNumber(), started, at, data, null);
    }
}
