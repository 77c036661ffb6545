package io.switchboard.lead.bulk;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/**
 * A bulk import: its upload (staged in {@code lead_import_chunk}), its progress (rows committed so far and their
 * outcome), and the lease of the replica running it.
 *
 * @param format
 *            {@code json} ({@code POST /platform-api/v3.0/leads/bulk}) or {@code csv} ({@code POST
 *            /api/v1/lists/{listId}/imports})
 * @param listId
 *            the list of a CSV import; null for JSON, whose rows name their lists
 * @param rowsRead
 *            rows committed so far (accepted + rejected + duplicates); an interrupted import resumes after them
 * @param errors
 *            entries on the error pages (a rejected row has one per refused field)
 */
public record ImportJob(UUID id, String tenantId, String format, Long listId, String status, long bytes, int chunks,
        long rowsRead, long accepted, long rejected, long duplicates, long errors, long workMillis, int runs,
        OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime completedAt) {

    public static final String JSON = "json";
    public static final String CSV = "csv";

    static final String COLUMNS = "id, tenant_id, format, list_id, status, bytes, chunks, rows_read, accepted, rejected,"
            + " duplicates, errors, work_millis, runs, created_at, started_at, completed_at";

    static ImportJob of(Row row) {
        return new ImportJob(row.getUUID("id"), row.getString("tenant_id"), row.getString("format"),
                row.getLong("list_id"), row.getString("status"), row.getLong("bytes"), row.getInteger("chunks"),
                row.getLong("rows_read"), row.getLong("accepted"), row.getLong("rejected"), row.getLong("duplicates"),
                row.getLong("errors"), row.getLong("work_millis"), row.getInteger("runs"),
                row.getOffsetDateTime("created_at"), row.getOffsetDateTime("started_at"),
                row.getOffsetDateTime("completed_at"));
    }

    /** Rows per second of import work so far (0 before the first batch). */
    public double rowsPerSecond() {
        return workMillis <= 0 ? 0 : Math.round(rowsRead * 1000.0 * 10 / workMillis) / 10.0;
    }
}
