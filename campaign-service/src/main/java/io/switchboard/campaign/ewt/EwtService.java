package io.switchboard.campaign.ewt;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.CampaignConfig;
import io.switchboard.campaign.campaign.CampaignRepository;
import io.switchboard.campaign.campaign.CampaignResource;
import io.switchboard.campaign.ewt.estimator.WaitEstimate;
import io.switchboard.campaign.queue.LiveQueue;
import io.switchboard.campaign.queue.LiveQueueRepository;
import io.switchboard.campaign.user.UserRepository;
import io.switchboard.common.outbox.Outbox;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/** THE rules of a queue's EWT: read it, set it by hand, announce it when it changes. */
@ApplicationScoped
public class EwtService {

    private final Pool pool;
    private final CampaignRepository campaigns;
    private final LiveQueueRepository queues;
    private final UserRepository users;
    private final EwtCalculator calculator;
    private final EwtUpdates updates;
    private final Outbox outbox;
    private final CampaignConfig.Ewt config;

    public EwtService(Pool pool, CampaignRepository campaigns, LiveQueueRepository queues, UserRepository users,
            EwtCalculator calculator, EwtUpdates updates, Outbox outbox, CampaignConfig config) {
        this.pool = pool;
        this.campaigns = campaigns;
        this.queues = queues;
        this.users = users;
        this.calculator = calculator;
        this.updates = updates;
        this.outbox = outbox;
        this.config = config.ewt();
    }

    /** The estimate for a caller joining now, with the live figures it came from. */
    public record Current(WaitEstimate estimate, int callsWaiting, int agentsStaffed, OffsetDateTime estimatedAt) {
    }

    /** @return null when the tenant has no such campaign/queue */
    public Uni<Current> current(String tenantId, long serviceQueue) {
        return campaigns.find(tenantId, serviceQueue).flatMap(campaign -> campaign == null ? Uni.createFrom().nullItem()
                : current(pool, tenantId, serviceQueue, OffsetDateTime.now()));
    }

    public Uni<Current> current(SqlClient client, String tenantId, long serviceQueue, OffsetDateTime now) {
        return queues.find(client, tenantId, serviceQueue).flatMap(q -> users.staffing(client, tenantId, serviceQueue)
                .flatMap(staffed -> queues.headEnteredAt(client, tenantId, serviceQueue).map(head -> {
                    LiveQueue advanced = q.advance(now, staffed, head, config);
                    return new Current(calculator.estimate(advanced, staffed, head, now), q.callsWaiting(), staffed,
                            now);
                })));
    }

    /**
     * Sets the EWT by hand (UpdateEWTRecord) until it expires.
     *
     * @return false when the tenant has no such queue
     */
    public Uni<Boolean> setManual(String tenantId, long serviceQueue, int seconds) {
        OffsetDateTime now = OffsetDateTime.now();
        return outbox.inTransaction(tx -> campaigns.find(tx, tenantId, serviceQueue).flatMap(campaign -> {
            if (campaign == null) {
                return Uni.createFrom().item(false);
            }
            return queues.lock(tx, tenantId, serviceQueue)
                    .map(q -> q.withManual(seconds, now.plus(config.manualValidity())))
                    .flatMap(q -> queues.save(tx, q).replaceWith(q)).flatMap(q -> announceIfChanged(tx, q, now))
                    .replaceWith(true);
        }));
    }

    /**
     * Publishes the queue's estimate when its rounded value differs from the last one published. Runs in the
     * transaction that changed the queue, after its row was saved.
     */
    public Uni<Boolean> announceIfChanged(SqlClient tx, LiveQueue q, OffsetDateTime now) {
        return current(tx, q.tenantId(), q.campaignId(), now).flatMap(current -> {
            int seconds = (int) Math.round(current.estimate().seconds());
            if (q.publishedEwtSeconds() != null && q.publishedEwtSeconds() == seconds) {
                return Uni.createFrom().item(false);
            }
            return queues.savePublished(tx, q.tenantId(), q.campaignId(), seconds)
                    .flatMap(ignored -> updates.append(tx, q.tenantId(), q.campaignId(), current.estimate(), now))
                    .replaceWith(true);
        });
    }

    public static io.switchboard.common.problem.ProblemException unknownQueue(long serviceQueue) {
        return CampaignResource.notFound(serviceQueue);
    }
}
