package io.switchboard.crm.apikey;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.crm.tenant.TenantSettings;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ApiKeyRepository {

    private final Pool pool;

    public ApiKeyRepository(Pool pool) {
        this.pool = pool;
    }

    /** A key found by its hash, with its tenant's settings (one round trip for every SwitchTransact call). */
    public record Found(ApiKey key, TenantSettings settings) {
    }

    public Uni<ApiKey> insert(UUID id, String tenantId, String name, byte[] hash, String prefix,
            List<Permission> permissions, String createdBy) {
        return pool
                .preparedQuery("INSERT INTO api_key (id, tenant_id, name, key_hash, key_prefix, permissions,"
                        + " created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + ApiKey.COLUMNS)
                .execute(Tuple.from(Arrays.asList(id, tenantId, name, Buffer.buffer(hash), prefix,
                        permissions.stream().map(Permission::toString).toArray(String[]::new), createdBy)))
                .map(rows -> ApiKey.of(rows.iterator().next()));
    }

    /** @return the key and its tenant's settings (null region and zone when the tenant has set none), or null */
    public Uni<Row> findByHash(byte[] hash) {
        return pool
                .preparedQuery("SELECT k.id, k.tenant_id, k.name, k.key_prefix, k.permissions, k.created_at,"
                        + " k.last_used_at, k.revoked_at, s.default_region, s.time_zone FROM api_key k"
                        + " LEFT JOIN tenant_settings s ON s.tenant_id = k.tenant_id WHERE k.key_hash = $1")
                .execute(Tuple.of(Buffer.buffer(hash)))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
    }

    /** Keys of a tenant that are not revoked, oldest first. */
    public Uni<List<ApiKey>> list(String tenantId) {
        return pool.preparedQuery("SELECT " + ApiKey.COLUMNS + " FROM api_key WHERE tenant_id = $1"
                + " AND revoked_at IS NULL ORDER BY created_at, id").execute(Tuple.of(tenantId)).map(rows -> {
                    List<ApiKey> keys = new ArrayList<>();
                    for (Row row : rows) {
                        keys.add(ApiKey.of(row));
                    }
                    return keys;
                });
    }

    /** @return true when a live key of the tenant was revoked */
    public Uni<Boolean> revoke(String tenantId, UUID id) {
        return pool.preparedQuery(
                "UPDATE api_key SET revoked_at = now() WHERE tenant_id = $1 AND id = $2" + " AND revoked_at IS NULL")
                .execute(Tuple.of(tenantId, id)).map(rows -> rows.rowCount() == 1);
    }

    /** Records a use, unless one was recorded within the resolution. */
    public Uni<Void> touch(UUID id, double resolutionSeconds) {
        return pool
                .preparedQuery("UPDATE api_key SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL"
                        + " OR last_used_at < now() - make_interval(secs => $2))")
                .execute(Tuple.of(id, resolutionSeconds)).replaceWithVoid();
    }
}
