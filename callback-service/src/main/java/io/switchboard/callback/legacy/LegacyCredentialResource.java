package io.switchboard.callback.legacy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.legacy.LegacyCredentialCheck;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sets the tenant's legacy company password (company id = tenant id). Only its PBKDF2 hash is stored, and
 * {@link LegacyCredentialAnnouncer} announces the change to the other services.
 */
@Path("/api/v1/legacy-credential")
@Tag(name = "Legacy credentials")
@RolesAllowed("switchboard.admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LegacyCredentialResource {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 200;

    private final Pool pool;
    private final LegacyCredentialCheck check;
    private final TenantContext tenant;

    public LegacyCredentialResource(Pool pool, LegacyCredentialCheck check, TenantContext tenant) {
        this.pool = pool;
        this.check = check;
        this.tenant = tenant;
    }

    public record PasswordChange(String password) {
    }

    @PUT
    @Operation(summary = "Set the legacy company password", description = "The company of the legacy methods is the tenant id. 8 to 200 characters; stored only as a hash.")
    public Uni<Response> set(PasswordChange change) {
        String password = change == null ? null : change.password();
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH
                || password.indexOf('\u0000') >= 0) {
            throw ProblemException
                    .badRequest("password is required: " + MIN_LENGTH + " to " + MAX_LENGTH + " characters, no NUL.");
        }
        String tenantId = tenant.tenantId();
        String hash = check.hash(password);
        return pool
                .preparedQuery("INSERT INTO legacy_credential (tenant_id, password_hash) VALUES ($1, $2)"
                        + " ON CONFLICT (tenant_id) DO UPDATE SET password_hash = excluded.password_hash")
                .execute(Tuple.of(tenantId, hash)).replaceWith(Response.noContent().build());
    }
}
