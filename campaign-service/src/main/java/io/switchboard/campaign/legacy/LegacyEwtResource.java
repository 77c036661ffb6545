package io.switchboard.campaign.legacy;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.ewt.EwtService;
import io.switchboard.campaign.readmodel.UnknownServiceQueueException;
import io.switchboard.common.problem.DependencyFailures;

/**
 * The legacy Buzzeasy EWT methods, thin adapters over {@link EwtService}. UpdateEWTRecord answers a bare JSON boolean,
 * GetEWTByServiceID a bare JSON integer of minutes. Both accept the header's and the example's parameter names
 * (serviceQueue/serviceQueueID, company/companyID), numbers as strings, in the body or the query string. A failed
 * company/password check (against the read model of callback-service's credentials), a queue callback-service has not
 * announced or unreadable numbers answer false / -1 with 200, as a .NET bool/int method could only do; a database
 * outage answers the same body with 503.
 */
@Path("/RequestCallbackService/Service.svc/rest")
@Tag(name = "Legacy Buzzeasy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class LegacyEwtResource {

    /** GetEWTByServiceID's answer when the call is refused (the legacy result code of a failed authentication). */
    public static final int REFUSED = -1;

    private static final EwtRequest EMPTY = new EwtRequest(null, null, null, null, null, null);

    private final EwtService ewt;
    private final CompanyCredentials credentials;
    private final ObjectMapper mapper;

    public LegacyEwtResource(EwtService ewt, CompanyCredentials credentials, ObjectMapper mapper) {
        this.ewt = ewt;
        this.credentials = credentials;
        this.mapper = mapper;
    }

    /** The body of both methods; every field may also come in the query string. */
    // Read with the ObjectMapper in our own code (any content type), not by RESTEasy: register it for a native build.
    @RegisterForReflection
    public record EwtRequest(String serviceQueue, String serviceQueueID, String ewt, String company, String companyID,
            String password) {

        EwtRequest withQuery(String qServiceQueue, String qServiceQueueId, String qEwt, String qCompany,
                String qCompanyId, String qPassword) {
            return new EwtRequest(first(serviceQueue, serviceQueueID, qServiceQueue, qServiceQueueId), null,
                    first(ewt, qEwt), first(company, companyID, qCompany, qCompanyId), null,
                    first(password, qPassword));
        }

        private static String first(String... values) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    return v.trim();
                }
            }
            return null;
        }
    }

    @POST
    @Path("/UpdateEWTRecord")
    @Operation(summary = "Set the EWT of a service queue, in minutes", description = "Returns true or false.")
    public Uni<Response> updateEwtRecord(String body, @QueryParam("serviceQueue") String qQueue,
            @QueryParam("serviceQueueID") String qQueueId, @QueryParam("ewt") String qEwt,
            @QueryParam("company") String qCompany, @QueryParam("companyID") String qCompanyId,
            @QueryParam("password") String qPassword) {
        EwtRequest r = read(body).withQuery(qQueue, qQueueId, qEwt, qCompany, qCompanyId, qPassword);
        Long queue = number(r.serviceQueue());
        Long minutes = number(r.ewt());
        if (queue == null || minutes == null || minutes < 0 || minutes > 24 * 60) {
            return Uni.createFrom().item(Response.ok(false).build());
        }
        return credentials.verify(r.company(), r.password())
                .flatMap(ok -> ok ? ewt.setManual(r.company(), queue, (int) (minutes * 60)).replaceWith(true)
                        : Uni.createFrom().item(false))
                .onFailure(UnknownServiceQueueException.class).recoverWithItem(false)
                .map(done -> Response.ok(done).build()).onFailure(DependencyFailures::isUnavailable)
                .recoverWithItem(() -> DependencyFailures.legacyUnavailable(false));
    }

    @POST
    @Path("/GetEWTByServiceID")
    @Operation(summary = "The EWT of a service queue in whole minutes, rounded up", description = "-1 when refused.")
    public Uni<Response> getEwtByServiceId(String body, @QueryParam("serviceQueue") String qQueue,
            @QueryParam("serviceQueueID") String qQueueId, @QueryParam("company") String qCompany,
            @QueryParam("companyID") String qCompanyId, @QueryParam("password") String qPassword) {
        EwtRequest r = read(body).withQuery(qQueue, qQueueId, null, qCompany, qCompanyId, qPassword);
        Long queue = number(r.serviceQueue());
        if (queue == null) {
            return Uni.createFrom().item(Response.ok(REFUSED).build());
        }
        return credentials
                .verify(r.company(),
                        r.password())
                .flatMap(ok -> ok ? ewt.current(r.company(), queue) : Uni.createFrom().<EwtService.Current> nullItem())
                .onFailure(UnknownServiceQueueException.class).recoverWithNull()
                .map(current -> Response
                        .ok(current == null ? REFUSED : (long) Math.ceil(current.estimate().seconds() / 60.0)).build())
                .onFailure(DependencyFailures::isUnavailable)
                .recoverWithItem(() -> DependencyFailures.legacyUnavailable(REFUSED));
    }

    /**
     * The body as JSON whatever its content type, as the sibling legacy methods of callback-service read theirs (old
     * clients send text/plain or form content types). What is not a readable request counts as an empty one, so the
     * method answers its own refusal (false, -1), never a problem document.
     */
    private EwtRequest read(String body) {
        if (body == null || body.isBlank()) {
            return EMPTY;
        }
        try {
            EwtRequest request = mapper.readValue(body, EwtRequest.class);
            return request == null ? EMPTY : request;
        } catch (JsonProcessingException e) {
            return EMPTY;
        }
    }

    private static Long number(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
