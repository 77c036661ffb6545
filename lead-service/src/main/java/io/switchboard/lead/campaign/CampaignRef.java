package io.switchboard.lead.campaign;

import java.time.ZoneId;

import io.vertx.mutiny.sqlclient.Row;

/** What lead-service knows of a campaign, from campaign-service's events: its name, time zone and existence. */
public record CampaignRef(String tenantId, long id, String name, String timeZone, boolean active) {

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    static CampaignRef of(Row row) {
        return new CampaignRef(row.getString("tenant_id"), row.getLong("id"), row.getString("name"),
                row.getString("time_zone"), row.getBoolean("active"));
    }
}
