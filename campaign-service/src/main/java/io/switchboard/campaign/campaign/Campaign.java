package io.switchboard.campaign.campaign;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import io.vertx.mutiny.sqlclient.Row;

/** A tenant's campaign. Its id is also the legacy {@code serviceQueue} id of the campaign's queue. */
public record Campaign(String tenantId, long id, String name, Direction direction, boolean active, String timeZone,
        OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    static Campaign of(Row row) {
        return new Campaign(row.getString("tenant_id"), row.getLong("id"), row.getString("name"),
                Direction.valueOf(row.getString("direction")), row.getBoolean("active"), row.getString("time_zone"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
    }
}
