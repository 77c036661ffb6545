package io.switchboard.callback.queue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A service queue's settings as the admin API reads and writes them. Absent optional parts take the defaults of
 * {@link #withDefaults()}; {@code createdAt} and {@code updatedAt} are set by the service and ignored on input.
 *
 * @param openingHours
 *            when type 1 callbacks are taken and slots are offered, per weekday in the queue's time zone; "24:00" ends
 *            a day; an empty list means never open
 * @param holidays
 *            whole days (in the queue's zone) the queue is closed
 * @param closures
 *            one-off closed periods
 * @param fieldLabels
 *            names of field1..field10, for agent screen-pop
 * @param whiteList
 *            E.164 numbers, or prefixes ending in {@code *}; when not empty only matching numbers may ask for a call
 * @param blackList
 *            same form; matching numbers are refused
 * @param duplicateWindowSeconds
 *            a repeat request for the same number while one is active and younger than this gets the existing
 *            confirmation code; 0 turns the check off
 * @param maxRequestsPerNumberPerHour
 *            how many requests one number may make in this queue per clock hour, repeats included, before it is
 *            answered 429 (abuse of "call me back" against a victim's phone); 0 turns the limit off
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceQueue(Long id, String name, String timeZone, List<OpeningHours> openingHours,
        List<Holiday> holidays, List<Closure> closures, Timeslots timeslots, List<String> fieldLabels,
        RetryPolicy retryPolicy, List<String> whiteList, List<String> blackList, Integer duplicateWindowSeconds,
        Integer maxRequestsPerNumberPerHour, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public static final List<OpeningHours> ALWAYS_OPEN = List.of(DayOfWeek.values()).stream()
            .map(day -> new OpeningHours(day, "00:00", "24:00")).toList();
    public static final Timeslots DEFAULT_TIMESLOTS = new Timeslots(30, 5);
    public static final RetryPolicy DEFAULT_RETRY_POLICY = new RetryPolicy(3, 600);
    public static final int DEFAULT_DUPLICATE_WINDOW_SECONDS = 86_400;
    public static final int DEFAULT_MAX_REQUESTS_PER_NUMBER_PER_HOUR = 20;

    /** Hours of one weekday, "HH:mm" to "HH:mm" (to may be "24:00"). */
    public record OpeningHours(DayOfWeek day, String from, String to) {
    }

    public record Holiday(LocalDate date, String name) {
    }

    public record Closure(OffsetDateTime from, OffsetDateTime to, String reason) {
    }

    /** The timeslot template: the day from 00:00 cut into slots of this length, TimeSlotID 1 the first. */
    public record Timeslots(Integer lengthMinutes, Integer capacity) {
    }

    /** Call attempts before CallFailed, and the wait between them. */
    public record RetryPolicy(Integer maxAttempts, Integer intervalSeconds) {
    }

    /** This definition with every absent optional part set to its default. */
    public ServiceQueue withDefaults() {
        return new ServiceQueue(id, name, timeZone, openingHours == null ? ALWAYS_OPEN : openingHours,
                orEmpty(holidays), orEmpty(closures), timeslots == null ? DEFAULT_TIMESLOTS : timeslots,
                orEmpty(fieldLabels), retryPolicy == null ? DEFAULT_RETRY_POLICY : retryPolicy, orEmpty(whiteList),
                orEmpty(blackList),
                duplicateWindowSeconds == null ? DEFAULT_DUPLICATE_WINDOW_SECONDS : duplicateWindowSeconds,
                maxRequestsPerNumberPerHour == null ? DEFAULT_MAX_REQUESTS_PER_NUMBER_PER_HOUR
                        : maxRequestsPerNumberPerHour,
                createdAt, updatedAt);
    }

    public ServiceQueue withId(long newId) {
        return new ServiceQueue(newId, name, timeZone, openingHours, holidays, closures, timeslots, fieldLabels,
                retryPolicy, whiteList, blackList, duplicateWindowSeconds, maxRequestsPerNumberPerHour, createdAt,
                updatedAt);
    }

    public ServiceQueue withTimes(OffsetDateTime created, OffsetDateTime updated) {
        return new ServiceQueue(id, name, timeZone, openingHours, holidays, closures, timeslots, fieldLabels,
                retryPolicy, whiteList, blackList, duplicateWindowSeconds, maxRequestsPerNumberPerHour, created,
                updated);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
