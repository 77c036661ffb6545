package io.switchboard.campaign.ewt;

import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.Scopes;
import io.switchboard.common.tenancy.TenantContext;

/**
 * Estimated wait time of a service queue, and how accurate past quotes were. A queue callback-service has not announced
 * (or has deleted) answers a 404 problem naming it.
 */
@Path("/api/v1/service-queues/{id}")
@Tag(name = "Estimated wait time")
@RolesAllowed({ Scopes.ADMIN, Scopes.DIALLER })
@Produces(MediaType.APPLICATION_JSON)
public class EwtResource {

    private final EwtService ewt;
    private final TenantContext tenant;

    public EwtResource(EwtService ewt, TenantContext tenant) {
        this.ewt = ewt;
        this.tenant = tenant;
    }

    public record EwtView(long serviceQueue, long ewtSeconds, long lowerSeconds, long upperSeconds, String method,
            String basedOn, int callsWaiting, int agentsAvailable, OffsetDateTime estimatedAt) {
    }

    public record AccuracyView(long serviceQueue, long samples, Double meanAbsoluteErrorSeconds,
            Double relativeSquaredError, Double intervalCoverage) {
    }

    @GET
    @Path("/ewt")
    @Operation(summary = "Estimated wait of a caller joining now", description = "Seconds, with a 95% interval, the"
            + " method (MANUAL, QUEUE_LENGTH, HEAD_OF_LINE, LAST_TO_ENTER_SERVICE, NONE) and what it was based on.")
    public Uni<EwtView> get(@PathParam("id") long id) {
        return ewt.current(tenant.tenantId(), id)
                .map(c -> new EwtView(id, Math.round(c.estimate().seconds()),
                        (long) Math.floor(c.estimate().lowerSeconds()), (long) Math.ceil(c.estimate().upperSeconds()),
                        c.estimate().method().name(), c.estimate().basedOn(), c.callsWaiting(), c.agentsStaffed(),
                        c.estimatedAt()));
    }

    @GET
    @Path("/ewt/accuracy")
    @Operation(summary = "Accuracy of the EWT quoted to callers who were later answered")
    public Uni<AccuracyView> accuracy(@PathParam("id") long id) {
        return ewt.accuracy(tenant.tenantId(), id).map(s -> new AccuracyView(id, s.samples(),
                s.meanAbsoluteErrorSeconds(), s.relativeSquaredError(), s.intervalCoverage()));
    }
}
