package io.switchboard.callback.timeslot;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.switchboard.callback.queue.QueueCalendar;
import io.switchboard.callback.queue.ServiceQueue;

/**
 * Cuts a queue's days into timeslots. Slots are wall-clock times in the queue's zone, so a slot's id means the same
 * local time on every day. Across daylight saving: a slot whose start does not exist (the skipped hour of spring) is
 * not offered; in the repeated hour of autumn a slot starts at the first occurrence of its start time and ends at its
 * end time, so no id appears twice on a day.
 */
public final class TimeslotTemplate {

    private TimeslotTemplate() {
    }

    /** The slot with this id on this day, if the template has it and the day's clock has its start time. */
    public static Optional<Timeslot> slot(ServiceQueue queue, LocalDate date, int id) {
        int length = queue.timeslots().lengthMinutes();
        if (id < 1 || id > 1440 / length) {
            return Optional.empty();
        }
        ZoneId zone = QueueCalendar.zone(queue);
        LocalDateTime start = date.atStartOfDay().plusMinutes((long) (id - 1) * length);
        LocalDateTime end = start.plusMinutes(length);
        if (zone.getRules().getValidOffsets(start).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Timeslot(id, date, ZonedDateTime.ofLocal(start, zone, null),
                ZonedDateTime.ofLocal(end, zone, null)));
    }

    /** Whether the queue is open for the whole slot. */
    public static boolean isOpen(ServiceQueue queue, Timeslot slot) {
        int length = queue.timeslots().lengthMinutes();
        int fromMinute = (slot.id() - 1) * length;
        return QueueCalendar.isOpenThroughout(queue, slot.date(), fromMinute, fromMinute + length,
                slot.from().toInstant(), slot.to().toInstant());
    }

    /** The open slots of a day, in time order. */
    public static List<Timeslot> openSlotsOn(ServiceQueue queue, LocalDate date) {
        List<Timeslot> slots = new ArrayList<>();
        for (int id = 1; id <= 1440 / queue.timeslots().lengthMinutes(); id++) {
            slot(queue, date, id).filter(s -> isOpen(queue, s)).ifPresent(slots::add);
        }
        return slots;
    }
}
