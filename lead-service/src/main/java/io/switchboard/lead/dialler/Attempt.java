package io.switchboard.lead.dialler;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/** One call attempt to a lead, with its campaign's name and zone from the read model. */
public record Attempt(String tenantId, long id, long leadId, long campaignId, String campaignName,
        String campaignTimeZone, long listId, UUID leaseId, int phoneIndex, String phoneNumber, int dialStatusId,
        String dialStatusName, String type, OffsetDateTime startedAt, OffsetDateTime endedAt, Long agentId,
        long activityId, Long parentActivityId, Long rootActivityId, OffsetDateTime createdAt) {

    static final String COLUMNS = "a.tenant_id, a.id, a.lead_id, a.campaign_id, c.name AS campaign_name,"
            + " c.time_zone AS campaign_time_zone, a.list_id, a.lease_id, a.phone_index, a.phone_number,"
            + " a.dial_status_id, a.dial_status_name, a.type, a.started_at, a.ended_at, a.agent_id, a.activity_id,"
            + " a.parent_activity_id, a.root_activity_id, a.created_at";
    static final String FROM = " FROM lead_attempt a LEFT JOIN campaign_ref c ON c.tenant_id = a.tenant_id"
            + " AND c.id = a.campaign_id AND NOT c.deleted";

    static Attempt of(Row row) {
        return new Attempt(row.getString("tenant_id"), row.getLong("id"), row.getLong("lead_id"),
                row.getLong("campaign_id"), row.getString("campaign_name"), row.getString("campaign_time_zone"),
                row.getLong("list_id"), row.getUUID("lease_id"), row.getInteger("phone_index"),
                row.getString("phone_number"), row.getInteger("dial_status_id"), row.getString("dial_status_name"),
                row.getString("type"), row.getOffsetDateTime("started_at"), row.getOffsetDateTime("ended_at"),
                row.getLong("agent_id"), row.getLong("activity_id"), row.getLong("parent_activity_id"),
                row.getLong("root_activity_id"), row.getOffsetDateTime("created_at"));
    }
}
