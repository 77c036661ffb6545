package io.switchboard.campaign.livequeue;

import java.time.Duration;
import java.time.OffsetDateTime;

import io.switchboard.campaign.CampaignConfig;
import io.switchboard.campaign.ewt.estimator.RateHistory;
import io.switchboard.campaign.ewt.estimator.RateHistory.Evidence;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The live state of a service queue (one {@code queue_state} row, keyed by the queue id, which is also its campaign's
 * id). Below both the queue events that change it and the EWT that reads it, so neither needs the other's package.
 */
public record LiveQueue(String tenantId, long campaignId, int callsWaiting, Double lastServiceWaitSeconds,
        RateHistory rates, Integer manualEwtSeconds, OffsetDateTime manualEwtExpiresAt, Integer publishedEwtSeconds) {

    static LiveQueue of(Row row) {
        RateHistory rates = new RateHistory(epochSeconds(row.getOffsetDateTime("rates_at")),
                new Evidence(row.getDouble("busy_agent_seconds"), row.getDouble("completions"),
                        row.getDouble("waiting_caller_seconds"), row.getDouble("abandonments")),
                new Evidence(row.getDouble("settled_busy_agent_seconds"), row.getDouble("settled_completions"),
                        row.getDouble("settled_waiting_caller_seconds"), row.getDouble("settled_abandonments")));
        return new LiveQueue(row.getString("tenant_id"), row.getLong("campaign_id"), row.getInteger("calls_waiting"),
                row.getDouble("last_service_wait_seconds"), rates, row.getInteger("manual_ewt_seconds"),
                row.getOffsetDateTime("manual_ewt_expires_at"), row.getInteger("published_ewt_seconds"));
    }

    public static double epochSeconds(OffsetDateTime t) {
        return t.toEpochSecond() + t.getNano() / 1e9;
    }

    public static double secondsBetween(OffsetDateTime from, OffsetDateTime to) {
        return Math.max(0, Duration.between(from, to).toNanos() / 1e9);
    }

    /**
     * Accounts for the time up to {@code at} in the rate history.
     *
     * @param headEnteredAt
     *            when the longest-waiting caller joined, null when nobody waits
     */
    public LiveQueue advance(OffsetDateTime at, int staffed, OffsetDateTime headEnteredAt, CampaignConfig.Ewt config) {
        return withRates(rates.advance(epochSeconds(at), callsWaiting, staffed, allBusySince(headEnteredAt, config),
                config.rateMemories()));
    }

    private static double allBusySince(OffsetDateTime headEnteredAt, CampaignConfig.Ewt config) {
        return RateHistory.allBusySince(headEnteredAt == null ? Double.NaN : epochSeconds(headEnteredAt),
                config.routingAllowance().toMillis() / 1000.0);
    }

    public LiveQueue joined() {
        return new LiveQueue(tenantId, campaignId, callsWaiting + 1, lastServiceWaitSeconds, rates, manualEwtSeconds,
                manualEwtExpiresAt, publishedEwtSeconds);
    }

    /** An agent took a waiting caller; {@code headEnteredAt} is the longest-waiting caller's, before the answer. */
    public LiveQueue answered(double waitSeconds, OffsetDateTime headEnteredAt, CampaignConfig.Ewt config) {
        return new LiveQueue(tenantId, campaignId, Math.max(0, callsWaiting - 1), waitSeconds,
                rates.answered(allBusySince(headEnteredAt, config)), manualEwtSeconds, manualEwtExpiresAt,
                publishedEwtSeconds);
    }

    public LiveQueue abandoned() {
        return new LiveQueue(tenantId, campaignId, Math.max(0, callsWaiting - 1), lastServiceWaitSeconds,
                rates.abandoned(), manualEwtSeconds, manualEwtExpiresAt, publishedEwtSeconds);
    }

    public LiveQueue withManual(int seconds, OffsetDateTime expiresAt) {
        return new LiveQueue(tenantId, campaignId, callsWaiting, lastServiceWaitSeconds, rates, seconds, expiresAt,
                publishedEwtSeconds);
    }

    private LiveQueue withRates(RateHistory next) {
        return new LiveQueue(tenantId, campaignId, callsWaiting, lastServiceWaitSeconds, next, manualEwtSeconds,
                manualEwtExpiresAt, publishedEwtSeconds);
    }
}
