package io.switchboard.crm.apikey;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/** An API key's record; the key itself is never stored, only its SHA-256. */
public record ApiKey(UUID id, String tenantId, String name, String keyPrefix, List<Permission> permissions,
        OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {

    static final String COLUMNS = "id, tenant_id, name, key_prefix, permissions, created_at, last_used_at, revoked_at";

    static ApiKey of(Row row) {
        return new ApiKey(row.getUUID("id"), row.getString("tenant_id"), row.getString("name"),
                row.getString("key_prefix"),
                java.util.Arrays.stream(row.getArrayOfStrings("permissions")).map(Permission::parse).toList(),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("last_used_at"),
                row.getOffsetDateTime("revoked_at"));
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }
}
