package io.switchboard.callback.request;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Callback;
import io.switchboard.callback.CallbackEvents;
import io.switchboard.callback.CallbackState;
import io.switchboard.callback.queue.ServiceQueueRepository;
import io.switchboard.common.events.Topics;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.common.phone.PhoneNumbers;

/**
 * Takes callback requests: the one place their rules live, for the modern API and every legacy facade alike. The
 * callback and its {@code requested} event are written in one transaction.
 */
@ApplicationScoped
public class CallbackIntakeService {

    static final int MAX_FIELDS = 10;
    static final int MAX_TEXT = 500;

    private final ServiceQueueRepository queues;
    private final ConfirmationCodes codes;
    private final Outbox outbox;

    public CallbackIntakeService(ServiceQueueRepository queues, ConfirmationCodes codes, Outbox outbox) {
        this.queues = queues;
        this.codes = codes;
        this.outbox = outbox;
    }

    /** Validates and stores a request; fails with {@link CallbackRejection} when a rule refuses it. */
    public Uni<Callback> request(String tenantId, CallbackRequest request) {
        String problem = parameterProblem(request);
        if (problem != null) {
            return Uni.createFrom()
                    .failure(new CallbackRejection(CallbackRejection.Reason.INVALID_PARAMETERS, problem));
        }
        String e164 = PhoneNumbers.toE164(request.phoneNo(), request.region()).orElse(null);
        if (e164 == null) {
            return Uni.createFrom().failure(new CallbackRejection(CallbackRejection.Reason.INVALID_NUMBER, null));
        }
        return outbox
                .inTransaction(
                        () -> queues.findForTenant(tenantId, request.serviceQueue()).onItem().ifNull()
                                .failWith(() -> new CallbackRejection(CallbackRejection.Reason.INVALID_PARAMETERS,
                                        "serviceQueue " + request.serviceQueue() + " does not exist."))
                                .flatMap(queue -> {
                                    if (request.callType() == 2) {
                                        return Uni.createFrom()
                                                .failure(new CallbackRejection(
                                                        CallbackRejection.Reason.INVALID_PARAMETERS,
                                                        "timeslot " + request.timeslot()
                                                                + " is not offered by serviceQueue " + queue.id + "."));
                                    }
                                    return store(tenantId, request, e164, CallbackState.PENDING);
                                }));
    }

    private Uni<Callback> store(String tenantId, CallbackRequest request, String e164, CallbackState state) {
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
        callback.state = state;
        callback.dueAt = now;
        callback.createdAt = now;
        callback.updatedAt = now;
        var data = new CallbackEvents.Requested(callback.confirmationCode, callback.serviceQueueId, callback.callType,
                e164, callback.customerName, state, callback.scheduledFor, now);
        return callback.<Callback> persist().flatMap(saved -> outbox.append(Topics.CALLBACK_EVENTS,
                saved.confirmationCode, CallbackEvents.REQUESTED, saved.confirmationCode, tenantId, data))
                .replaceWith(callback);
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
        if (request.fields() != null && request.fields().size() > MAX_FIELDS) {
            return "fields takes at most " + MAX_FIELDS + " values, not " + request.fields().size() + ".";
        }
        if (tooLong(request.name())
                || request.fields() != null && request.fields().stream().anyMatch(CallbackIntakeService::tooLong)) {
            return "Name and each field may be at most " + MAX_TEXT + " characters.";
        }
        if (request.region() != null && !request.region().isBlank()
                && PhoneNumbers.normaliseRegion(request.region()) == null) {
            return "region " + request.region() + " is not a known ISO 3166 region (e.g. GB, IE).";
        }
        if (request.callType() == 2 && (request.timeslot() == null || request.date() == null)) {
            return "A scheduled callback (callType 2) needs timeslot and date.";
        }
        return null;
    }

    private static boolean tooLong(String value) {
        return value != null && value.length() > MAX_TEXT;
    }
}
