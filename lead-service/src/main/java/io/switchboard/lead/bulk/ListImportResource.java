package io.switchboard.lead.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.problem.Problem;
import io.switchboard.common.problem.ProblemExceptionMappers;
import io.switchboard.common.tenancy.TenantContext;
import io.switchboard.lead.Scopes;
import io.switchboard.lead.list.ListRepository;
import io.switchboard.lead.list.PlatformListResource;

/**
 * CSV import into one list: the file is streamed, the header row maps columns to lead fields (unknown columns become
 * the lead's data), and the import runs in the background with the same status and error pages as a JSON bulk import.
 */
@Path("/api/v1/lists/{listId}/imports")
@Tag(name = "Imports")
@RolesAllowed({ Scopes.ADMIN, Scopes.PLATFORM })
@Produces(MediaType.APPLICATION_JSON)
public class ListImportResource {

    private final ImportStaging staging;
    private final ImportRepository imports;
    private final ListRepository lists;
    private final TenantContext tenant;

    public ListImportResource(ImportStaging staging, ImportRepository imports, ListRepository lists,
            TenantContext tenant) {
        this.staging = staging;
        this.imports = imports;
        this.lists = lists;
        this.tenant = tenant;
    }

    private static String base(long listId, Object uuid) {
        return "/api/v1/lists/" + listId + "/imports/" + uuid;
    }

    @POST
    @Blocking
    @Consumes({ "text/csv", "application/csv", MediaType.TEXT_PLAIN })
    @Operation(summary = "Import a CSV file into a list", description = "text/csv, UTF-8, header row first. 202 with"
            + " the import's uuid once the file is stored.")
    public Response create(@PathParam("listId") long listId, InputStream body) throws IOException {
        String tenantId = tenant.tenantId();
        if (lists.find(tenantId, listId).await().atMost(Duration.ofSeconds(30)) == null) {
            throw PlatformListResource.notFound(listId);
        }
        ImportJob job = staging.stage(tenantId, ImportJob.CSV, listId, body);
        return Response.accepted(new ImportViews.Accepted(job.id().toString(), ImportViews.status(job)))
                .location(URI.create(base(listId, job.id()))).build();
    }

    @GET
    @Path("/{uuid}")
    @Operation(summary = "Status of a CSV import", description = "As GET /platform-api/v3.0/leads/bulk/{uuid}.")
    public Uni<ImportViews.Status> status(@PathParam("listId") long listId, @PathParam("uuid") String uuid) {
        return find(listId, uuid).map(job -> ImportViews.status(job, base(listId, job.id())));
    }

    @GET
    @Path("/{uuid}/errors")
    @Operation(summary = "Rejected rows of a CSV import", description = "As GET .../leads/bulk/{uuid}/errors.")
    public Uni<ImportViews.ErrorPage> errors(@PathParam("listId") long listId, @PathParam("uuid") String uuid,
            @QueryParam("pageNo") String pageNo, @QueryParam("limit") String limit) {
        return find(listId, uuid)
                .flatMap(job -> ImportViews.errors(imports, job, base(listId, job.id()), pageNo, limit));
    }

    private Uni<ImportJob> find(long listId, String uuid) {
        String tenantId = tenant.tenantId();
        return imports.find(tenantId, ImportViews.uuid(uuid)).map(job -> {
            if (job == null || job.listId() == null || job.listId() != listId) {
                throw ImportViews.notFound(uuid);
            }
            return job;
        });
    }

    @ServerExceptionMapper
    public Response tooLarge(ImportStaging.UploadTooLargeException e, UriInfo uri) {
        return ProblemExceptionMappers
                .respond(new Problem(null, "Content Too Large", 413, e.getMessage(), uri.getPath(), null));
    }
}
