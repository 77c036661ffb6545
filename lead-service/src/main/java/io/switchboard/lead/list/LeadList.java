package io.switchboard.lead.list;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A lead list of a campaign, with the campaign's name and time zone from the read model.
 *
 * @param campaignName
 *            null when the campaign is not (or no longer) known
 */
public record LeadList(String tenantId, long id, String name, long campaignId, String campaignName,
        String campaignTimeZone, boolean inDialler, int weight, boolean defaultList, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static final String COLUMNS = "l.tenant_id, l.id, l.name, l.campaign_id, c.name AS campaign_name,"
            + " c.time_zone AS campaign_time_zone, l.in_dialler, l.weight, l.default_list, l.created_at, l.updated_at";
    static final String FROM = " FROM lead_list l LEFT JOIN campaign_ref c ON c.tenant_id = l.tenant_id"
            + " AND c.id = l.campaign_id AND NOT c.deleted";

    static LeadList of(Row row) {
        return new LeadList(row.getString("tenant_id"), row.getLong("id"), row.getString("name"),
                row.getLong("campaign_id"), row.getString("campaign_name"), row.getString("campaign_time_zone"),
                row.getBoolean("in_dialler"), row.getInteger("weight"), row.getBoolean("default_list"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
