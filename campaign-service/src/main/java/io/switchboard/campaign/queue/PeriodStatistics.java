package io.switchboard.campaign.queue;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Counters per campaign, hour and day in the campaign's time zone, incremented as each event is applied so that reading
 * statistics never scans history.
 */
@ApplicationScoped
public class PeriodStatistics {

    public enum Period {
        HOUR, DAY;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Start of the period holding {@code at}, in {@code zone}. */
        public OffsetDateTime startOf(OffsetDateTime at, ZoneId zone) {
            ZonedDateTime local = at.atZoneSameInstant(zone);
            return (this == HOUR ? local.truncatedTo(ChronoUnit.HOURS) : local.toLocalDate().atStartOfDay(zone))
                    .toOffsetDateTime();
        }
    }

    /** What one event adds. */
    public record Increment(int received, int answered, int abandonedInWorkflow, int abandonedInQueue,
            Double waitSeconds) {
    }

    /** A period's counters; all zero for a period without events. */
    public record Counters(int callsReceived, int callsAnswered, int callsAbandonedInWorkflow,
            int callsAbandonedInQueue, int waitsCounted, double waitSecondsTotal, double maxWaitSeconds) {
        static final Counters NONE = new Counters(0, 0, 0, 0, 0, 0, 0);
    }

    public Uni<Void> add(SqlClient tx, String tenantId, long campaignId, ZoneId zone, OffsetDateTime at,
            Increment inc) {
        return add(tx, tenantId, campaignId, Period.HOUR, Period.HOUR.startOf(at, zone), inc)
                .flatMap(ignored -> add(tx, tenantId, campaignId, Period.DAY, Period.DAY.startOf(at, zone), inc));
    }

    private Uni<Void> add(SqlClient tx, String tenantId, long campaignId, Period period, OffsetDateTime start,
            Increment inc) {
        double wait = inc.waitSeconds() == null ? 0 : inc.waitSeconds();
        return tx.preparedQuery("INSERT INTO queue_period_stats AS s (tenant_id, campaign_id, period, period_start,"
                + " calls_received, calls_answered, calls_abandoned_workflow, calls_abandoned_queue, waits_counted,"
                + " wait_seconds_total, max_wait_seconds) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)"
                + " ON CONFLICT (tenant_id, campaign_id, period, period_start) DO UPDATE SET"
                + " calls_received = s.calls_received + EXCLUDED.calls_received,"
                + " calls_answered = s.calls_answered + EXCLUDED.calls_answered,"
                + " calls_abandoned_workflow = s.calls_abandoned_workflow + EXCLUDED.calls_abandoned_workflow,"
                + " calls_abandoned_queue = s.calls_abandoned_queue + EXCLUDED.calls_abandoned_queue,"
                + " waits_counted = s.waits_counted + EXCLUDED.waits_counted,"
                + " wait_seconds_total = s.wait_seconds_total + EXCLUDED.wait_seconds_total,"
                + " max_wait_seconds = GREATEST(s.max_wait_seconds, EXCLUDED.max_wait_seconds)")
                .execute(Tuple.from(Arrays.asList(tenantId, campaignId, period.wire(), start, inc.received(),
                        inc.answered(), inc.abandonedInWorkflow(), inc.abandonedInQueue(),
                        inc.waitSeconds() == null ? 0 : 1, wait)))
                .replaceWithVoid();
    }

    public Uni<Counters> find(SqlClient client, String tenantId, long campaignId, Period period, OffsetDateTime start) {
        return client
                .preparedQuery("SELECT calls_received, calls_answered, calls_abandoned_workflow, calls_abandoned_queue,"
                        + " waits_counted, wait_seconds_total, max_wait_seconds FROM queue_period_stats"
                        + " WHERE tenant_id = $1 AND campaign_id = $2 AND period = $3 AND period_start = $4")
                .execute(Tuple.of(tenantId, campaignId, period.wire(), start)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Counters.NONE;
                    }
                    Row r = rows.iterator().next();
                    return new Counters(r.getInteger(0), r.getInteger(1), r.getInteger(2), r.getInteger(3),
                            r.getInteger(4), r.getDouble(5), r.getDouble(6));
                });
    }
}
