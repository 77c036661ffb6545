package io.switchboard.callback.erasure;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.timeslot.TimeslotService;
import io.switchboard.common.erasure.OutboxErasure;
import io.switchboard.common.events.erasure.ErasureEvents;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.common.phone.PhoneNumbers;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * callback-service's part of a customer erasure (GDPR), in one transaction: deletes the tenant's callbacks for any of
 * the numbers (E.164) or with one of the addresses as a custom field, with their PINs, call data and status history;
 * gives their timeslot places back; removes the intake rate counters of the numbers and the stored idempotent responses
 * naming them or the callbacks; redacts the outbox (the numbers and addresses everywhere, the name and call data in the
 * erased callbacks' events); and answers on {@code switchboard.erasure-results} with {@code {"callbacks": n}}. A
 * redelivered request erases nothing more and answers with the first delivery's counts. Queue settings (white and black
 * lists, their audit) are the tenant's configuration and keep their numbers: a black list exists so that those people
 * are not called.
 */
@ApplicationScoped
public class ErasureService {

    static final String SERVICE = "callback-service";
    static final String CALLBACKS = "callbacks";

    private final Outbox outbox;
    private final ErasureRepository erasures;
    private final TimeslotService timeslots;

    public ErasureService(Outbox outbox, ErasureRepository erasures, TimeslotService timeslots) {
        this.outbox = outbox;
        this.erasures = erasures;
        this.timeslots = timeslots;
    }

    /** @return what was erased, by kind ({@code callbacks}); the first delivery's counts for a redelivered request */
    public Uni<Map<String, Long>> erase(String tenantId, ErasureEvents.ErasureRequested request) {
        List<String> phones = phones(request.phoneNumbers());
        List<String> emails = emails(request.emailAddresses());
        String erasureId = request.erasureId();
        return outbox.inTransaction(tx -> erasures.claim(tx, tenantId, erasureId)
                .flatMap(done -> done != null ? Uni.createFrom().item(done)
                        : erase(tx, tenantId, erasureId, phones, emails))
                .map(callbacks -> Map.of(CALLBACKS, callbacks))
                .call(counts -> outbox.append(tx, ErasureEvents.COMPLETED, erasureId, erasureId, tenantId,
                        new ErasureEvents.ErasureCompleted(erasureId, SERVICE, counts, OffsetDateTime.now()))));
    }

    private Uni<Long> erase(SqlConnection tx, String tenantId, String erasureId, List<String> phones,
            List<String> emails) {
        return erasures.deleteCallbacks(tx, tenantId, phones, emails).flatMap(erased -> {
            List<String> codes = erased.stream().map(ErasureRepository.ErasedCallback::confirmationCode).toList();
            return releasePlaces(tx, tenantId, erased).flatMap(x -> erasures.deleteRateCounters(tx, tenantId, phones))
                    .flatMap(x -> erasures.deleteIdempotentResponses(tx, tenantId, phones, codes))
                    .flatMap(x -> erasures.redactCallbackEvents(tx, codes))
                    .flatMap(x -> OutboxErasure.redact(tx, phones, emails))
                    .flatMap(x -> erasures.recordCounts(tx, tenantId, erasureId, erased.size()))
                    .replaceWith((long) erased.size());
        });
    }

    /** A booked callback holds a place in its slot until it is cancelled; an erased one gives it back. */
    private Uni<Void> releasePlaces(SqlConnection tx, String tenantId, List<ErasureRepository.ErasedCallback> erased) {
        List<ErasureRepository.ErasedCallback> booked = erased.stream()
                .filter(c -> c.scheduledFor() != null && !"CANCELLED".equals(c.state())).toList();
        if (booked.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(booked).onItem()
                .transformToUniAndConcatenate(
                        c -> timeslots.release(tx, tenantId, c.serviceQueueId(), c.scheduledFor()))
                .collect().last().replaceWithVoid();
    }

    /** The request's numbers as sent (crm-service sends E.164) and, where they read differently, in E.164. */
    static List<String> phones(List<String> values) {
        LinkedHashSet<String> phones = new LinkedHashSet<>();
        if (values != null) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    phones.add(v.trim());
                    PhoneNumbers.toE164(v, null).ifPresent(phones::add);
                }
            }
        }
        return List.copyOf(phones);
    }

    static List<String> emails(List<String> values) {
        List<String> emails = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    emails.add(v.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return emails;
    }
}
