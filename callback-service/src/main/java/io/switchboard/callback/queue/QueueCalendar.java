package io.switchboard.callback.queue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a queue is open, in its own time zone: opening hours per weekday in wall-clock time, less holidays and one-off
 * closures. The one place these rules live, for callType 1 ("out of hours") and for timeslots alike.
 */
public final class QueueCalendar {

    private QueueCalendar() {
    }

    /** Minutes since midnight of "HH:mm" ("24:00" is 1440), or -1 when it is not such a time. */
    public static int minuteOfDay(String time) {
        if (time == null || !time.matches("\\d{2}:\\d{2}")) {
            return -1;
        }
        int hours = Integer.parseInt(time.substring(0, 2));
        int minutes = Integer.parseInt(time.substring(3));
        int total = hours * 60 + minutes;
        return minutes < 60 && total <= 1440 ? total : -1;
    }

    public static ZoneId zone(ServiceQueue queue) {
        return ZoneId.of(queue.timeZone());
    }

    /** Whether a call-when-available request may be taken at this instant. */
    public static boolean isOpenAt(ServiceQueue queue, Instant instant) {
        ZonedDateTime local = instant.atZone(zone(queue));
        int minute = local.getHour() * 60 + local.getMinute();
        return !isHoliday(queue, local.toLocalDate()) && isWithinHours(queue, local.toLocalDate(), minute, minute + 1)
                && !isClosedDuring(queue, instant, instant.plusMillis(1));
    }

    /**
     * Whether the queue is open throughout a period of one day: the wall-clock minutes {@code [fromMinute, toMinute)}
     * of {@code date} inside one opening interval, no holiday, and no closure overlapping the real instants.
     */
    public static boolean isOpenThroughout(ServiceQueue queue, LocalDate date, int fromMinute, int toMinute,
            Instant from, Instant to) {
        return !isHoliday(queue, date) && isWithinHours(queue, date, fromMinute, toMinute)
                && !isClosedDuring(queue, from, to);
    }

    private static boolean isHoliday(ServiceQueue queue, LocalDate date) {
        return queue.holidays().stream().anyMatch(h -> date.equals(h.date()));
    }

    private static boolean isWithinHours(ServiceQueue queue, LocalDate date, int fromMinute, int toMinute) {
        return queue.openingHours().stream().anyMatch(h -> h.day() == date.getDayOfWeek()
                && minuteOfDay(h.from()) <= fromMinute && toMinute <= minuteOfDay(h.to()));
    }

    private static boolean isClosedDuring(ServiceQueue queue, Instant from, Instant to) {
        return queue.closures().stream()
                .anyMatch(c -> c.from().toInstant().isBefore(to) && from.isBefore(c.to().toInstant()));
    }
}
