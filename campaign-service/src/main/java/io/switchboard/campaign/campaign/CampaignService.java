package io.switchboard.campaign.campaign;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.campaign.CampaignRepository.Deletion;
import io.switchboard.common.events.campaign.CampaignEvents;
import io.switchboard.common.outbox.Outbox;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Changes campaigns and announces every change on {@code switchboard.campaign-events} in the same transaction, so the
 * read models of other services (lead-service's campaign names and time zones) never miss or invent one.
 */
@ApplicationScoped
public class CampaignService {

    private final CampaignRepository campaigns;
    private final Outbox outbox;

    public CampaignService(CampaignRepository campaigns, Outbox outbox) {
        this.campaigns = campaigns;
        this.outbox = outbox;
    }

    /** @return the new campaign, or null when the id is taken */
    public Uni<Campaign> create(String tenantId, Long id, String name, Direction direction, boolean active,
            String timeZone) {
        return outbox.inTransaction(tx -> campaigns.insert(tx, tenantId, id, name, direction, active, timeZone)
                .call(created -> created == null ? Uni.createFrom().nullItem() : announce(tx, created)));
    }

    /** @return the updated campaign, or null when there is none with that id */
    public Uni<Campaign> update(String tenantId, long id, String name, Direction direction, boolean active,
            String timeZone) {
        return outbox.inTransaction(tx -> campaigns.update(tx, tenantId, id, name, direction, active, timeZone)
                .call(updated -> updated == null ? Uni.createFrom().nullItem() : announce(tx, updated)));
    }

    public Uni<Deletion> delete(String tenantId, long id) {
        return outbox.inTransaction(tx -> campaigns.delete(tx, tenantId, id)
                .call(outcome -> outcome != Deletion.DELETED ? Uni.createFrom().nullItem()
                        : outbox.append(tx, CampaignEvents.DELETED, key(tenantId, id), Long.toString(id), tenantId,
                                new CampaignEvents.CampaignDeleted(id, OffsetDateTime.now()))));
    }

    private Uni<?> announce(SqlClient tx, Campaign c) {
        return outbox.append(tx, CampaignEvents.CHANGED, key(c.tenantId(), c.id()), Long.toString(c.id()), c.tenantId(),
                new CampaignEvents.CampaignChanged(c.id(), c.name(), c.direction().name(), c.active(), c.timeZone(),
                        c.createdAt(), c.updatedAt()));
    }

    private static String key(String tenantId, long campaignId) {
        return tenantId + ":" + campaignId;
    }
}
