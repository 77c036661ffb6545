package io.switchboard.callback.timeslot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.callback.queue.ServiceQueue;
import io.switchboard.callback.queue.ServiceQueue.Holiday;
import io.switchboard.callback.queue.ServiceQueue.OpeningHours;
import io.switchboard.callback.queue.ServiceQueue.Timeslots;

/** Slot ids and times of a Europe/London queue, including both daylight-saving changes of 2027. */
class TimeslotTemplateTest {

    private static final LocalDate SPRING_FORWARD = LocalDate.of(2027, 3, 28);
    private static final LocalDate FALL_BACK = LocalDate.of(2027, 10, 31);

    private static ServiceQueue london(List<OpeningHours> hours, List<Holiday> holidays) {
        return new ServiceQueue(1L, "Support", "Europe/London", hours, holidays, List.of(), new Timeslots(30, 5),
                List.of(), null, List.of(), List.of(), 0, 0, null, null).withDefaults();
    }

    private static final ServiceQueue ALWAYS_OPEN = london(ServiceQueue.ALWAYS_OPEN, List.of());

    @Test
    void shouldNumberSlotsFromMidnightSoThatTheSameIdIsTheSameWallClockTime() {
        List<Timeslot> slots = TimeslotTemplate.openSlotsOn(ALWAYS_OPEN, LocalDate.of(2027, 6, 1));
        assertThat(slots).hasSize(48);
        assertThat(slots.get(0).id()).isEqualTo(1);
        assertThat(slots.get(19).id()).isEqualTo(20);
        assertThat(slots.get(19).from().toLocalTime()).hasToString("09:30");
        assertThat(slots.get(19).to().toLocalTime()).hasToString("10:00");
        assertThat(slots.get(19).from().toInstant()).isEqualTo(Instant.parse("2027-06-01T08:30:00Z"));
        assertThat(slots.get(47).to().toLocalDate()).isEqualTo(LocalDate.of(2027, 6, 2));
    }

    @Test
    void shouldSkipTheSlotsOfTheHourThatSpringForwardRemoves() {
        List<Timeslot> slots = TimeslotTemplate.openSlotsOn(ALWAYS_OPEN, SPRING_FORWARD);
        assertThat(slots).hasSize(46);
        assertThat(slots).extracting(Timeslot::id).doesNotContain(3, 4).doesNotHaveDuplicates();
        Timeslot beforeChange = slots.get(1);
        assertThat(beforeChange.id()).isEqualTo(2);
        assertThat(beforeChange.from().toInstant()).isEqualTo(Instant.parse("2027-03-28T00:30:00Z"));
        assertThat(beforeChange.to().toInstant()).isEqualTo(Instant.parse("2027-03-28T01:00:00Z"));
        Timeslot afterChange = slots.get(2);
        assertThat(afterChange.id()).isEqualTo(5);
        assertThat(afterChange.from().toLocalTime()).hasToString("02:00");
        assertThat(afterChange.from().toInstant()).isEqualTo(Instant.parse("2027-03-28T01:00:00Z"));
        assertThat(slots.get(19).id()).isEqualTo(22);
        assertThat(slots.get(19).from().toInstant()).isEqualTo(Instant.parse("2027-03-28T09:30:00Z"));
        assertThat(TimeslotTemplate.slot(ALWAYS_OPEN, SPRING_FORWARD, 3)).isEmpty();
    }

    @Test
    void shouldGiveEachSlotOnceOnTheDayTheClocksGoBack() {
        List<Timeslot> slots = TimeslotTemplate.openSlotsOn(ALWAYS_OPEN, FALL_BACK);
        assertThat(slots).hasSize(48);
        assertThat(slots).extracting(Timeslot::id).doesNotHaveDuplicates();
        Timeslot firstOneOClock = slots.get(2);
        assertThat(firstOneOClock.id()).isEqualTo(3);
        assertThat(firstOneOClock.from().toInstant()).isEqualTo(Instant.parse("2027-10-31T00:00:00Z"));
        // 01:30 BST to 02:00 GMT: the slot spans the repeated half hours, so no time is offered twice.
        Timeslot spanning = slots.get(3);
        assertThat(spanning.from().toInstant()).isEqualTo(Instant.parse("2027-10-31T00:30:00Z"));
        assertThat(spanning.to().toInstant()).isEqualTo(Instant.parse("2027-10-31T02:00:00Z"));
        assertThat(spanning.to().toLocalTime()).hasToString("02:00");
        assertThat(slots.get(4).from().toInstant()).isEqualTo(Instant.parse("2027-10-31T02:00:00Z"));
        assertThat(slots.get(19).from().toInstant()).isEqualTo(Instant.parse("2027-10-31T09:30:00Z"));
        for (int i = 1; i < slots.size(); i++) {
            assertThat(slots.get(i).from()).isEqualTo(slots.get(i - 1).to());
        }
    }

    @Test
    void shouldOfferOnlySlotsWhollyInsideOpeningHoursAndNoneOnAHoliday() {
        var queue = london(List.of(new OpeningHours(java.time.DayOfWeek.TUESDAY, "09:15", "10:30")),
                List.of(new Holiday(LocalDate.of(2027, 6, 8), "Closed")));
        assertThat(TimeslotTemplate.openSlotsOn(queue, LocalDate.of(2027, 6, 1))).extracting(Timeslot::id)
                .containsExactly(20, 21);
        assertThat(TimeslotTemplate.openSlotsOn(queue, LocalDate.of(2027, 6, 2))).isEmpty();
        assertThat(TimeslotTemplate.openSlotsOn(queue, LocalDate.of(2027, 6, 8))).isEmpty();
    }
}
