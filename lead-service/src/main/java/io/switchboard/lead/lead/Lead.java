package io.switchboard.lead.lead;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A lead with what its views need from other tables: its list's name, its campaign's name and zone (read model), its
 * agent's name (read model) and its campaign's outcome type and attempt limit (dialling policy; null when the campaign
 * has none set, so that the defaults apply).
 */
public record Lead(String tenantId, long id, long listId, String listName, long campaignId, String campaignName,
        String campaignTimeZone, String customerKey, String timeZone, String phone1, String phone2, String phone3,
        String leadData, Integer statusCode, String statusDescription, Long agentId, String agentName,
        boolean completed, OffsetDateTime completedAt, OffsetDateTime nextAttemptAt, int attempts,
        OffsetDateTime lastAttemptAt, Long lastAttemptId, Long lastActivityId, Long rootActivityId, UUID leaseId,
        String leaseHolder, OffsetDateTime leaseExpiresAt, boolean listInDialler, String outcomeType,
        Integer maxAttempts, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    /** Columns of {@link #FROM}, in the order {@link #of} reads them. */
    public static final String COLUMNS = "l.tenant_id, l.id, l.list_id, li.name AS list_name, l.campaign_id,"
            + " c.name AS campaign_name, c.time_zone AS campaign_time_zone, l.customer_key, l.time_zone, l.phone1,"
            + " l.phone2, l.phone3, l.lead_data::text AS lead_data, l.status_code, l.status_description, l.agent_id,"
            + " a.name AS agent_name, l.completed, l.completed_at, l.next_attempt_at, l.attempts, l.last_attempt_at,"
            + " l.last_attempt_id, l.last_activity_id, l.root_activity_id, l.lease_id, l.lease_holder,"
            + " l.lease_expires_at, li.in_dialler AS list_in_dialler, p.outcome_type, p.max_attempts, l.created_at,"
            + " l.updated_at";
    /** {@code lead l} with its list, campaign, agent and policy. */
    public static final String FROM = " FROM lead l JOIN lead_list li ON li.tenant_id = l.tenant_id AND li.id = l.list_id"
            + " LEFT JOIN campaign_ref c ON c.tenant_id = l.tenant_id AND c.id = l.campaign_id AND NOT c.deleted"
            + " LEFT JOIN agent_ref a ON a.tenant_id = l.tenant_id AND a.id = l.agent_id AND NOT a.deleted"
            + " LEFT JOIN dialling_policy p ON p.tenant_id = l.tenant_id AND p.campaign_id = l.campaign_id";

    public String phone(int index) {
        return switch (index) {
            case 1 -> phone1;
            case 2 -> phone2;
            case 3 -> phone3;
            default -> null;
        };
    }

    /** The zone its times are shown in: its own, else its campaign's, else UTC. */
    public String displayZone() {
        return timeZone != null ? timeZone : campaignTimeZone != null ? campaignTimeZone : "UTC";
    }

    public static Lead of(Row row) {
        return new Lead(row.getString("tenant_id"), row.getLong("id"), row.getLong("list_id"),
                row.getString("list_name"), row.getLong("campaign_id"), row.getString("campaign_name"),
                row.getString("campaign_time_zone"), row.getString("customer_key"), row.getString("time_zone"),
                row.getString("phone1"), row.getString("phone2"), row.getString("phone3"), row.getString("lead_data"),
                row.getInteger("status_code"), row.getString("status_description"), row.getLong("agent_id"),
                row.getString("agent_name"), row.getBoolean("completed"), row.getOffsetDateTime("completed_at"),
                row.getOffsetDateTime("next_attempt_at"), row.getInteger("attempts"),
                row.getOffsetDateTime("last_attempt_at"), row.getLong("last_attempt_id"),
                row.getLong("last_activity_id"), row.getLong("root_activity_id"), row.getUUID("lease_id"),
                row.getString("lease_holder"), row.getOffsetDateTime("lease_expires_at"),
                row.getBoolean("list_in_dialler"), row.getString("outcome_type"), row.getInteger("max_attempts"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
