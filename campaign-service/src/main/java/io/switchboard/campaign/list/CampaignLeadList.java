package io.switchboard.campaign.list;

import io.vertx.mutiny.sqlclient.Row;

/** A lead list of a campaign, as lead-service (which owns lists) announced it. */
public record CampaignLeadList(long listId, String name, boolean inDialler, int weight) {

    static CampaignLeadList of(Row row) {
        return new CampaignLeadList(row.getLong("list_id"), row.getString("name"), row.getBoolean("in_dialler"),
                row.getInteger("weight"));
    }
}
