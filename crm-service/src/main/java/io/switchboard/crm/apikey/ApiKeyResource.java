package io.switchboard.crm.apikey;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.input.Input;
import io.switchboard.common.problem.Problem;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;

/** The SwitchTransact surface's credentials, managed by the tenant's administrators. */
@Path("/api/v1/api-keys")
@Tag(name = "API keys")
@RolesAllowed(ApiKeyResource.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class ApiKeyResource {

    public static final String ADMIN = "switchboard.admin";

    private final ApiKeyService keys;
    private final TenantContext tenant;
    private final JsonWebToken token;

    public ApiKeyResource(ApiKeyService keys, TenantContext tenant, JsonWebToken token) {
        this.keys = keys;
        this.tenant = tenant;
        this.token = token;
    }

    public record CreateKey(String name, List<String> permissions) {
    }

    /** The answer to a create: the only one that carries the key. */
    public record CreatedKey(UUID id, String name, String key, List<String> permissions, OffsetDateTime createdAt) {
    }

    /** A key as listed: never the key, only its first characters to tell keys apart. */
    public record KeyView(UUID id, String name, String keyPrefix, List<String> permissions, OffsetDateTime createdAt,
            OffsetDateTime lastUsedAt) {

        static KeyView of(ApiKey k) {
            return new KeyView(k.id(), k.name(), k.keyPrefix(), names(k.permissions()), k.createdAt(), k.lastUsedAt());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue an API key", description = "Permissions are Area:Access, e.g. General:Read and"
            + " General:Write. The key is in this answer only; it is stored hashed.")
    public Uni<Response> create(CreateKey body) {
        String tenantId = tenant.tenantId();
        if (body == null || body.name() == null || body.name().isBlank()) {
            throw new ProblemException(400, "invalid-parameters", "Bad Request", "name is required.",
                    List.of(new Problem.FieldError("name", "required")));
        }
        Input.check().text("name", body.name(), Input.NAME)
                .range("permissions", body.permissions() == null ? 0 : body.permissions().size(), 0, 100).done();
        List<Permission> permissions = new ArrayList<>();
        for (String p : body.permissions() == null ? List.<String> of() : body.permissions()) {
            Permission parsed = Permission.parse(p);
            if (parsed == null) {
                throw new ProblemException(400, "invalid-parameters", "Bad Request",
                        "Each permission is Area:Read or Area:Write, e.g. General:Read.",
                        List.of(new Problem.FieldError("permissions", "not Area:Read or Area:Write: " + p)));
            }
            if (!permissions.contains(parsed)) {
                permissions.add(parsed);
            }
        }
        if (permissions.isEmpty()) {
            throw new ProblemException(400, "invalid-parameters", "Bad Request",
                    "permissions must name at least one permission, e.g. General:Read.",
                    List.of(new Problem.FieldError("permissions", "required")));
        }
        return keys.issue(tenantId, body.name().trim(), permissions, token.getSubject())
                .map(issued -> Response.created(URI.create("/api/v1/api-keys/" + issued.record().id()))
                        .entity(new CreatedKey(issued.record().id(), issued.record().name(), issued.key(),
                                names(issued.record().permissions()), issued.record().createdAt()))
                        .build());
    }

    @GET
    @Operation(summary = "The tenant's live API keys (without secrets)")
    public Uni<List<KeyView>> list() {
        return keys.list(tenant.tenantId()).map(list -> list.stream().map(KeyView::of).toList());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key", description = "In force at once on every replica.")
    public Uni<Response> revoke(@PathParam("id") String id) {
        String tenantId = tenant.tenantId();
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No API key " + id + ".");
        }
        return keys.revoke(tenantId, uuid).map(revoked -> {
            if (!revoked) {
                throw ProblemException.notFound("No API key " + id + ".");
            }
            return Response.noContent().build();
        });
    }

    static List<String> names(List<Permission> permissions) {
        return permissions.stream().map(Permission::toString).toList();
    }
}
