package io.switchboard.notification.callback;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.tenancy.TenantContext;

/**
 * Admits a dashboard's WebSocket handshake only with a valid tenant token carrying {@code switchboard.dashboard},
 * passed as {@code ?access_token=} because browsers cannot set headers on a WebSocket; the tenant goes to the
 * connection. A numeric queue id is required too: anything else is refused before the upgrade.
 */
@ApplicationScoped
public class DashboardUpgradeCheck implements HttpUpgradeCheck {

    static final String SCOPE = "switchboard.dashboard";
    static final TypedKey<String> TENANT = TypedKey.forString("tenant");

    private final JWTParser parser;

    public DashboardUpgradeCheck(JWTParser parser) {
        this.parser = parser;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return QueueDashboardSocket.ENDPOINT_ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (!context.pathParam("serviceQueue").matches("\\d{1,18}")) {
            return CheckResult.rejectUpgrade(404);
        }
        String token = context.httpRequest().getParam("access_token");
        if (token == null || token.isBlank()) {
            return CheckResult.rejectUpgrade(401);
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(token.trim());
        } catch (ParseException e) {
            return CheckResult.rejectUpgrade(401);
        }
        Object tenant = jwt.getClaim(TenantContext.TENANT_CLAIM);
        Object scope = jwt.getClaim("scope");
        if (tenant == null || tenant.toString().isBlank() || scope == null
                || Arrays.stream(scope.toString().replace("\"", "").split(" ")).noneMatch(SCOPE::equals)) {
            return CheckResult.rejectUpgrade(401);
        }
        context.userData().put(TENANT, tenant.toString().replace("\"", "").trim());
        return CheckResult.permitUpgrade();
    }
}
