package io.switchboard.callback.buzzmeinfo;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.legacy.LegacyPasswords;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The legacy company + password check shared by BuzzMeInfo and Ameyo sessions: the company id is the tenant id, the
 * password is checked against its hash in {@code legacy_credential}.
 */
@ApplicationScoped
public class CompanyCredentials {

    private final Pool pool;
    private final Vertx vertx;

    public CompanyCredentials(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    /** The tenant when the company and password match; null when either is missing, unknown or wrong. */
    public Uni<String> authenticate(String companyId, String password) {
        if (companyId == null || companyId.isBlank() || password == null) {
            return Uni.createFrom().nullItem();
        }
        String tenantId = companyId.trim();
        return pool.preparedQuery("SELECT password_hash FROM legacy_credential WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId)).flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    String hash = rows.iterator().next().getString("password_hash");
                    // PBKDF2 is deliberately slow: off the event loop, back on the caller's context afterwards
                    return vertx.executeBlocking(Uni.createFrom().item(() -> LegacyPasswords.verify(password, hash)))
                            .map(valid -> valid ? tenantId : null);
                });
    }
}
