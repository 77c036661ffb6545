package io.switchboard.callback.timeslot;

import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * One slot of a queue's template on a given day.
 *
 * @param id
 *            the template's stable TimeSlotID: 1 for the slot starting at 00:00, counting up by the slot length, so
 *            with 30-minute slots 09:30-10:00 is always 20 whatever the date
 * @param date
 *            the day in the queue's zone
 * @param from
 *            the start, in the queue's zone
 * @param to
 *            the end, in the queue's zone
 */
public record Timeslot(int id, LocalDate date, ZonedDateTime from, ZonedDateTime to) {
}
