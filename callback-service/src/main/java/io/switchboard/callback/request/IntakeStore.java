package io.switchboard.callback.request;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Callback;
import io.switchboard.callback.CallbackRepository;
import io.switchboard.callback.queue.ServiceQueue;
import io.switchboard.callback.request.CallbackRejection.Reason;
import io.switchboard.callback.timeslot.Timeslot;
import io.switchboard.callback.timeslot.TimeslotService;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.events.callback.CallbackState;
import io.switchboard.common.outbox.Outbox;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Persists an accepted request without any queue-wide lock, in one transaction of few statements: the callback row
 * ({@code INSERT ... ON CONFLICT} on the duplicate index answers a repeat request with the waiting callback), the
 * slot's counter (a conditional increment, only for a scheduled callback) and the outbox row. A PIN or code that
 * collides makes the whole transaction run again with new ones.
 */
@ApplicationScoped
public class IntakeStore {

    static final int COLLISION_RETRIES = 10;
    /** When every PIN is taken, a client may try again after this long: callbacks finish and free theirs. */
    static final long NO_FREE_PIN_RETRY_SECONDS = 60;
    private static final int DUPLICATE_ROUNDS = 3;

    private final CallbackRepository callbacks;
    private final TimeslotService timeslots;
    private final ConfirmationCodes codes;
    private final PinAllocator pins;
    private final Outbox outbox;

    public IntakeStore(CallbackRepository callbacks, TimeslotService timeslots, ConfirmationCodes codes,
            PinAllocator pins, Outbox outbox) {
        this.callbacks = callbacks;
        this.timeslots = timeslots;
        this.codes = codes;
        this.pins = pins;
        this.outbox = outbox;
    }

    /** Stores the request, or answers the active callback for the same number when the queue has one. */
    public Uni<Intake> store(String tenantId, ServiceQueue queue, CallbackRequest request, String e164, Timeslot slot) {
        return outbox.inTransaction(tx -> attempt(tx, tenantId, queue, request, e164, slot, DUPLICATE_ROUNDS))
                .onFailure(PinAllocator::isCollision).retry().atMost(COLLISION_RETRIES)
                .onFailure(PinAllocator::isCollision).transform(collision -> {
                    Log.warnf(
                            "No free PIN for tenant %s after %d draws: nearly all of its PINs are held by active"
                                    + " callbacks (raise switchboard.callback.pin-digits)",
                            tenantId, COLLISION_RETRIES + 1);
                    return new CallbackRejection(CallbackRejection.Reason.NO_FREE_PIN, null, NO_FREE_PIN_RETRY_SECONDS);
                });
    }

    private Uni<Intake> attempt(SqlConnection tx, String tenantId, ServiceQueue queue, CallbackRequest request,
            String e164, Timeslot slot, int roundsLeft) {
        Callback callback = newCallback(tenantId, queue, request, e164, slot);
        return callbacks.insertUnlessDuplicate(tx, callback).flatMap(inserted -> {
            if (inserted) {
                return book(tx, tenantId, queue, slot).flatMap(booked -> announce(tx, callback))
                        .replaceWith(new Intake(callback, true));
            }
            return callbacks.activeDuplicate(tx, tenantId, queue.id(), e164).flatMap(existing -> {
                if (roundsLeft <= 1) {
                    return Uni.createFrom().failure(
                            new IllegalStateException("Duplicate check did not settle for queue " + queue.id()));
                }
                if (existing == null) {
                    // it finished between the insert and the look-up: try again
                    return attempt(tx, tenantId, queue, request, e164, slot, roundsLeft - 1);
                }
                OffsetDateTime windowStart = OffsetDateTime.now().minusSeconds(queue.duplicateWindowSeconds());
                if (!existing.createdAt.isAfter(windowStart)) {
                    return callbacks.forgetDuplicateKey(tx, existing.id)
                            .flatMap(forgotten -> attempt(tx, tenantId, queue, request, e164, slot, roundsLeft - 1));
                }
                return Uni.createFrom().item(new Intake(existing, false));
            });
        });
    }

    private Uni<Void> book(SqlConnection tx, String tenantId, ServiceQueue queue, Timeslot slot) {
        if (slot == null) {
            return Uni.createFrom().voidItem();
        }
        return timeslots.take(tx, tenantId, queue, slot)
                .flatMap(taken -> taken ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new CallbackRejection(Reason.SLOT_UNAVAILABLE,
                                "timeslot " + slot.id() + " on " + slot.date() + " is full.")));
    }

    private Uni<Void> announce(SqlConnection tx, Callback callback) {
        var data = new CallbackEvents.Requested(callback.confirmationCode, callback.serviceQueueId, callback.callType,
                callback.phoneNumber, callback.customerName, callback.state, callback.scheduledFor, callback.createdAt);
        return outbox.append(tx, CallbackEvents.REQUESTED, callback.confirmationCode, callback.confirmationCode,
                callback.tenantId, data).replaceWithVoid();
    }

    private Callback newCallback(String tenantId, ServiceQueue queue, CallbackRequest request, String e164,
            Timeslot slot) {
        OffsetDateTime now = OffsetDateTime.now();
        Callback callback = new Callback();
        callback.id = UUID.randomUUID();
        callback.tenantId = tenantId;
        callback.confirmationCode = codes.next();
        callback.serviceQueueId = queue.id();
        callback.callType = request.callType().shortValue();
        callback.customerName = request.name();
        callback.phoneNumber = e164;
        callback.region = request.region();
        callback.setFields(request.fields());
        callback.pin = pins.next();
        callback.dedupKey = queue.duplicateWindowSeconds() > 0 ? e164 : null;
        if (slot == null) {
            callback.state = CallbackState.PENDING;
            callback.dueAt = now;
        } else {
            callback.state = CallbackState.SCHEDULED;
            callback.timeslotId = slot.id();
            callback.scheduledFor = slot.from().toOffsetDateTime();
            callback.dueAt = callback.scheduledFor;
        }
        callback.createdAt = now;
        callback.updatedAt = now;
        return callback;
    }
}
