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
import io.switchboard.callback.queue.ServiceQueue;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which slots a customer may still book: open, not yet started and not full. The one place slot usage is counted
 * ({@code timeslot_usage}, a counter per booked slot), for offering slots and for taking a booking alike.
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
    public Uni<List<Timeslot>> availableOn(String tenantId, ServiceQueue queue, LocalDateTime after) {
        return available(tenantId, queue, after, 1, Integer.MAX_VALUE);
    }

    /**
     * The next {@code limit} bookable slots from {@code after} (or from now when that is later), searching the
     * configured number of days.
     */
    public Uni<List<Timeslot>> next(String tenantId, ServiceQueue queue, LocalDateTime after, int limit) {
        return available(tenantId, queue, after, config.searchDays(), limit);
    }

    private Uni<List<Timeslot>> available(String tenantId, ServiceQueue queue, LocalDateTime after, int days,
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

    /**
     * Takes a place in the slot for the transaction's booking: one statement that creates the slot's counter or raises
     * it only while it is below the capacity. The counter row stays locked until the transaction ends, so of two
     * requests for the last place exactly one gets it. False when the slot is full.
     */
    public Uni<Boolean> take(SqlConnection tx, String tenantId, ServiceQueue queue, Timeslot slot) {
        int capacity = queue.timeslots().capacity();
        if (capacity < 1) {
            return Uni.createFrom().item(false);
        }
        return tx.preparedQuery("INSERT INTO timeslot_usage (tenant_id, service_queue_id, slot_start, taken)"
                + " VALUES ($1, $2, $3, 1) ON CONFLICT (tenant_id, service_queue_id, slot_start)"
                + " DO UPDATE SET taken = timeslot_usage.taken + 1 WHERE timeslot_usage.taken < $4 RETURNING taken")
                .execute(Tuple.of(tenantId, queue.id(), slot.from().toOffsetDateTime(), capacity))
                .map(rows -> rows.size() == 1);
    }

    /** Gives a booking's place in the slot starting at {@code slotStart} back (a cancelled or moved callback). */
    public Uni<Void> release(SqlConnection tx, String tenantId, long queueId, OffsetDateTime slotStart) {
        return tx
                .preparedQuery("UPDATE timeslot_usage SET taken = taken - 1 WHERE tenant_id = $1"
                        + " AND service_queue_id = $2 AND slot_start = $3 AND taken > 0")
                .execute(Tuple.of(tenantId, queueId, slotStart)).replaceWithVoid();
    }

    /** Places taken per slot start in {@code [first, last]}. */
    private Uni<Map<Instant, Long>> taken(String tenantId, long queueId, Instant first, Instant last) {
        return pool
                .preparedQuery("SELECT slot_start, taken FROM timeslot_usage WHERE tenant_id = $1"
                        + " AND service_queue_id = $2 AND slot_start BETWEEN $3 AND $4")
                .execute(Tuple.of(tenantId, queueId, OffsetDateTime.ofInstant(first, ZoneOffset.UTC),
                        OffsetDateTime.ofInstant(last, ZoneOffset.UTC)))
                .map(rows -> {
                    Map<Instant, Long> taken = new HashMap<>();
                    rows.forEach(row -> taken.put(row.getOffsetDateTime(0).toInstant(), (long) row.getInteger(1)));
                    return taken;
                });
    }
}
