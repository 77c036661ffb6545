package io.switchboard.callback.request;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Callback;
import io.switchboard.callback.CallbackRepository;
import io.switchboard.callback.metrics.CallbackMetrics;
import io.switchboard.callback.queue.NumberLists;
import io.switchboard.callback.queue.QueueCalendar;
import io.switchboard.callback.queue.ServiceQueue;
import io.switchboard.callback.queue.ServiceQueueCache;
import io.switchboard.callback.request.CallbackRejection.Reason;
import io.switchboard.callback.timeslot.Timeslot;
import io.switchboard.callback.timeslot.TimeslotService;
import io.switchboard.callback.timeslot.TimeslotTemplate;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.events.callback.CallbackState;
import io.switchboard.common.logging.LogContext;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.common.problem.DependencyFailures;
import io.switchboard.common.problem.ProblemException;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Takes, amends and cancels callback requests: the one place their rules are applied, for the modern API and every
 * legacy facade alike. Rules run in this order, the first that fails decides: parameters ({@link IntakeValidation}),
 * number, out of hours (callType 1), slot closed or past (callType 2), black list, white list, rate limits
 * ({@link IntakeRateLimiter}), then duplicate and slot capacity as the request is stored ({@link IntakeStore}). Queue
 * settings come from {@link ServiceQueueCache}, so a request costs no queue query. Each change and its event are one
 * transaction.
 */
@ApplicationScoped
public class CallbackIntakeService {

    private final ServiceQueueCache queues;
    private final IntakeStore store;
    private final TimeslotService timeslots;
    private final CallbackRepository callbacks;
    private final Outbox outbox;
    private final CallbackMetrics metrics;
    private final IntakeRateLimiter limiter;

    public CallbackIntakeService(ServiceQueueCache queues, IntakeStore store, TimeslotService timeslots,
            CallbackRepository callbacks, Outbox outbox, CallbackMetrics metrics, IntakeRateLimiter limiter) {
        this.limiter = limiter;
        this.queues = queues;
        this.store = store;
        this.timeslots = timeslots;
        this.callbacks = callbacks;
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /**
     * Validates and stores a request; fails with {@link CallbackRejection} when a rule refuses it. A request for a
     * number that already has a waiting callback in the queue (within the queue's duplicate window) answers that
     * callback, without a second call or event.
     */
    public Uni<Intake> request(String tenantId, CallbackRequest request) {
        return decide(tenantId, request).invoke(intake -> {
            LogContext.confirmationCode(intake.callback().confirmationCode);
            if (intake.created()) {
                Log.infof("Callback %s requested in service queue %d (%s)", intake.callback().confirmationCode,
                        intake.callback().serviceQueueId, intake.callback().state);
            } else {
                Log.infof("Callback %s already waits for this number in service queue %d: answered again",
                        intake.callback().confirmationCode, intake.callback().serviceQueueId);
            }
            metrics.requested(tenantId, intake.created() ? CallbackMetrics.ACCEPTED : CallbackMetrics.DUPLICATE);
        }).onFailure(CallbackRejection.class).invoke(e -> {
            Reason reason = ((CallbackRejection) e).reason();
            Log.infof("Callback request refused: %s", reason.name());
            metrics.requested(tenantId, reason.name().toLowerCase(Locale.ROOT));
        }).onFailure(DependencyFailures::isUnavailable)
                .invoke(e -> metrics.requested(tenantId, CallbackMetrics.UNAVAILABLE));
    }

    private Uni<Intake> decide(String tenantId, CallbackRequest request) {
        String problem = IntakeValidation.parameterProblem(request);
        if (problem != null) {
            return reject(Reason.INVALID_PARAMETERS, problem);
        }
        LocalDate date = request.callType() == 2 ? RequestDates.date(request.date()) : null;
        if (request.callType() == 2 && date == null) {
            return reject(Reason.INVALID_PARAMETERS, "date must be yyyy-MM-dd or yyyy-MM-dd HH:mm:ss.");
        }
        return queue(tenantId, request.serviceQueue()).flatMap(entry -> {
            ServiceQueue queue = entry.queue();
            String e164 = CallbackNumbers.toE164(request.phoneNo(), request.region()).orElse(null);
            if (e164 == null) {
                return reject(Reason.INVALID_NUMBER, null);
            }
            Timeslot slot = null;
            if (request.callType() == 1) {
                if (!QueueCalendar.isOpenAt(queue, Instant.now())) {
                    return reject(Reason.OUT_OF_HOURS, null);
                }
            } else {
                slot = offeredSlot(queue, date, request.timeslot());
                if (slot == null) {
                    return reject(Reason.SLOT_UNAVAILABLE,
                            "timeslot " + request.timeslot() + " on " + date + " is not offered.");
                }
                if (queue.timeslots().capacity() < 1) {
                    return reject(Reason.SLOT_UNAVAILABLE, "timeslot " + slot.id() + " on " + date + " is full.");
                }
            }
            Reason listed = listProblem(entry.lists(), e164);
            if (listed != null) {
                return reject(listed, null);
            }
            Timeslot booking = slot;
            return limiter.count(tenantId, queue, e164)
                    .flatMap(counted -> store.store(tenantId, queue, request, e164, booking));
        });
    }

    /** Changes a waiting callback's name, number, fields or slot, under the same rules as a new request. */
    public Uni<Callback> amend(String tenantId, String confirmationCode, CallbackAmendment amendment) {
        String problem = IntakeValidation.amendmentProblem(amendment);
        if (problem != null) {
            return reject(Reason.INVALID_PARAMETERS, problem);
        }
        return callbacks.findByConfirmationCode(tenantId, confirmationCode).onItem().ifNull()
                .failWith(() -> notFound(confirmationCode)).flatMap(current -> {
                    if (!isWaiting(current.state)) {
                        return Uni.createFrom().failure(cannotChange(current, "amended"));
                    }
                    return queue(tenantId, current.serviceQueueId).flatMap(entry -> {
                        ServiceQueue queue = entry.queue();
                        String e164 = current.phoneNumber;
                        if (amendment.phoneNo() != null) {
                            e164 = CallbackNumbers.toE164(amendment.phoneNo(), amendment.region()).orElse(null);
                            if (e164 == null) {
                                return reject(Reason.INVALID_NUMBER, null);
                            }
                        }
                        Timeslot slot = null;
                        if (amendment.timeslot() != null || amendment.date() != null) {
                            if (current.callType != 2) {
                                return reject(Reason.INVALID_PARAMETERS,
                                        "Only a scheduled callback (callType 2) has a timeslot to change.");
                            }
                            LocalDate date = amendment.date() == null
                                    ? current.scheduledFor.atZoneSameInstant(QueueCalendar.zone(queue)).toLocalDate()
                                    : RequestDates.date(amendment.date());
                            if (date == null) {
                                return reject(Reason.INVALID_PARAMETERS,
                                        "date must be yyyy-MM-dd or yyyy-MM-dd HH:mm:ss.");
                            }
                            int id = amendment.timeslot() == null ? current.timeslotId : amendment.timeslot();
                            slot = offeredSlot(queue, date, id);
                            if (slot == null) {
                                return reject(Reason.SLOT_UNAVAILABLE,
                                        "timeslot " + id + " on " + date + " is not offered.");
                            }
                        }
                        Reason listed = listProblem(entry.lists(), e164);
                        if (listed != null) {
                            return reject(listed, null);
                        }
                        return applyAmendment(tenantId, queue, confirmationCode, amendment, e164, slot);
                    });
                });
    }

    /**
     * Cancels a callback no one is calling yet: waiting, or claimed by a dialler that has not started (its lease is
     * released, so its next report is refused). Cancelling a cancelled one changes nothing. The one cancel rule of the
     * modern API and the Ameyo facade. Concurrent cancels of one callback wait for each other on its row.
     */
    public Uni<Void> cancel(String tenantId, String confirmationCode) {
        return outbox.inTransaction(tx -> locked(tx, tenantId, confirmationCode).flatMap(callback -> {
            if (callback.state == CallbackState.CANCELLED) {
                return Uni.createFrom().voidItem();
            }
            if (!isWaiting(callback.state) && callback.state != CallbackState.CLAIMED) {
                return Uni.createFrom().failure(cannotChange(callback, "cancelled"));
            }
            OffsetDateTime now = OffsetDateTime.now();
            OffsetDateTime slotStart = callback.scheduledFor;
            callback.state = CallbackState.CANCELLED;
            callback.updatedAt = now;
            callback.releaseLease();
            var data = new CallbackEvents.Cancelled(callback.confirmationCode, callback.serviceQueueId, callback.state,
                    now);
            Uni<Void> place = slotStart == null ? Uni.createFrom().voidItem()
                    : timeslots.release(tx, tenantId, callback.serviceQueueId, slotStart);
            return place.flatMap(released -> callbacks.update(tx, callback)).flatMap(updated -> outbox.append(tx,
                    CallbackEvents.CANCELLED, callback.confirmationCode, callback.confirmationCode, tenantId, data))
                    .replaceWithVoid();
        }));
    }

    private Uni<ServiceQueueCache.Entry> queue(String tenantId, long id) {
        return queues.entry(tenantId, id).onItem().transform(entry -> {
            if (entry.queue() == null) {
                throw new CallbackRejection(Reason.UNKNOWN_SERVICE_QUEUE, "serviceQueue " + id + " does not exist.");
            }
            return entry;
        });
    }

    /** The slot, when the template has it that day, the queue is open for all of it and it has not begun. */
    private static Timeslot offeredSlot(ServiceQueue queue, LocalDate date, int id) {
        return TimeslotTemplate.slot(queue, date, id)
                .filter(s -> TimeslotTemplate.isOpen(queue, s) && s.from().toInstant().isAfter(Instant.now()))
                .orElse(null);
    }

    private static Reason listProblem(NumberLists lists, String e164) {
        return switch (lists.verdict(e164)) {
            case BLACK_LISTED -> Reason.BLACK_LISTED;
            case NOT_WHITE_LISTED -> Reason.NOT_WHITE_LISTED;
            case ALLOWED -> null;
        };
    }

    private Uni<Callback> applyAmendment(String tenantId, ServiceQueue queue, String confirmationCode,
            CallbackAmendment amendment, String e164, Timeslot slot) {
        return outbox.inTransaction(tx -> locked(tx, tenantId, confirmationCode).flatMap(callback -> {
            if (!isWaiting(callback.state)) {
                return Uni.createFrom().failure(cannotChange(callback, "amended"));
            }
            return moveSlot(tx, tenantId, queue, callback, slot).flatMap(moved -> {
                OffsetDateTime now = OffsetDateTime.now();
                if (amendment.name() != null) {
                    callback.customerName = amendment.name();
                }
                callback.phoneNumber = e164;
                if (callback.dedupKey != null) {
                    callback.dedupKey = e164;
                }
                if (amendment.region() != null) {
                    callback.region = amendment.region();
                }
                if (amendment.fields() != null) {
                    callback.setFields(amendment.fields());
                }
                if (slot != null) {
                    callback.timeslotId = slot.id();
                    callback.scheduledFor = slot.from().toOffsetDateTime();
                    callback.dueAt = callback.scheduledFor;
                }
                callback.updatedAt = now;
                var data = new CallbackEvents.Amended(callback.confirmationCode, callback.serviceQueueId,
                        callback.callType, callback.phoneNumber, callback.customerName,
                        CallbackView.of(callback).fields(), callback.timeslotId, callback.scheduledFor, callback.dueAt,
                        callback.state, now);
                return callbacks
                        .update(tx, callback).flatMap(updated -> outbox.append(tx, CallbackEvents.AMENDED,
                                callback.confirmationCode, callback.confirmationCode, tenantId, data))
                        .replaceWith(callback);
            });
        })).onFailure(failure -> PinAllocator.violates(failure, "callback_active_duplicate"))
                .transform(duplicate -> ProblemException
                        .conflict("Another callback already waits for that number in this service queue."));
    }

    /**
     * Takes a place in the new slot and gives the old one back; a callback moving within its own slot keeps its place.
     */
    private Uni<Void> moveSlot(SqlConnection tx, String tenantId, ServiceQueue queue, Callback callback,
            Timeslot slot) {
        if (slot == null
                || callback.scheduledFor != null && callback.scheduledFor.toInstant().equals(slot.from().toInstant())) {
            return Uni.createFrom().voidItem();
        }
        return timeslots.take(tx, tenantId, queue, slot).flatMap(taken -> {
            if (!taken) {
                return reject(Reason.SLOT_UNAVAILABLE, "timeslot " + slot.id() + " on " + slot.date() + " is full.");
            }
            return callback.scheduledFor == null ? Uni.createFrom().voidItem()
                    : timeslots.release(tx, tenantId, queue.id(), callback.scheduledFor);
        });
    }

    private Uni<Callback> locked(SqlConnection tx, String tenantId, String confirmationCode) {
        return callbacks.lockByConfirmationCode(tx, tenantId, confirmationCode).onItem().ifNull()
                .failWith(() -> notFound(confirmationCode));
    }

    private static ProblemException notFound(String confirmationCode) {
        return ProblemException.notFound("No callback with confirmation code " + confirmationCode + ".");
    }

    /** Only a callback no dialler is working on may be changed by the customer. */
    private static boolean isWaiting(CallbackState state) {
        return state == CallbackState.PENDING || state == CallbackState.SCHEDULED || state == CallbackState.RESCHEDULED;
    }

    private static ProblemException cannotChange(Callback callback, String change) {
        return ProblemException.conflict("Callback " + callback.confirmationCode + " is " + callback.state
                + " and can no longer be " + change + ".");
    }

    private static <T> Uni<T> reject(Reason reason, String detail) {
        return Uni.createFrom().failure(new CallbackRejection(reason, detail));
    }
}
