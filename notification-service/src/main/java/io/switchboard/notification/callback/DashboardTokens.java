package io.switchboard.notification.callback;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.switchboard.common.tenancy.TenantContext;

/**
 * The dashboard's credential: a tenant token carrying {@code switchboard.dashboard}, passed as {@code ?access_token=}
 * because browsers cannot set headers on a WebSocket.
 */
@ApplicationScoped
public class DashboardTokens {

    static final String SCOPE = "switchboard.dashboard";

    private final JWTParser parser;

    public DashboardTokens(JWTParser parser) {
        this.parser = parser;
    }

    /** The token's tenant, or null when the token is missing, invalid, expired, or lacks the scope. */
    String tenantOf(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token.trim());
        } catch (ParseException e) {
            return null;
        }
        Object tenant = jwt.getClaim(TenantContext.TENANT_CLAIM);
        Object scope = jwt.getClaim("scope");
        if (tenant == null || tenant.toString().isBlank() || scope == null
                || Arrays.stream(scope.toString().replace("\"", "").split(" ")).noneMatch(SCOPE::equals)) {
            return null;
        }
        return tenant.toString().replace("\"", "").trim();
    }
}
