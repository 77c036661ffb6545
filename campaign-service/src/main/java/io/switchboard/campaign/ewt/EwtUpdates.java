package io.switchboard.campaign.ewt;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.ewt.estimator.WaitEstimate;
import io.switchboard.common.events.Topics;
import io.switchboard.common.outbox.Outbox;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Announces EWT changes on {@code switchboard.ewt-updates} through the outbox, in the transaction that changed the
 * queue, keyed by tenant and queue so that one queue's announcements stay in order.
 */
@ApplicationScoped
public class EwtUpdates {

    public static final String TYPE = "switchboard.ewt.updated";

    private final Outbox outbox;

    public EwtUpdates(Outbox outbox) {
        this.outbox = outbox;
    }

    /** The event's data. */
    public record EwtUpdated(long serviceQueue, long ewtSeconds, long lowerSeconds, long upperSeconds, String method,
            String basedOn, OffsetDateTime estimatedAt) {
    }

    public Uni<Void> append(SqlClient tx, String tenantId, long serviceQueue, WaitEstimate estimate,
            OffsetDateTime at) {
        var data = new EwtUpdated(serviceQueue, Math.round(estimate.seconds()),
                (long) Math.floor(estimate.lowerSeconds()), (long) Math.ceil(estimate.upperSeconds()),
                estimate.method().name(), estimate.basedOn(), at);
        return outbox.append(tx, Topics.EWT_UPDATES, tenantId + ":" + serviceQueue, TYPE, Long.toString(serviceQueue),
                tenantId, data).replaceWithVoid();
    }
}
