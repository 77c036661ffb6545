package io.switchboard.lead.dnc;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.input.Input;
import io.switchboard.common.pagination.Cursor;
import io.switchboard.common.pagination.Page;
import io.switchboard.common.phone.PhoneNumbers;
import io.switchboard.common.tenancy.TenantContext;
import io.switchboard.lead.LeadConfig;
import io.switchboard.lead.LeadException;
import io.switchboard.lead.QueryParams;
import io.switchboard.lead.Scopes;

/**
 * The tenant's do-not-call list: numbers diallers are never given (claims leave them out, and skip a lead with no other
 * number). Numbers are stored in E.164; one not in E.164 form is read in {@code region} (default: the service's default
 * region).
 */
@Path("/api/v1/do-not-call")
@Tag(name = "Do not call")
@RolesAllowed(Scopes.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DoNotCallResource {

    private final DoNotCallRepository numbers;
    private final TenantContext tenant;
    private final String defaultRegion;

    public DoNotCallResource(DoNotCallRepository numbers, TenantContext tenant, LeadConfig config) {
        this.numbers = numbers;
        this.tenant = tenant;
        this.defaultRegion = config.defaultRegion();
    }

    public record AddNumber(String phoneNumber, String region, String reason) {
    }

    @POST
    @Operation(summary = "Add a number", description = "201 with the entry; 200 when the number is on the list"
            + " already.")
    public Uni<Response> add(AddNumber request) {
        if (request == null || request.phoneNumber() == null || request.phoneNumber().isBlank()) {
            throw QueryParams.invalid("phoneNumber", "phoneNumber is required.");
        }
        Input.check().text("phoneNumber", request.phoneNumber(), Input.NAME)
                .text("region", request.region(), Input.NAME).text("reason", request.reason(), 1000).done();
        String phone = e164(request.phoneNumber(), request.region());
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().trim();
        return numbers.add(tenant.tenantId(), phone, reason).map(added -> {
            URI location = URI.create("/api/v1/do-not-call/" + URLEncoder.encode(phone, StandardCharsets.UTF_8));
            return (added.created() ? Response.created(location) : Response.ok().location(location))
                    .entity(added.entry()).build();
        });
    }

    @GET
    @Operation(summary = "List the numbers", description = "Cursor-paginated in number order.")
    public Uni<Page<DoNotCallRepository.Entry>> list(@QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        int size = Cursor.limit(limit, 50, 200);
        String after = Cursor.decode(cursor);
        return numbers.list(tenant.tenantId(), after == null ? "" : after, size + 1)
                .map(found -> Page.of(found, size, DoNotCallRepository.Entry::phoneNumber));
    }

    @GET
    @Path("/{phoneNumber}")
    @Operation(summary = "Whether a number is on the list", description = "200 with the entry, 404 when it is not.")
    public Uni<DoNotCallRepository.Entry> get(@PathParam("phoneNumber") String phoneNumber,
            @QueryParam("region") String region) {
        String phone = e164(phoneNumber, region);
        return numbers.find(tenant.tenantId(), phone).onItem().ifNull()
                .failWith(() -> LeadException.notFound("The number is not on the do-not-call list."));
    }

    @DELETE
    @Path("/{phoneNumber}")
    @Operation(summary = "Remove a number")
    public Uni<Response> remove(@PathParam("phoneNumber") String phoneNumber, @QueryParam("region") String region) {
        String phone = e164(phoneNumber, region);
        return numbers.remove(tenant.tenantId(), phone).map(removed -> {
            if (!removed) {
                throw LeadException.notFound("The number is not on the do-not-call list.");
            }
            return Response.noContent().build();
        });
    }

    private String e164(String raw, String region) {
        String readIn = region == null || region.isBlank() ? defaultRegion : region;
        return PhoneNumbers.toE164(raw, readIn).orElseThrow(() -> LeadException.invalid("phoneNumber",
                "phoneNumber is invalid and cannot be formatted as a phone number."));
    }
}
