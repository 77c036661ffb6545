package io.switchboard.campaign.livequeue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Live queue rows and the calls waiting in them. */
@ApplicationScoped
public class LiveQueueRepository {

    private static final String COLUMNS = "tenant_id, campaign_id, calls_waiting, last_service_wait_seconds, rates_at,"
            + " busy_agent_seconds, completions, waiting_caller_seconds, abandonments, settled_busy_agent_seconds,"
            + " settled_completions, settled_waiting_caller_seconds, settled_abandonments, manual_ewt_seconds,"
            + " manual_ewt_expires_at, published_ewt_seconds";

    /** The queue's row, locked until the transaction ends, so that one queue's events apply one at a time. */
    public Uni<LiveQueue> lock(SqlClient tx, String tenantId, long campaignId) {
        return tx
                .preparedQuery(
                        "INSERT INTO queue_state (tenant_id, campaign_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenantId, campaignId))
                .flatMap(ignored -> tx.preparedQuery("SELECT " + COLUMNS + " FROM queue_state WHERE tenant_id = $1"
                        + " AND campaign_id = $2 FOR UPDATE").execute(Tuple.of(tenantId, campaignId)))
                .map(rows -> LiveQueue.of(rows.iterator().next()));
    }

    /** The queue's row as it is, or an empty queue when nothing has been reported yet. */
    public Uni<LiveQueue> find(SqlClient client, String tenantId, long campaignId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM queue_state WHERE tenant_id = $1 AND campaign_id = $2")
                .execute(Tuple.of(tenantId, campaignId)).map(
                        rows -> rows.iterator().hasNext() ? LiveQueue.of(rows.iterator().next())
                                : new LiveQueue(
                                        tenantId, campaignId, 0, null, io.switchboard.campaign.ewt.estimator.RateHistory
                                                .startingAt(LiveQueue.epochSeconds(OffsetDateTime.now())),
                                        null, null, null));
    }

    public Uni<Void> save(SqlClient tx, LiveQueue q) {
        var r = q.rates();
        OffsetDateTime ratesAt = OffsetDateTime.ofInstant(
                Instant.ofEpochSecond((long) Math.floor(r.at()), (long) ((r.at() - Math.floor(r.at())) * 1e9)),
                ZoneOffset.UTC);
        return tx
                .preparedQuery("UPDATE queue_state SET calls_waiting = $3, last_service_wait_seconds = $4,"
                        + " rates_at = $5, busy_agent_seconds = $6, completions = $7, waiting_caller_seconds = $8,"
                        + " abandonments = $9, settled_busy_agent_seconds = $10, settled_completions = $11,"
                        + " settled_waiting_caller_seconds = $12, settled_abandonments = $13, manual_ewt_seconds = $14,"
                        + " manual_ewt_expires_at = $15, published_ewt_seconds = $16"
                        + " WHERE tenant_id = $1 AND campaign_id = $2")
                .execute(Tuple.from(Arrays.asList(q.tenantId(), q.campaignId(), q.callsWaiting(),
                        q.lastServiceWaitSeconds(), ratesAt, r.recent().busyAgentSeconds(), r.recent().completions(),
                        r.recent().waitingCallerSeconds(), r.recent().abandonments(), r.settled().busyAgentSeconds(),
                        r.settled().completions(), r.settled().waitingCallerSeconds(), r.settled().abandonments(),
                        q.manualEwtSeconds(), q.manualEwtExpiresAt(), q.publishedEwtSeconds())))
                .replaceWithVoid();
    }

    public Uni<Void> savePublished(SqlClient tx, String tenantId, long campaignId, int seconds) {
        return tx.preparedQuery(
                "UPDATE queue_state SET published_ewt_seconds = $3 WHERE tenant_id = $1" + " AND campaign_id = $2")
                .execute(Tuple.of(tenantId, campaignId, seconds)).replaceWithVoid();
    }

    /** When the caller at the head of the queue joined it, or null when nobody waits. */
    public Uni<OffsetDateTime> headEnteredAt(SqlClient client, String tenantId, long campaignId) {
        return client
                .preparedQuery("SELECT min(entered_at) FROM waiting_call WHERE tenant_id = $1 AND campaign_id = $2")
                .execute(Tuple.of(tenantId, campaignId)).map(rows -> rows.iterator().next().getOffsetDateTime(0));
    }

    /** @return false when the call is already waiting */
    public Uni<Boolean> addWaitingCall(SqlClient tx, String tenantId, long campaignId, String callId,
            OffsetDateTime enteredAt, double quoted, double lower, double upper, String method) {
        return tx
                .preparedQuery("INSERT INTO waiting_call (tenant_id, campaign_id, call_id, entered_at, quoted_seconds,"
                        + " quoted_lower, quoted_upper, quoted_method) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                        + " ON CONFLICT DO NOTHING")
                .execute(Tuple
                        .from(Arrays.asList(tenantId, campaignId, callId, enteredAt, quoted, lower, upper, method)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The call as it joined, with its quote; null when it is not waiting. */
    public record WaitingCall(OffsetDateTime enteredAt, double quoted, double lower, double upper) {
    }

    public Uni<WaitingCall> removeWaitingCall(SqlClient tx, String tenantId, long campaignId, String callId) {
        return tx
                .preparedQuery("DELETE FROM waiting_call WHERE tenant_id = $1 AND campaign_id = $2 AND call_id = $3"
                        + " RETURNING entered_at, quoted_seconds, quoted_lower, quoted_upper")
                .execute(Tuple.of(tenantId, campaignId, callId)).map(LiveQueueRepository::waitingCall);
    }

    private static WaitingCall waitingCall(RowSet<Row> rows) {
        if (!rows.iterator().hasNext()) {
            return null;
        }
        Row row = rows.iterator().next();
        return new WaitingCall(row.getOffsetDateTime("entered_at"), row.getDouble("quoted_seconds"),
                row.getDouble("quoted_lower"), row.getDouble("quoted_upper"));
    }

    /** @return false when the event was applied before */
    public Uni<Boolean> markProcessed(SqlClient tx, String tenantId, String eventId) {
        return tx
                .preparedQuery("INSERT INTO processed_queue_event (tenant_id, event_id) VALUES ($1, $2)"
                        + " ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenantId, eventId)).map(rows -> rows.rowCount() == 1);
    }
}
