package io.switchboard.campaign.readmodel;

import java.time.OffsetDateTime;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The read model of the legacy company credentials ({@code company_credential}), written only from callback-service's
 * {@code LegacyCredentialEvents}: each company's PBKDF2 hash. Ordering-safe like {@link ServiceQueueRepository}: a
 * change or revocation older than the newest applied changes nothing, and a revoked company keeps a tombstone.
 */
@ApplicationScoped
public class LegacyCredentialRepository {

    private final Pool pool;

    public LegacyCredentialRepository(Pool pool) {
        this.pool = pool;
    }

    /** The company's hash, or null when it has none (never announced, or revoked). */
    public Uni<String> hashOf(String company) {
        return pool
                .preparedQuery("SELECT password_hash FROM company_credential WHERE tenant_id = $1 AND NOT revoked"
                        + " AND password_hash IS NOT NULL")
                .execute(Tuple.of(company))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    /** @return true when applied, false when a newer change or revocation was already applied */
    public Uni<Boolean> changed(String company, String passwordHash, OffsetDateTime changedAt) {
        return pool.preparedQuery("INSERT INTO company_credential AS c (tenant_id, password_hash, updated_at, revoked)"
                + " VALUES ($1, $2, $3, false) ON CONFLICT (tenant_id) DO UPDATE SET"
                + " password_hash = EXCLUDED.password_hash, updated_at = EXCLUDED.updated_at, revoked = false"
                + " WHERE c.updated_at < EXCLUDED.updated_at OR (c.updated_at = EXCLUDED.updated_at AND NOT c.revoked)")
                .execute(Tuple.from(Arrays.asList(company, passwordHash, changedAt))).map(rows -> rows.rowCount() == 1);
    }

    /** @return true when applied, false when a newer change was already applied */
    public Uni<Boolean> revoked(String company, OffsetDateTime revokedAt) {
        return pool
                .preparedQuery("INSERT INTO company_credential AS c (tenant_id, password_hash, updated_at, revoked)"
                        + " VALUES ($1, NULL, $2, true) ON CONFLICT (tenant_id) DO UPDATE SET password_hash = NULL,"
                        + " updated_at = EXCLUDED.updated_at, revoked = true WHERE c.updated_at <= EXCLUDED.updated_at")
                .execute(Tuple.of(company, revokedAt)).map(rows -> rows.rowCount() == 1);
    }
}
