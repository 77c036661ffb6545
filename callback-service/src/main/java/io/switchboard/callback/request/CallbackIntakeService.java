package io.switchboard.callback.request;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Callback;
import io.switchboard.callback.CallbackRepository;
import io.switchboard.callback.PanacheOutbox;
import io.switchboard.callback.metrics.CallbackMetrics;
import io.switchboard.callback.queue.QueueCalendar;
import io.switchboard.callback.queue.ServiceQueueDefinition;
import io.switchboard.callback.queue.ServiceQueueStore;
import io.switchboard.callback.request.CallbackRejection.Reason;
import io.switchboard.callback.timeslot.Timeslot;
import io.switchboard.callback.timeslot.TimeslotService;
import io.switchboard.callback.timeslot.TimeslotTemplate;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.events.callback.CallbackState;
import io.switchboard.common.logging.LogContext;
import io.switchboard.common.phone.PhoneNumbers;
import io.switchboard.common.problem.DependencyFailures;
import io.switchboard.common.problem.ProblemException;

/**
 * Takes, amends and cancels callback requests: the one place their rules live, for the modern API and every legacy
 * facade alike. Rules run in this order, the first that fails decides: parameters, number, out of hours (callType 1),
 * slot closed, past or full (callType 2), black list, white list. Each change and its event are one transaction.
 */
@ApplicationScoped
public class CallbackIntakeService {

    static final int MAX_FIELDS = 10;
    static final int MAX_TEXT = 500;
    static final int PIN_DIGITS = 6;
    private static final int PIN_ATTEMPTS = 20;
    private static final int PIN_COLLISION_RETRIES = 3;

    private final ServiceQueueStore queues;
    private final TimeslotService timeslots;
    private final CallbackRepository callbacks;
    private final ConfirmationCodes codes;
    private final PanacheOutbox outbox;
    private final CallbackMetrics metrics;
    private final SecureRandom random = new SecureRandom();

    public CallbackIntakeService(ServiceQueueStore queues, TimeslotService timeslots, CallbackRepository callbacks,
            ConfirmationCodes codes, PanacheOutbox outbox, CallbackMetrics metrics) {
        this.metrics = metrics;
        this.queues = queues;
        this.timeslots = timeslots;
        this.callbacks = callbacks;
        this.codes = codes;
        this.outbox = outbox;
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
        String problem = parameterProblem(request);
        if (problem != null) {
            return reject(Reason.INVALID_PARAMETERS, problem);
        }
        LocalDate date = request.callType() == 2 ? RequestDates.date(request.date()) : null;
        if (request.callType() == 2 && date == null) {
            return reject(Reason.INVALID_PARAMETERS, "date must be yyyy-MM-dd or yyyy-MM-dd HH:mm:ss.");
        }
        return queue(tenantId, request.serviceQueue()).flatMap(queue -> {
            String e164 = PhoneNumbers.toE164(request.phoneNo(), request.region()).orElse(null);
            if (e164 == null) {
                return reject(Reason.INVALID_NUMBER, null);
            }
            if (request.callType() == 1) {
                if (!QueueCalendar.isOpenAt(queue, Instant.now())) {
                    return reject(Reason.OUT_OF_HOURS, null);
                }
                return numberAllowed(tenantId, queue, e164)
                        .flatMap(allowed -> storeOnce(tenantId, queue, request, e164, null));
            }
            return bookableSlot(tenantId, queue, date, request.timeslot())
                    .call(slot -> numberAllowed(tenantId, queue, e164))
                    .flatMap(slot -> storeOnce(tenantId, queue, request, e164, slot));
        });
    }

    /** Changes a waiting callback's name, number, fields or slot, under the same rules as a new request. */
    public Uni<Callback> amend(String tenantId, String confirmationCode, CallbackAmendment amendment) {
        if (amendment == null) {
            return reject(Reason.INVALID_PARAMETERS, "A JSON body with the values to change is required.");
        }
        String problem = textProblem(amendment.name(), amendment.fields());
        if (problem == null && amendment.phoneNo() != null && amendment.phoneNo().isBlank()) {
            problem = "phoneNo may not be blank.";
        }
        if (problem == null) {
            problem = regionProblem(amendment.region());
        }
        if (problem != null) {
            return reject(Reason.INVALID_PARAMETERS, problem);
        }
        return waiting(tenantId, confirmationCode, "amended")
                .flatMap(current -> queue(tenantId, current.serviceQueueId).flatMap(queue -> {
                    String e164 = current.phoneNumber;
                    if (amendment.phoneNo() != null) {
                        e164 = PhoneNumbers.toE164(amendment.phoneNo(), amendment.region()).orElse(null);
                        if (e164 == null) {
                            return reject(Reason.INVALID_NUMBER, null);
                        }
                    }
                    String number = e164;
                    Uni<Timeslot> newSlot = Uni.createFrom().nullItem();
                    if (amendment.timeslot() != null || amendment.date() != null) {
                        if (current.callType != 2) {
                            return reject(Reason.INVALID_PARAMETERS,
                                    "Only a scheduled callback (callType 2) has a timeslot to change.");
                        }
                        LocalDate date = amendment.date() == null
                                ? current.scheduledFor.atZoneSameInstant(QueueCalendar.zone(queue)).toLocalDate()
                                : RequestDates.date(amendment.date());
                        if (date == null) {
                            return reject(Reason.INVALID_PARAMETERS, "date must be yyyy-MM-dd or yyyy-MM-dd HH:mm:ss.");
                        }
                        int id = amendment.timeslot() == null ? current.timeslotId : amendment.timeslot();
                        newSlot = bookableSlot(tenantId, queue, date, id);
                    }
                    return newSlot.call(slot -> numberAllowed(tenantId, queue, number)).flatMap(
                            slot -> applyAmendment(tenantId, queue, confirmationCode, amendment, number, slot));
                }));
    }

    /**
     * Cancels a callback no one is calling yet: waiting, or claimed by a dialler that has not started (its lease is
     * released, so its next report is refused). Cancelling a cancelled one changes nothing. The one cancel rule of the
     * modern API and the Ameyo facade.
     */
    public Uni<Void> cancel(String tenantId, String confirmationCode) {
        return outbox.inTransaction(() -> find(tenantId, confirmationCode).flatMap(callback -> {
            if (callback.state == CallbackState.CANCELLED) {
                return Uni.createFrom().voidItem();
            }
            if (!isWaiting(callback.state) && callback.state != CallbackState.CLAIMED) {
                return Uni.createFrom().failure(cannotChange(callback, "cancelled"));
            }
            OffsetDateTime now = OffsetDateTime.now();
            callback.state = CallbackState.CANCELLED;
            callback.updatedAt = now;
            callback.releaseLease();
            var data = new CallbackEvents.Cancelled(callback.confirmationCode, callback.serviceQueueId, callback.state,
                    now);
            return outbox.append(CallbackEvents.CANCELLED, callback.confirmationCode, callback.confirmationCode,
                    tenantId, data).replaceWithVoid();
        }));
    }

    private Uni<ServiceQueueDefinition> queue(String tenantId, long id) {
        return queues.find(tenantId, id).onItem().ifNull().failWith(
                () -> new CallbackRejection(Reason.UNKNOWN_SERVICE_QUEUE, "serviceQueue " + id + " does not exist."));
    }

    /** The slot, when the template has it that day, the queue is open for all of it, it has not begun and has room. */
    private Uni<Timeslot> bookableSlot(String tenantId, ServiceQueueDefinition queue, LocalDate date, int id) {
        Timeslot slot = TimeslotTemplate.slot(queue, date, id)
                .filter(s -> TimeslotTemplate.isOpen(queue, s) && s.from().toInstant().isAfter(Instant.now()))
                .orElse(null);
        if (slot == null) {
            return reject(Reason.SLOT_UNAVAILABLE, "timeslot " + id + " on " + date + " is not offered.");
        }
        return timeslots.hasRoom(tenantId, queue, slot).flatMap(room -> room ? Uni.createFrom().item(slot)
                : reject(Reason.SLOT_UNAVAILABLE, "timeslot " + id + " on " + date + " is full."));
    }

    private Uni<Void> numberAllowed(String tenantId, ServiceQueueDefinition queue, String e164) {
        return queues.numberVerdict(tenantId, queue.id(), e164).flatMap(verdict -> {
            if (verdict.blackListed()) {
                return reject(Reason.BLACK_LISTED, null);
            }
            if (verdict.hasWhiteList() && !verdict.whiteListed()) {
                return reject(Reason.NOT_WHITE_LISTED, null);
            }
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Intake> storeOnce(String tenantId, ServiceQueueDefinition queue, CallbackRequest request, String e164,
            Timeslot slot) {
        return outbox
                .inTransaction(() -> lockQueue(tenantId, queue.id())
                        .flatMap(locked -> waitingDuplicate(tenantId, queue, e164))
                        .flatMap(existing -> existing != null ? Uni.createFrom().item(new Intake(existing, false))
                                : roomUnderLock(tenantId, queue, slot, null)
                                        .flatMap(room -> store(tenantId, request, e164, slot))
                                        .map(created -> new Intake(created, true))))
                .onFailure(CallbackIntakeService::isPinCollision).retry().atMost(PIN_COLLISION_RETRIES);
    }

    private Uni<Callback> applyAmendment(String tenantId, ServiceQueueDefinition queue, String confirmationCode,
            CallbackAmendment amendment, String e164, Timeslot slot) {
        return outbox.inTransaction(
                () -> lockQueue(tenantId, queue.id()).flatMap(locked -> waiting(tenantId, confirmationCode, "amended"))
                        .call(callback -> roomUnderLock(tenantId, queue, slot, callback)).flatMap(callback -> {
                            OffsetDateTime now = OffsetDateTime.now();
                            if (amendment.name() != null) {
                                callback.customerName = amendment.name();
                            }
                            callback.phoneNumber = e164;
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
                                    CallbackView.of(callback).fields(), callback.timeslotId, callback.scheduledFor,
                                    callback.dueAt, callback.state, now);
                            return outbox.append(CallbackEvents.AMENDED, callback.confirmationCode,
                                    callback.confirmationCode, tenantId, data).replaceWith(callback);
                        }));
    }

    /**
     * Re-counts the slot while holding the queue's lock, so two requests never both take its last place; a callback
     * moving within its own slot keeps its place.
     */
    private Uni<Void> roomUnderLock(String tenantId, ServiceQueueDefinition queue, Timeslot slot, Callback moving) {
        if (slot == null || moving != null && moving.scheduledFor != null
                && moving.scheduledFor.toInstant().equals(slot.from().toInstant())) {
            return Uni.createFrom().voidItem();
        }
        return timeslots.hasRoom(tenantId, queue, slot).flatMap(room -> room ? Uni.createFrom().voidItem()
                : reject(Reason.SLOT_UNAVAILABLE, "timeslot " + slot.id() + " on " + slot.date() + " is full."));
    }

    /** Serialises intake per queue for the rest of the transaction: duplicate and capacity checks stay true. */
    private Uni<Object> lockQueue(String tenantId, long queueId) {
        return Panache.getSession()
                .flatMap(session -> session
                        .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(:key))", Integer.class)
                        .setParameter("key", "callback-intake/" + tenantId + "/" + queueId).getSingleResult());
    }

    private Uni<Callback> waitingDuplicate(String tenantId, ServiceQueueDefinition queue, String e164) {
        if (queue.duplicateWindowSeconds() == 0) {
            return Uni.createFrom().nullItem();
        }
        return callbacks.find(
                "tenantId = ?1 and serviceQueueId = ?2 and phoneNumber = ?3 and state <> ?4"
                        + " and state <> ?5 and state <> ?6 and createdAt > ?7 order by createdAt desc",
                tenantId, queue.id(), e164, CallbackState.SUCCEEDED, CallbackState.FAILED, CallbackState.CANCELLED,
                OffsetDateTime.now().minusSeconds(queue.duplicateWindowSeconds())).firstResult();
    }

    private Uni<Callback> store(String tenantId, CallbackRequest request, String e164, Timeslot slot) {
        return freePin(tenantId, PIN_ATTEMPTS).flatMap(pin -> {
            OffsetDateTime now = OffsetDateTime.now();
            Callback callback = new Callback();
            callback.id = UUID.randomUUID();
            callback.tenantId = tenantId;
            callback.confirmationCode = codes.next();
            callback.serviceQueueId = request.serviceQueue();
            callback.callType = request.callType().shortValue();
            callback.customerName = request.name();
            callback.phoneNumber = e164;
            callback.region = request.region();
            callback.setFields(request.fields());
            callback.pin = pin;
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
            var data = new CallbackEvents.Requested(callback.confirmationCode, callback.serviceQueueId,
                    callback.callType, e164, callback.customerName, callback.state, callback.scheduledFor, now);
            return callback.<Callback> persist().flatMap(saved -> outbox.append(CallbackEvents.REQUESTED,
                    saved.confirmationCode, saved.confirmationCode, tenantId, data)).replaceWith(callback);
        });
    }

    /** A random PIN no active callback of the tenant holds; the unique index settles the rare race. */
    private Uni<String> freePin(String tenantId, int attemptsLeft) {
        if (attemptsLeft == 0) {
            return Uni.createFrom().failure(new IllegalStateException("No free PIN found for tenant " + tenantId));
        }
        String pin = String.format("%0" + PIN_DIGITS + "d", random.nextInt((int) Math.pow(10, PIN_DIGITS)));
        return callbacks
                .count("tenantId = ?1 and pin = ?2 and state <> ?3 and state <> ?4 and state <> ?5", tenantId, pin,
                        CallbackState.SUCCEEDED, CallbackState.FAILED, CallbackState.CANCELLED)
                .flatMap(used -> used == 0 ? Uni.createFrom().item(pin) : freePin(tenantId, attemptsLeft - 1));
    }

    private static boolean isPinCollision(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("callback_active_pin")) {
                return true;
            }
        }
        return false;
    }

    private Uni<Callback> find(String tenantId, String confirmationCode) {
        return callbacks.findByConfirmationCode(tenantId, confirmationCode).onItem().ifNull().failWith(
                () -> ProblemException.notFound("No callback with confirmation code " + confirmationCode + "."));
    }

    private Uni<Callback> waiting(String tenantId, String confirmationCode, String change) {
        return find(tenantId, confirmationCode)
                .flatMap(callback -> isWaiting(callback.state) ? Uni.createFrom().item(callback)
                        : Uni.createFrom().failure(cannotChange(callback, change)));
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

    /** The first parameter that is missing or malformed, said for the caller; null when all are fine. */
    static String parameterProblem(CallbackRequest request) {
        if (request == null) {
            return "A JSON body is required.";
        }
        if (request.callType() == null) {
            return "callType is required: 1 = call when available, 2 = scheduled.";
        }
        if (request.callType() != 1 && request.callType() != 2) {
            return "callType must be 1 (call when available) or 2 (scheduled), not " + request.callType() + ".";
        }
        if (request.phoneNo() == null || request.phoneNo().isBlank()) {
            return "phoneNo is required.";
        }
        if (request.serviceQueue() == null) {
            return "serviceQueue is required.";
        }
        String problem = textProblem(request.name(), request.fields());
        if (problem != null) {
            return problem;
        }
        problem = regionProblem(request.region());
        if (problem != null) {
            return problem;
        }
        if (request.callType() == 2 && (request.timeslot() == null || request.date() == null)) {
            return "A scheduled callback (callType 2) needs timeslot and date.";
        }
        return null;
    }

    private static String textProblem(String name, List<String> fields) {
        if (fields != null && fields.size() > MAX_FIELDS) {
            return "fields takes at most " + MAX_FIELDS + " values, not " + fields.size() + ".";
        }
        if (tooLong(name) || fields != null && fields.stream().anyMatch(CallbackIntakeService::tooLong)) {
            return "Name and each field may be at most " + MAX_TEXT + " characters.";
        }
        return null;
    }

    private static String regionProblem(String region) {
        if (region != null && !region.isBlank() && PhoneNumbers.normaliseRegion(region) == null) {
            return "region " + region + " is not a known ISO 3166 region (e.g. GB, IE).";
        }
        return null;
    }

    private static boolean tooLong(String value) {
        return value != null && value.length() > MAX_TEXT;
    }
}
