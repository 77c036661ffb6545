package io.switchboard.callback.buzzmeinfo;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Callback;
import io.switchboard.callback.CallbackRepository;
import io.switchboard.callback.queue.ServiceQueue;
import io.switchboard.callback.queue.ServiceQueueCache;
import io.switchboard.common.phone.PhoneNumbers;

/** Finds the callback an agent's screen-pop asks about, with its queue, for BuzzMeInfo. */
@ApplicationScoped
public class CallDataService {

    /** The legacy services' date format, in the queue's time zone. */
    static final DateTimeFormatter LEGACY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** How many in-progress callbacks a presented number is compared with. */
    static final int IN_PROGRESS_SCANNED = 500;

    private final ServiceQueueCache queues;
    private final CallbackRepository callbacks;

    public CallDataService(ServiceQueueCache queues, CallbackRepository callbacks) {
        this.queues = queues;
        this.callbacks = callbacks;
    }

    /** A callback with the queue it belongs to. */
    public record Found(Callback callback, ServiceQueue queue) {

        public String field(int n) {
            String value = callback.fields().get(n - 1);
            return value == null ? null : fieldLabel(queue, n) + " | " + value;
        }

        public String time(OffsetDateTime at) {
            if (at == null) {
                return null;
            }
            ZoneId zone = queue == null || queue.timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(queue.timeZone());
            return LEGACY_TIME.format(at.atZoneSameInstant(zone));
        }
    }

    /** The queue's label for field n (its {@code fieldLabels} setting); Field1..Field10 where it has none. */
    static String fieldLabel(ServiceQueue queue, int n) {
        List<String> labels = queue == null ? null : queue.fieldLabels();
        if (labels != null && labels.size() >= n && labels.get(n - 1) != null && !labels.get(n - 1).isBlank()) {
            return labels.get(n - 1);
        }
        return "Field" + n;
    }

    /**
     * The callback being connected now (a dialler reported it in progress) whose customer number is the presented
     * number; the most recently active one when several are.
     */
    public Uni<Found> byPresentedNumber(String tenantId, String presentedNumber) {
        if (presentedNumber == null || presentedNumber.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return callbacks.inProgress(tenantId, IN_PROGRESS_SCANNED).map(
                inProgress -> inProgress.stream().filter(c -> matches(presentedNumber, c)).findFirst().orElse(null))
                .flatMap(this::withQueue);
    }

    /** The active (not finished) callback with this PIN. */
    public Uni<Found> byPin(String tenantId, String pin) {
        if (pin == null || pin.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return callbacks.activeByPin(tenantId, pin.trim()).flatMap(this::withQueue);
    }

    private Uni<Found> withQueue(Callback callback) {
        if (callback == null) {
            return Uni.createFrom().nullItem();
        }
        return queues.find(callback.tenantId, callback.serviceQueueId).map(queue -> new Found(callback, queue));
    }

    /**
     * A CLI may arrive in E.164, as international digits without the plus (a '+' in a query string that was not encoded
     * reads as a space), or in the national format of the callback's region.
     */
    private static boolean matches(String presented, Callback callback) {
        String trimmed = presented.trim();
        Set<String> candidates = new LinkedHashSet<>();
        PhoneNumbers.toE164(trimmed, null).ifPresent(candidates::add);
        String digits = trimmed.replaceAll("[^0-9]", "");
        if (!digits.isEmpty() && !trimmed.startsWith("0")) {
            PhoneNumbers.toE164("+" + digits, null).ifPresent(candidates::add);
        }
        PhoneNumbers.toE164(trimmed, callback.region).ifPresent(candidates::add);
        return candidates.contains(callback.phoneNumber);
    }
}
