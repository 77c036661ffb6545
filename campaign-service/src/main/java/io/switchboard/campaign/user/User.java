package io.switchboard.campaign.user;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/**
 * An agent or a supervisor. An agent serves one campaign at a time and is available or not.
 */
public record User(String tenantId, long id, String name, String email, String userType, boolean active,
        Long campaignId, boolean available, OffsetDateTime presenceAt, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";

    static final String COLUMNS = "tenant_id, id, name, email, user_type, active, campaign_id, available, presence_at,"
            + " created_at, updated_at";

    static User of(Row row) {
        return new User(row.getString("tenant_id"), row.getLong("id"), row.getString("name"), row.getString("email"),
                row.getString("user_type"), row.getBoolean("active"), row.getLong("campaign_id"),
                row.getBoolean("available"), row.getOffsetDateTime("presence_at"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }
}
