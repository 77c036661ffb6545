package io.switchboard.lead.list;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.lead.LeadEvents;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.lead.LeadException;
import io.switchboard.lead.campaign.CampaignRefRepository;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Creates lists and announces every change on {@code switchboard.lead-events} in the same transaction, so that
 * campaign-service's campaign details list them.
 */
@ApplicationScoped
public class ListService {

    /** The name of the list the Buzzeasy Campaign API's contacts go to, created on a campaign's first contact. */
    public static final String DEFAULT_LIST_NAME = "Campaign contacts";

    private final ListRepository lists;
    private final CampaignRefRepository campaigns;
    private final Outbox outbox;

    public ListService(ListRepository lists, CampaignRefRepository campaigns, Outbox outbox) {
        this.lists = lists;
        this.campaigns = campaigns;
        this.outbox = outbox;
    }

    public Uni<LeadList> create(String tenantId, String name, long campaignId) {
        return outbox.inTransaction(tx -> campaigns.find(tx, tenantId, campaignId).onItem().ifNull()
                .failWith(() -> unknownCampaign(campaignId))
                .flatMap(campaign -> lists.insert(tx, tenantId, name, campaignId, false))
                .call(list -> announce(tx, list)));
    }

    /** The campaign's default list, created (and announced) in the caller's transaction when it has none. */
    public Uni<LeadList> defaultList(SqlClient tx, String tenantId, long campaignId) {
        return lists.findDefault(tx, tenantId, campaignId)
                .flatMap(found -> found != null ? Uni.createFrom().item(found)
                        : lists.insert(tx, tenantId, DEFAULT_LIST_NAME, campaignId, true)
                                .flatMap(created -> created == null
                                        // a concurrent contact created it first: take that one
                                        ? lists.findDefault(tx, tenantId, campaignId)
                                        : announce(tx, created).replaceWith(created)));
    }

    private Uni<?> announce(SqlClient tx, LeadList l) {
        String subject = Long.toString(l.id());
        return outbox.append(tx, LeadEvents.LIST_CHANGED, l.tenantId() + ":list:" + subject, subject, l.tenantId(),
                new LeadEvents.ListChanged(l.id(), l.campaignId(), l.name(), l.inDialler(), l.weight(), l.defaultList(),
                        l.createdAt(), l.updatedAt()));
    }

    public static LeadException unknownCampaign(long campaignId) {
        return LeadException.invalid("campaignId", "No campaign with id " + campaignId + ".");
    }
}
