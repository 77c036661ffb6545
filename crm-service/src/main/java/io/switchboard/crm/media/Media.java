package io.switchboard.crm.media;

import java.time.OffsetDateTime;

import io.vertx.mutiny.sqlclient.Row;

/** A recording or voicemail; {@code storageKey} is null once its bytes are gone. */
public record Media(long id, String tenantId, String type, long activityId, Integer durationSeconds, String contentType,
        long sizeBytes, String storageKey, OffsetDateTime createdAt, OffsetDateTime deletedAt, String deletedBy,
        String deletionReason) {

    public static final String RECORDING = "recording";
    public static final String VOICEMAIL = "voicemail";

    static final String COLUMNS = "id, tenant_id, type, activity_id, duration_seconds, content_type, size_bytes,"
            + " storage_key, created_at, deleted_at, deleted_by, deletion_reason";

    static Media of(Row row) {
        return new Media(row.getLong("id"), row.getString("tenant_id"), row.getString("type"),
                row.getLong("activity_id"), row.getInteger("duration_seconds"), row.getString("content_type"),
                row.getLong("size_bytes"), row.getString("storage_key"), row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("deleted_at"), row.getString("deleted_by"), row.getString("deletion_reason"));
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public String uri() {
        return "/platform-api/v3.0/media/" + id;
    }
}
