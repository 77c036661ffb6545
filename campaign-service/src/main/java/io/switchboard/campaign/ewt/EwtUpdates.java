package io.switchboard.campaign.ewt;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.ewt.estimator.WaitEstimate;
import io.switchboard.common.events.campaign.EwtEvents;
import io.switchboard.common.outbox.Outbox;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Announces EWT changes on {@code switchboard.ewt-updates} through the outbox, in the transaction that changed the
 * queue, keyed by tenant and queue so that one queue's announcements stay in order.
 */
@ApplicationScoped
public class EwtUpdates {

    private final Outbox outbox;

    public EwtUpdates(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> append(SqlClient tx, String tenantId, long serviceQueue, WaitEstimate estimate,
            OffsetDateTime at) {
        var data = new EwtEvents.EwtUpdated(serviceQueue, Math.round(estimate.seconds()),
                (long) Math.floor(estimate.lowerSeconds()), (long) Math.ceil(estimate.upperSeconds()),
                estimate.method().name(), estimate.basedOn(), at);
        return outbox.append(tx, EwtEvents.UPDATED, tenantId + ":" + serviceQueue, Long.toString(serviceQueue),
                tenantId, data).replaceWithVoid();
    }
}
