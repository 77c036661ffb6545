package io.switchboard.crm.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class MediaRepository {

    private final Pool pool;

    public MediaRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Media> insert(Media m, String createdBy) {
        return pool
                .preparedQuery("INSERT INTO media (id, tenant_id, type, activity_id, duration_seconds, content_type,"
                        + " size_bytes, storage_key, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING "
                        + Media.COLUMNS)
                .execute(Tuple.from(Arrays.asList(m.id(), m.tenantId(), m.type(), m.activityId(), m.durationSeconds(),
                        m.contentType(), m.sizeBytes(), m.storageKey(), createdBy)))
                .map(rows -> Media.of(rows.iterator().next()));
    }

    public Uni<Media> find(String tenantId, long id) {
        return pool.preparedQuery("SELECT " + Media.COLUMNS + " FROM media WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.iterator().hasNext() ? Media.of(rows.iterator().next()) : null);
    }

    /** Marks the media deleted (the first deletion's who, when and why stay); returns it as it is now, or null. */
    public Uni<Media> markDeleted(String tenantId, long id, String deletedBy, String reason) {
        return pool
                .preparedQuery("UPDATE media SET deleted_at = COALESCE(deleted_at, now()),"
                        + " deleted_by = CASE WHEN deleted_at IS NULL THEN $3 ELSE deleted_by END,"
                        + " deletion_reason = CASE WHEN deleted_at IS NULL THEN $4 ELSE deletion_reason END"
                        + " WHERE tenant_id = $1 AND id = $2 RETURNING " + Media.COLUMNS)
                .execute(Tuple.of(tenantId, id, deletedBy, reason))
                .map(rows -> rows.iterator().hasNext() ? Media.of(rows.iterator().next()) : null);
    }

    /** Forgets the key of bytes that are gone from the store. */
    public Uni<Void> bytesGone(long id, String key) {
        return pool.preparedQuery("UPDATE media SET storage_key = NULL WHERE id = $1 AND storage_key = $2")
                .execute(Tuple.of(id, key)).replaceWithVoid();
    }

    /** Deleted media whose bytes are still in the store (a delete that failed, or a crash before it). */
    public Uni<List<Media>> bytesToDelete(int limit) {
        return pool
                .preparedQuery("SELECT " + Media.COLUMNS + " FROM media WHERE deleted_at IS NOT NULL"
                        + " AND storage_key IS NOT NULL ORDER BY deleted_at LIMIT $1")
                .execute(Tuple.of(limit)).map(MediaRepository::list);
    }

    /**
     * Marks the media of these activities deleted for an erasure, in the erasure's transaction.
     *
     * @return the media marked now
     */
    public Uni<List<Media>> eraseForActivities(SqlClient tx, String tenantId, List<Long> activityIds, String by,
            String reason) {
        return tx.preparedQuery("UPDATE media SET deleted_at = COALESCE(deleted_at, now()),"
                + " deleted_by = COALESCE(deleted_by, $3), deletion_reason = COALESCE(deletion_reason, $4)"
                + " WHERE tenant_id = $1 AND activity_id = ANY($2) AND (deleted_at IS NULL OR storage_key IS NOT NULL)"
                + " RETURNING " + Media.COLUMNS)
                .execute(Tuple.of(tenantId, activityIds.toArray(Long[]::new), by, reason)).map(MediaRepository::list);
    }

    private static List<Media> list(RowSet<Row> rows) {
        List<Media> list = new ArrayList<>();
        for (Row row : rows) {
            list.add(Media.of(row));
        }
        return list;
    }
}
