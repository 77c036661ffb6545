package io.switchboard.common.tenancy;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.common.logging.LogContext;

/**
 * The caller's tenant and scopes, read from the bearer token. Every query a service runs for a modern or Buzzeasy
 * unified request is filtered by {@link #tenantId()}.
 */
@RequestScoped
public class TenantContext {

    /** The claim the Buzzeasy unified API puts the company id in. */
    public static final String TENANT_CLAIM = "buzzeasy.TenantId";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public TenantContext(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The tenant of the caller; an unauthenticated caller or a token without the tenant claim gets a 401. */
    public String tenantId() {
        if (identity.isAnonymous() || token == null || token.getRawToken() == null) {
            throw new UnauthorizedException();
        }
        Object claim = token.getClaim(TENANT_CLAIM);
        String tenant = claim == null ? null : claim.toString().replace("\"", "").trim();
        if (tenant == null || tenant.isEmpty()) {
            throw new UnauthorizedException();
        }
        LogContext.tenant(tenant);
        return tenant;
    }

    /** The scopes granted by the token (the space-separated {@code scope} claim, mapped to roles). */
    public Set<String> scopes() {
        return identity.getRoles();
    }

    /**
     * Requires a scope and answers 401, not 403, when it is missing: the Buzzeasy unified API documents a token without
     * the callback scope as "expired or invalid".
     */
    public void requireScopeOrUnauthorized(String scope) {
        if (identity.isAnonymous() || !identity.hasRole(scope)) {
            throw new UnauthorizedException();
        }
        tenantId();
    }
}
