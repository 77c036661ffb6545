package io.switchboard.campaign.ewt;

import java.time.OffsetDateTime;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.campaign.CampaignConfig;
import io.switchboard.campaign.ewt.estimator.QueueSnapshot;
import io.switchboard.campaign.ewt.estimator.WaitEstimate;
import io.switchboard.campaign.ewt.estimator.WaitEstimator;
import io.switchboard.campaign.livequeue.LiveQueue;

/** Turns a queue's live state into an estimate: the manual value while it is valid, else {@link WaitEstimator}. */
@ApplicationScoped
public class EwtCalculator {

    private final CampaignConfig.Ewt config;

    public EwtCalculator(CampaignConfig config) {
        this.config = config.ewt();
    }

    /**
     * The wait of a caller who joins now, behind everyone waiting.
     *
     * @param headEnteredAt
     *            when the head of the line joined, null when nobody waits
     */
    public WaitEstimate estimate(LiveQueue q, int staffed, OffsetDateTime headEnteredAt, OffsetDateTime now) {
        if (q.manualEwtSeconds() != null && q.manualEwtExpiresAt() != null && q.manualEwtExpiresAt().isAfter(now)) {
            int s = q.manualEwtSeconds();
            return new WaitEstimate(s, s, s, WaitEstimate.Method.MANUAL, String.format(Locale.ROOT,
                    "set through UpdateEWTRecord, valid until %s", q.manualEwtExpiresAt().toInstant()));
        }
        double prior = 1.0 / config.defaultHandlingTime().toSeconds();
        double mu = q.rates().serviceRate(prior, config.minimumCompletions());
        double theta = q.rates().abandonmentRate(0, config.minimumWaitingSeconds());
        double head = headEnteredAt == null ? Double.NaN : LiveQueue.secondsBetween(headEnteredAt, now);
        double last = q.lastServiceWaitSeconds() == null ? Double.NaN : q.lastServiceWaitSeconds();
        return WaitEstimator.estimate(new QueueSnapshot(q.callsWaiting(), staffed, mu, theta, head, last));
    }
}
