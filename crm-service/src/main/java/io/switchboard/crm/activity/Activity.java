package io.switchboard.crm.activity;

import java.time.OffsetDateTime;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * One call in the platform's history.
 *
 * @param source
 *            where it came from: {@link #CALL_LOG}, {@link #CALLBACK} or {@link #DIALLER}
 * @param sourceRef
 *            the source record's id (call log id, confirmation code, attempt id): one activity per source record
 * @param phoneNumber
 *            the other party's number in E.164 (what an erasure matches on)
 */
public record Activity(long id, String tenantId, String type, String source, String sourceRef, Long campaignId,
        Long parentActivityId, Long rootActivityId, String phoneNumber, OffsetDateTime startedAt,
        OffsetDateTime endedAt, JsonObject data, OffsetDateTime createdAt) {

    public static final String CALL_LOG = "call-log";
    public static final String CALLBACK = "callback";
    public static final String DIALLER = "dialler";

    public static final String INBOUND = "call.inbound";
    public static final String OUTBOUND = "call.outbound";
    public static final String MISSED = "call.missed";
    public static final String CALL_BACK = "call.callback";

    static final String COLUMNS = "id, tenant_id, type, source, source_ref, campaign_id, parent_activity_id,"
            + " root_activity_id, phone_number, started_at, ended_at, data, created_at";

    static Activity of(Row row) {
        return new Activity(row.getLong("id"), row.getString("tenant_id"), row.getString("type"),
                row.getString("source"), row.getString("source_ref"), row.getLong("campaign_id"),
                row.getLong("parent_activity_id"), row.getLong("root_activity_id"), row.getString("phone_number"),
                row.getOffsetDateTime("started_at"), row.getOffsetDateTime("ended_at"),
                (JsonObject) row.getValue("data"), row.getOffsetDateTime("created_at"));
    }
}
