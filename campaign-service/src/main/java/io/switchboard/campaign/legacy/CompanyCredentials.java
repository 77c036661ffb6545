package io.switchboard.campaign.legacy;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.common.legacy.LegacyPasswords;
import io.switchboard.common.logging.LogContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Checks the company + password of the legacy methods against the stored hash. */
@ApplicationScoped
public class CompanyCredentials {

    private final Pool pool;

    public CompanyCredentials(Pool pool) {
        this.pool = pool;
    }

    /** @return true when the company exists and the password matches */
    public Uni<Boolean> verify(String company, String password) {
        if (company == null || password == null) {
            return Uni.createFrom().item(false);
        }
        // The company a legacy call names is its tenant, verified or not: what an operator follows in the logs.
        LogContext.tenant(company);
        return pool.preparedQuery("SELECT password_hash FROM company_credential WHERE tenant_id = $1")
                .execute(Tuple.of(company)).flatMap(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().item(false);
                    }
                    String hash = rows.iterator().next().getString(0);
                    // PBKDF2 is deliberately slow: keep it off the event loop.
                    return Uni.createFrom().item(() -> LegacyPasswords.verify(password, hash))
                            .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                });
    }
}
