package io.switchboard.callback.queue;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.switchboard.common.problem.Problem.FieldError;
import io.switchboard.common.problem.ProblemException;

/** Checks a queue definition (with defaults applied) before it is stored; every violation is reported at once. */
final class ServiceQueueValidator {

    static final int MAX_NAME = 200;
    static final int MAX_LABEL = 100;
    static final int MAX_LIST_ENTRIES = 10_000;
    static final int MAX_DUPLICATE_WINDOW_SECONDS = 30 * 86_400;
    private static final Pattern LIST_ENTRY = Pattern.compile("\\+[1-9][0-9]{0,14}\\*?");

    private ServiceQueueValidator() {
    }

    static void validate(ServiceQueue q) {
        List<FieldError> errors = new ArrayList<>();
        if (q.id() == null || q.id() < 1) {
            errors.add(new FieldError("id", "must be a positive whole number"));
        }
        if (q.name() == null || q.name().isBlank() || q.name().length() > MAX_NAME) {
            errors.add(new FieldError("name", "is required, at most " + MAX_NAME + " characters"));
        }
        if (q.timeZone() == null || !ZoneId.getAvailableZoneIds().contains(q.timeZone())) {
            errors.add(new FieldError("timeZone", "must be an IANA time zone such as Europe/London"));
        }
        for (int i = 0; i < q.openingHours().size(); i++) {
            var hours = q.openingHours().get(i);
            String at = "openingHours[" + i + "]";
            if (hours == null || hours.day() == null) {
                errors.add(new FieldError(at + ".day", "must be a weekday such as MONDAY"));
                continue;
            }
            int from = QueueCalendar.minuteOfDay(hours.from());
            int to = QueueCalendar.minuteOfDay(hours.to());
            if (from < 0 || to < 0 || from >= to) {
                errors.add(new FieldError(at, "from and to must be HH:mm (to may be 24:00) with from before to"));
            }
        }
        for (int i = 0; i < q.holidays().size(); i++) {
            var holiday = q.holidays().get(i);
            if (holiday == null || holiday.date() == null) {
                errors.add(new FieldError("holidays[" + i + "].date", "must be a date yyyy-MM-dd"));
            }
        }
        for (int i = 0; i < q.closures().size(); i++) {
            var closure = q.closures().get(i);
            if (closure == null || closure.from() == null || closure.to() == null
                    || !closure.from().isBefore(closure.to())) {
                errors.add(new FieldError("closures[" + i + "]",
                        "from and to must be date-times with offset, from before to"));
            }
        }
        Integer length = q.timeslots().lengthMinutes();
        if (length == null || length < 5 || length > 1440 || 1440 % length != 0) {
            errors.add(new FieldError("timeslots.lengthMinutes", "must divide the day: 5 to 1440 minutes, e.g. 30"));
        }
        if (q.timeslots().capacity() == null || q.timeslots().capacity() < 0) {
            errors.add(new FieldError("timeslots.capacity", "must be 0 or more calls per slot"));
        }
        if (q.fieldLabels().size() > 10
                || q.fieldLabels().stream().anyMatch(label -> label != null && label.length() > MAX_LABEL)) {
            errors.add(new FieldError("fieldLabels", "at most 10 labels of at most " + MAX_LABEL + " characters"));
        }
        Integer attempts = q.retryPolicy().maxAttempts();
        if (attempts == null || attempts < 1 || attempts > 20) {
            errors.add(new FieldError("retryPolicy.maxAttempts", "must be 1 to 20"));
        }
        Integer interval = q.retryPolicy().intervalSeconds();
        if (interval == null || interval < 0 || interval > 7 * 86_400) {
            errors.add(new FieldError("retryPolicy.intervalSeconds", "must be 0 to 604800 seconds"));
        }
        listErrors("whiteList", q.whiteList(), errors);
        listErrors("blackList", q.blackList(), errors);
        if (q.duplicateWindowSeconds() < 0 || q.duplicateWindowSeconds() > MAX_DUPLICATE_WINDOW_SECONDS) {
            errors.add(new FieldError("duplicateWindowSeconds", "must be 0 to " + MAX_DUPLICATE_WINDOW_SECONDS));
        }
        if (q.maxRequestsPerNumberPerHour() < 0 || q.maxRequestsPerNumberPerHour() > 100_000) {
            errors.add(new FieldError("maxRequestsPerNumberPerHour", "must be 0 (no limit) to 100000"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "invalid-parameters", "Bad Request",
                    "The service queue definition is invalid: " + errors.size() + " problem(s), see errors.", errors);
        }
    }

    private static void listErrors(String field, List<String> entries, List<FieldError> errors) {
        if (entries.size() > MAX_LIST_ENTRIES) {
            errors.add(new FieldError(field, "at most " + MAX_LIST_ENTRIES + " entries"));
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) == null || !LIST_ENTRY.matcher(entries.get(i)).matches()) {
                errors.add(new FieldError(field + "[" + i + "]",
                        "must be an E.164 number (+447400123456) or a prefix ending in * (+44740*)"));
            }
        }
    }
}
