package io.switchboard.lead.dialler;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.input.Input;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;
import io.switchboard.lead.LeadConfig;
import io.switchboard.lead.Scopes;
import io.switchboard.lead.lead.Lead;
import io.switchboard.lead.lead.LeadView;

/**
 * Diallers take a campaign's next leads with a lease; any number of diallers and replicas may claim at once. Same
 * request ranges and answer shape as callback-service's claims of due callbacks.
 */
@Path("/api/v1/dialler/campaigns")
@Tag(name = "Dialler")
@RolesAllowed(Scopes.DIALLER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClaimResource {

    private final ClaimService claims;
    private final LeadConfig.Claims config;
    private final TenantContext tenant;
    private final JsonWebToken token;
    private final ObjectMapper mapper;

    public ClaimResource(ClaimService claims, LeadConfig config, TenantContext tenant, JsonWebToken token,
            ObjectMapper mapper) {
        this.claims = claims;
        this.config = config.claims();
        this.tenant = tenant;
        this.token = token;
        this.mapper = mapper;
    }

    /**
     * @param max
     *            how many leads at most (default 1)
     * @param leaseSeconds
     *            how long the dialler holds them before they can be claimed again (default from config)
     * @param diallerId
     *            who claims, for operators (default: the token's subject)
     */
    public record ClaimRequest(Integer max, Integer leaseSeconds, String diallerId) {
    }

    /**
     * What a dialler needs to place the call, and the lease it reports the attempt with.
     *
     * @param phones
     *            the numbers it may dial (those on the do-not-call list are left out), with the index an attempt names
     * @param attempt
     *            which attempt this will be (1 for a fresh lead)
     */
    public record ClaimedLead(long leadId, long campaignId, long listId, String customerKey,
            List<LeadView.Phone> phones, String timezone, JsonNode dataFields, Integer lastStatusCode,
            String lastStatusDescription, int attempt, OffsetDateTime nextAttemptAt, UUID leaseId, String leaseHolder,
            OffsetDateTime leaseExpiresAt) {
    }

    public record Claimed(List<ClaimedLead> items) {
    }

    @POST
    @Path("/{campaignId}/claims")
    @Operation(summary = "Claim leads to dial", description = "Leases up to max of the campaign's due leads, inside"
            + " the calling window in each lead's time zone, never a do-not-call number. Two claims never get the same"
            + " lead; an expired lease makes it claimable again.")
    public Uni<Claimed> claim(@PathParam("campaignId") long campaignId, ClaimRequest request) {
        String tenantId = tenant.tenantId();
        int max = request == null || request.max() == null ? 1 : request.max();
        int lease = request == null || request.leaseSeconds() == null ? config.defaultLeaseSeconds()
                : request.leaseSeconds();
        if (max < 1 || max > config.maxClaim()) {
            throw ProblemException.badRequest("max must be between 1 and " + config.maxClaim() + ", not " + max + ".");
        }
        if (lease < 1 || lease > config.maxLeaseSeconds()) {
            throw ProblemException.badRequest(
                    "leaseSeconds must be between 1 and " + config.maxLeaseSeconds() + ", not " + lease + ".");
        }
        Input.check().text("diallerId", request == null ? null : request.diallerId(), Input.ID).done();
        String holder = request != null && request.diallerId() != null && !request.diallerId().isBlank()
                ? request.diallerId().trim()
                : token.getSubject();
        return claims.claim(tenantId, campaignId, max, lease, holder)
                .map(list -> new Claimed(list.stream().map(this::view).toList()));
    }

    private ClaimedLead view(ClaimService.Claimed c) {
        Lead l = c.lead();
        List<LeadView.Phone> phones = new ArrayList<>(3);
        for (int i = 1; i <= 3; i++) {
            String phone = l.phone(i);
            if (phone != null && !c.blockedPhones().contains(phone)) {
                phones.add(new LeadView.Phone(i, phone));
            }
        }
        JsonNode data;
        try {
            data = mapper.readTree(l.leadData() == null ? "{}" : l.leadData());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored lead's data is not JSON", e);
        }
        return new ClaimedLead(l.id(), l.campaignId(), l.listId(), l.customerKey(), phones, l.displayZone(), data,
                l.statusCode(), l.statusDescription(), l.attempts() + 1, l.nextAttemptAt(), l.leaseId(),
                l.leaseHolder(), l.leaseExpiresAt());
    }
}
