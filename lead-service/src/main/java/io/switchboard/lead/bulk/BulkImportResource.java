package io.switchboard.lead.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

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

/** Platform API v3.0: bulk lead import (JSON), its status and its error pages. */
@Path("/platform-api/v3.0/leads/bulk")
@Tag(name = "Platform API v3.0")
@RolesAllowed(Scopes.PLATFORM)
@Produces(MediaType.APPLICATION_JSON)
public class BulkImportResource {

    static final String BASE = "/platform-api/v3.0/leads/bulk/";

    private final ImportStaging staging;
    private final ImportRepository imports;
    private final TenantContext tenant;

    public BulkImportResource(ImportStaging staging, ImportRepository imports, TenantContext tenant) {
        this.staging = staging;
        this.imports = imports;
        this.tenant = tenant;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Bulk Lead Create", description = "{\"leads\": [...]} with the fields of Create lead. 202 with"
            + " the import's uuid once the body is stored; rows are validated, deduplicated and imported in the"
            + " background (GET .../bulk/{uuid}).")
    public Response create(InputStream body) throws IOException {
        String tenantId = tenant.tenantId();
        ImportJob job = staging.stage(tenantId, ImportJob.JSON, null, body);
        return Response.accepted(new ImportViews.Accepted(job.id().toString(), ImportViews.status(job)))
                .location(URI.create(BASE + job.id())).build();
    }

    @GET
    @Path("/{uuid}")
    @Operation(summary = "Get the status of the bulk import process", description = "Live while it runs: status queued,"
            + " running, completed or failed, and the rows so far.")
    public Uni<ImportViews.Status> status(@PathParam("uuid") String uuid) {
        return find(uuid).map(job -> ImportViews.status(job, BASE + job.id()));
    }

    @GET
    @Path("/{uuid}/errors")
    @Operation(summary = "Get error message of failed imports", description = "Rejected rows, numbered from 1 in upload"
            + " order, one entry per refused field; pageNo from 1, limit default 100 (at most 1000).")
    public Uni<ImportViews.ErrorPage> errors(@PathParam("uuid") String uuid, @QueryParam("pageNo") String pageNo,
            @QueryParam("limit") String limit) {
        return find(uuid).flatMap(job -> ImportViews.errors(imports, job, BASE + job.id(), pageNo, limit));
    }

    private Uni<ImportJob> find(String uuid) {
        String tenantId = tenant.tenantId();
        return imports.find(tenantId, ImportViews.uuid(uuid)).onItem().ifNull()
                .failWith(() -> ImportViews.notFound(uuid));
    }

    @ServerExceptionMapper
    public Response tooLarge(ImportStaging.UploadTooLargeException e, UriInfo uri) {
        return ProblemExceptionMappers
                .respond(new Problem(null, "Content Too Large", 413, e.getMessage(), uri.getPath(), null));
    }
}
