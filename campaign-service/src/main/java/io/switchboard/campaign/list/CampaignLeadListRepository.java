package io.switchboard.campaign.list;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * campaign-service's read model of lead lists, kept from lead-service's events: which lists each campaign has. A change
 * older than what is stored is ignored, so a redelivered or late event never undoes a newer one.
 */
@ApplicationScoped
public class CampaignLeadListRepository {

    private final Pool pool;

    public CampaignLeadListRepository(Pool pool) {
        this.pool = pool;
    }

    /** The campaign's lists, by id. */
    public Uni<List<CampaignLeadList>> ofCampaign(String tenantId, long campaignId) {
        return pool
                .preparedQuery("SELECT list_id, name, in_dialler, weight FROM campaign_lead_list"
                        + " WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY list_id")
                .execute(Tuple.of(tenantId, campaignId)).map(rows -> {
                    List<CampaignLeadList> lists = new ArrayList<>();
                    rows.forEach(row -> lists.add(CampaignLeadList.of(row)));
                    return lists;
                });
    }

    public Uni<Void> changed(String tenantId, long listId, long campaignId, String name, boolean inDialler, int weight,
            OffsetDateTime at) {
        return pool.preparedQuery("INSERT INTO campaign_lead_list (tenant_id, list_id, campaign_id, name, in_dialler,"
                + " weight, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, list_id) DO UPDATE"
                + " SET campaign_id = EXCLUDED.campaign_id, name = EXCLUDED.name, in_dialler = EXCLUDED.in_dialler,"
                + " weight = EXCLUDED.weight, updated_at = EXCLUDED.updated_at"
                + " WHERE campaign_lead_list.updated_at <= EXCLUDED.updated_at")
                .execute(Tuple.from(List.of(tenantId, listId, campaignId, name, inDialler, weight, at)))
                .replaceWithVoid();
    }
}
