package io.switchboard.callback.legacy;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.legacy.LegacyCredentialCheck;
import io.switchboard.common.logging.LogContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Checks a legacy {@code company} + {@code password} pair against the tenant's hashed credential, which
 * callback-service owns ({@code legacy_credential}); the check itself, its cache and the optional pepper are common's
 * {@link LegacyCredentialCheck}, shared with every other legacy surface.
 */
@ApplicationScoped
public class LegacyCredentials {

    private final Pool pool;
    private final LegacyCredentialCheck check;

    public LegacyCredentials(Pool pool, LegacyCredentialCheck check) {
        this.pool = pool;
        this.check = check;
    }

    /** True when the company exists and the password matches; the company id is the tenant id. */
    public Uni<Boolean> verify(String company, String password) {
        if (company == null || company.isBlank() || password == null) {
            return Uni.createFrom().item(false);
        }
        // The company a legacy call names is its tenant, verified or not: what an operator follows in the logs.
        LogContext.tenant(company.trim());
        return check.verify(company, password,
                pool.preparedQuery("SELECT password_hash FROM legacy_credential WHERE tenant_id = $1")
                        .execute(Tuple.of(company.trim()))
                        .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null));
    }

    /** The tenant when the company and password match; null when either is missing, unknown or wrong. */
    public Uni<String> authenticate(String company, String password) {
        return verify(company, password).map(valid -> valid ? company.trim() : null);
    }
}
