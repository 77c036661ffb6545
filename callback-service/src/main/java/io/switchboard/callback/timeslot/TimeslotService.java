package io.switchboard.callback.timeslot;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.callback.queue.QueueCalendar;
import io.switchboard.callback.queue.ServiceQueueDefinition;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which slots a customer may still book: open, not yet started and not full. The one place slot usage is counted, for
 * offering slots and for taking a booking alike.
 */
@ApplicationScoped
public class TimeslotService {

    private final Pool pool;
    private final TimeslotConfig config;

    public TimeslotService(Pool pool, TimeslotConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** The bookable slots of the day of {@code after} that start at or after it, and after now. */
    public Uni<List<Timeslot>> availableOn(String tenantId, ServiceQueueDefinition queue, LocalDateTime after) {
        return available(tenantId, queue, after, 1, Integer.MAX_VALUE);
    }

    /**
     * The next {@code limit} bookable slots from {@code after} (or from now when that is later), searching the
     * configured number of days.
     */
    public Uni<List<Timeslot>> next(String tenantId, ServiceQueueDefinition queue, LocalDateTime after, int limit) {
        return available(tenantId, queue, after, config.searchDays(), limit);
    }

    private Uni<List<Timeslot>> available(String tenantId, ServiceQueueDefinition queue, LocalDateTime after, int days,
            int limit) {
        Instant notBefore = ZonedDateTime.ofLocal(after, QueueCalendar.zone(queue), null).toInstant();
        Instant now = Instant.now();
        // A request for a day in the past searches from today: past slots are never offered.
        LocalDate firstDay = days == 1 ? after.toLocalDate()
                : Collections.max(List.of(after.toLocalDate(), LocalDate.now(QueueCalendar.zone(queue))));
        List<Timeslot> candidates = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            for (Timeslot slot : TimeslotTemplate.openSlotsOn(queue, firstDay.plusDays(day))) {
                Instant start = slot.from().toInstant();
                if (!start.isBefore(notBefore) && start.isAfter(now)) {
                    candidates.add(slot);
                }
            }
        }
        if (candidates.isEmpty() || queue.timeslots().capacity() == 0) {
            return Uni.createFrom().item(List.of());
        }
        return taken(tenantId, queue.id(), candidates.get(0).from().toInstant(),
                candidates.get(candidates.size() - 1).from().toInstant())
                        .map(taken -> candidates.stream().filter(
                                slot -> taken.getOrDefault(slot.from().toInstant(), 0L) < queue.timeslots().capacity())
                                .limit(limit).toList());
    }

    /** Whether the slot has a place left, counting the callbacks booked into it now. */
    public Uni<Boolean> hasRoom(String tenantId, ServiceQueueDefinition queue, Timeslot slot) {
        Instant start = slot.from().toInstant();
        return taken(tenantId, queue.id(), start, start)
                .map(taken -> taken.getOrDefault(start, 0L) < queue.timeslots().capacity());
    }

    /** Bookings per slot start in {@code [first, last]}; a cancelled callback gives its place back. */
    private Uni<Map<Instant, Long>> taken(String tenantId, long queueId, Instant first, Instant last) {
        return pool
                .preparedQuery("SELECT scheduled_for, count(*) FROM callback WHERE tenant_id = $1"
                        + " AND service_queue_id = $2 AND scheduled_for BETWEEN $3 AND $4 AND state <> 'CANCELLED'"
                        + " GROUP BY scheduled_for")
                .execute(Tuple.of(tenantId, queueId, OffsetDateTime.ofInstant(first, ZoneOffset.UTC),
                        OffsetDateTime.ofInstant(last, ZoneOffset.UTC)))
                .map(rows -> {
                    Map<Instant, Long> taken = new HashMap<>();
                    rows.forEach(row -> taken.put(row.getOffsetDateTime(0).toInstant(), row.getLong(1)));
                    return taken;
                });
    }
}
