package io.switchboard.lead.bulk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.lead.LeadEvents;
import io.switchboard.common.outbox.Outbox;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Imports through the reactive pool: their creation and upload, their status and error pages, and the leases by which
 * one replica at a time runs each. A batch's rows and its progress are written by {@link BatchWriter} on its COPY
 * connection instead, in one transaction.
 */
@ApplicationScoped
public class ImportRepository {

    private final Pool pool;
    private final Outbox outbox;

    public ImportRepository(Pool pool, Outbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** A new import, uploading, held by the uploader for {@code lease}. */
    public Uni<ImportJob> create(UUID id, String tenantId, String format, Long listId, String holder, Duration lease) {
        return pool.preparedQuery("INSERT INTO lead_import (id, tenant_id, format, list_id, status, lease_holder,"
                + " lease_expires_at) VALUES ($1, $2, $3, $4, 'uploading', $5, now() + make_interval(secs => $6))"
                + " RETURNING " + ImportJob.COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, tenantId, format, listId, holder, (double) lease.toSeconds())))
                .map(ImportRepository::first);
    }

    /** Stages one piece of an upload and renews the uploader's hold. */
    public Uni<Void> appendChunk(UUID id, int seq, byte[] data, Duration lease) {
        return pool
                .withTransaction(tx -> tx
                        .preparedQuery("INSERT INTO lead_import_chunk (import_id, seq, data) VALUES ($1, $2, $3)")
                        .execute(Tuple.of(id, seq, io.vertx.core.buffer.Buffer.buffer(data)))
                        .flatMap(inserted -> tx
                                .preparedQuery("UPDATE lead_import SET bytes = bytes + $2, chunks = $3 + 1,"
                                        + " lease_expires_at = now() + make_interval(secs => $4) WHERE id = $1")
                                .execute(Tuple.of(id, (long) data.length, seq, (double) lease.toSeconds()))))
                .replaceWithVoid();
    }

    /** The upload is complete: any replica may run the import now. */
    public Uni<ImportJob> queue(UUID id) {
        return pool.preparedQuery("UPDATE lead_import SET status = 'queued', lease_holder = NULL,"
                + " lease_expires_at = NULL WHERE id = $1 AND status = 'uploading' RETURNING " + ImportJob.COLUMNS)
                .execute(Tuple.of(id)).map(ImportRepository::first);
    }

    /** An upload that broke off: the import fails at once, with nothing imported. */
    public Uni<Void> abandonUpload(UUID id) {
        return pool.withTransaction(
                tx -> tx.preparedQuery("DELETE FROM lead_import_chunk WHERE import_id = $1").execute(Tuple.of(id))
                        .flatMap(deleted -> tx
                                .preparedQuery("UPDATE lead_import SET status = 'failed', completed_at = now(),"
                                        + " lease_holder = NULL, lease_expires_at = NULL WHERE id = $1")
                                .execute(Tuple.of(id))))
                .replaceWithVoid();
    }

    public Uni<ImportJob> find(String tenantId, UUID id) {
        return pool.preparedQuery("SELECT " + ImportJob.COLUMNS + " FROM lead_import WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(ImportRepository::first);
    }

    /**
     * Takes the oldest import that is queued, or running under a lease that expired (its replica died), for
     * {@code holder}.
     */
    public Uni<ImportJob> claimNext(String holder, Duration lease) {
        return pool.preparedQuery("UPDATE lead_import SET status = 'running', lease_holder = $1,"
                + " lease_expires_at = now() + make_interval(secs => $2), runs = runs + 1,"
                + " started_at = COALESCE(started_at, now()) WHERE id = (SELECT id FROM lead_import"
                + " WHERE status IN ('queued', 'running') AND (lease_expires_at IS NULL OR lease_expires_at < now())"
                + " ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING " + ImportJob.COLUMNS)
                .execute(Tuple.of(holder, (double) lease.toSeconds())).map(ImportRepository::first);
    }

    /** Gives an import back (this replica stops): another run, here or elsewhere, resumes it at once. */
    public Uni<Void> release(UUID id, String holder) {
        return pool
                .preparedQuery("UPDATE lead_import SET lease_expires_at = NULL, lease_holder = NULL"
                        + " WHERE id = $1 AND lease_holder = $2 AND status = 'running'")
                .execute(Tuple.of(id, holder)).replaceWithVoid();
    }

    /** One staged piece of an upload, or null past the last. */
    public Uni<byte[]> chunk(UUID id, int seq) {
        return pool.preparedQuery("SELECT data FROM lead_import_chunk WHERE import_id = $1 AND seq = $2")
                .execute(Tuple.of(id, seq))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getBuffer("data").getBytes() : null);
    }

    /**
     * Ends an import held by {@code holder}: its status, its staged upload removed, and its completion event, in one
     * transaction.
     *
     * @return the finished import, or null when the hold was lost (another replica finishes it)
     */
    public Uni<ImportJob> finish(UUID id, String holder, String status) {
        return outbox.inTransaction(tx -> tx
                .preparedQuery("UPDATE lead_import SET status = $3, completed_at = now(),"
                        + " lease_holder = NULL, lease_expires_at = NULL WHERE id = $1 AND lease_holder = $2"
                        + " AND status = 'running' RETURNING " + ImportJob.COLUMNS)
                .execute(Tuple.of(id, holder, status)).map(ImportRepository::first)
                .call(job -> job == null ? Uni.createFrom().voidItem()
                        : tx.preparedQuery("DELETE FROM lead_import_chunk WHERE import_id = $1").execute(Tuple.of(id))
                                .flatMap(deleted -> outbox.append(tx, LeadEvents.IMPORT_COMPLETED,
                                        job.tenantId() + ":import:" + id, id.toString(), job.tenantId(),
                                        new LeadEvents.ImportCompleted(id.toString(), job.listId(), job.status(),
                                                job.rowsRead(), job.accepted(), job.rejected(), job.duplicates(),
                                                job.rowsPerSecond(), job.startedAt(), job.completedAt())))));
    }

    /** Uploads whose uploader stopped renewing its hold (the request or its replica died) fail. */
    public Uni<Integer> failStaleUploads() {
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE lead_import SET status = 'failed',"
                + " completed_at = now(), lease_holder = NULL WHERE status = 'uploading' AND lease_expires_at < now()"
                + " RETURNING id").execute().flatMap(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(row -> ids.add(row.getUUID("id")));
                    return tx.preparedQuery("DELETE FROM lead_import_chunk WHERE import_id = ANY($1)")
                            .execute(Tuple.of(ids.toArray(UUID[]::new))).replaceWith(ids.size());
                }));
    }

    /** One entry of an import's error pages. */
    public record ImportError(long row, String field, String message) {
    }

    public Uni<List<ImportError>> errors(UUID id, long offset, int limit) {
        return pool.preparedQuery("SELECT row_no, field, message FROM lead_import_error WHERE import_id = $1"
                + " ORDER BY seq OFFSET $2 LIMIT $3").execute(Tuple.of(id, offset, limit)).map(rows -> {
                    List<ImportError> errors = new ArrayList<>();
                    rows.forEach(row -> errors.add(
                            new ImportError(row.getLong("row_no"), row.getString("field"), row.getString("message"))));
                    return errors;
                });
    }

    private static ImportJob first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? ImportJob.of(rows.iterator().next()) : null;
    }
}
