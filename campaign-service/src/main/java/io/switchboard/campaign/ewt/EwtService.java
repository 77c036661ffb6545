package io.switchboard.campaign.ewt;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.CampaignConfig;
import io.switchboard.campaign.ewt.estimator.WaitEstimate;
import io.switchboard.campaign.livequeue.LiveQueue;
import io.switchboard.campaign.livequeue.LiveQueueRepository;
import io.switchboard.campaign.readmodel.ServiceQueueRepository;
import io.switchboard.campaign.readmodel.UnknownServiceQueueException;
import io.switchboard.campaign.user.UserRepository;
import io.switchboard.common.outbox.Outbox;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/** THE rules of a queue's EWT: read it, set it by hand, announce it when it changes. */
@ApplicationScoped
public class EwtService {

    private final Pool pool;
    private final ServiceQueueRepository serviceQueues;
    private final LiveQueueRepository queues;
    private final UserRepository users;
    private final EwtCalculator calculator;
    private final EwtAccuracy accuracy;
    private final EwtUpdates updates;
    private final Outbox outbox;
    private final CampaignConfig.Ewt config;

    public EwtService(Pool pool, ServiceQueueRepository serviceQueues, LiveQueueRepository queues, UserRepository users,
            EwtCalculator calculator, EwtAccuracy accuracy, EwtUpdates updates, Outbox outbox, CampaignConfig config) {
        this.pool = pool;
        this.serviceQueues = serviceQueues;
        this.accuracy = accuracy;
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

    /**
     * The current estimate of a service queue.
     *
     * @throws UnknownServiceQueueException
     *             (as the Uni's failure) when callback-service has not announced the queue to the tenant
     */
    public Uni<Current> current(String tenantId, long serviceQueue) {
        return serviceQueues.find(tenantId, serviceQueue).onItem().ifNull()
                .failWith(() -> new UnknownServiceQueueException(serviceQueue))
                .flatMap(queue -> current(pool, tenantId, serviceQueue, OffsetDateTime.now()));
    }

    /**
     * How accurate the queue's past quotes were.
     *
     * @throws UnknownServiceQueueException
     *             (as the Uni's failure) when callback-service has not announced the queue to the tenant
     */
    public Uni<EwtAccuracy.Sums> accuracy(String tenantId, long serviceQueue) {
        return serviceQueues.find(tenantId, serviceQueue).onItem().ifNull()
                .failWith(() -> new UnknownServiceQueueException(serviceQueue))
                .flatMap(queue -> accuracy.find(tenantId, serviceQueue));
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
     * @throws UnknownServiceQueueException
     *             (as the Uni's failure) when callback-service has not announced the queue to the tenant
     */
    public Uni<Void> setManual(String tenantId, long serviceQueue, int seconds) {
        OffsetDateTime now = OffsetDateTime.now();
        return outbox.inTransaction(tx -> serviceQueues.require(tx, tenantId, serviceQueue)
                .flatMap(queue -> queues.lock(tx, tenantId, serviceQueue))
                .map(q -> q.withManual(seconds, now.plus(config.manualValidity())))
                .flatMap(q -> queues.save(tx, q).replaceWith(q)).flatMap(q -> announceIfChanged(tx, q, now))
                .replaceWithVoid());
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
}
