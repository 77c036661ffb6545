package io.switchboard.lead.lead;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.problem.Problem.FieldError;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.problem.ProblemExceptionMappers;
import io.switchboard.common.tenancy.TenantContext;
import io.switchboard.lead.LeadException;
import io.switchboard.lead.Scopes;

/**
 * The Buzzeasy unified Campaign API: a web page or CRM hands over a contact for a campaign, which becomes a lead in the
 * campaign's default list. A token without the {@code buzzeasy.callback} scope is a 401, as the API documents.
 */
@Path("/api/v1/campaign-contacts")
@Tag(name = "Campaign contacts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CampaignContactResource {

    static final String INVALID = "Parameters passed across are invalid.";
    static final String INVALID_PHONE = "The phone number passed across is invalid and cannot be formatted.";

    private final LeadService leads;
    private final TenantContext tenant;
    private final ObjectMapper mapper;

    public CampaignContactResource(LeadService leads, TenantContext tenant, ObjectMapper mapper) {
        this.leads = leads;
        this.tenant = tenant;
        this.mapper = mapper;
    }

    /** The seed's parameters; names are matched case-insensitively and numbers may come as strings. */
    public record Contact(String firstName, String secondName, String phoneNo, String campaignId, String region,
            String field1, String field2, String field3, String field4, String field5, String field6, String field7,
            String field8, String field9, String field10) {

        List<String> fields() {
            return java.util.Arrays.asList(field1, field2, field3, field4, field5, field6, field7, field8, field9,
                    field10);
        }
    }

    public record Created(long leadId) {
    }

    @POST
    @Operation(summary = "Add a campaign contact", description = "201 with the new lead's id; 200 with the existing"
            + " lead's id when the campaign already has a lead with this number. firstName, secondName and"
            + " field1..field10 become the lead's dataFields.")
    public Uni<Response> add(Contact contact) {
        tenant.requireScopeOrUnauthorized(Scopes.CONTACTS);
        String tenantId = tenant.tenantId();
        List<FieldError> errors = new ArrayList<>();
        if (contact == null) {
            throw LeadException.invalid("campaignId", "campaignId is required.");
        }
        Long campaignId = null;
        if (contact.campaignId() == null || contact.campaignId().isBlank()) {
            errors.add(new FieldError("campaignId", "campaignId is required."));
        } else {
            try {
                campaignId = Long.parseLong(contact.campaignId().trim());
            } catch (NumberFormatException e) {
                errors.add(new FieldError("campaignId", "campaignId must be an integer."));
            }
        }
        if (contact.phoneNo() == null || contact.phoneNo().isBlank()) {
            errors.add(new FieldError("phoneNo", "phoneNo is required."));
        }
        if (!errors.isEmpty()) {
            throw LeadException.invalid(errors);
        }
        ObjectNode data = mapper.createObjectNode();
        putIfPresent(data, "firstName", contact.firstName());
        putIfPresent(data, "secondName", contact.secondName());
        List<String> fields = contact.fields();
        for (int i = 0; i < fields.size(); i++) {
            putIfPresent(data, "field" + (i + 1), fields.get(i));
        }
        LeadFields lead = new LeadFields(null, null, null, contact.phoneNo(), null, null, null, data, null, null);
        return leads.contact(tenantId, campaignId, contact.region(), lead).map(created -> {
            URI location = URI.create("/platform-api/v3.0/leads/" + created.leadId());
            return (created.created() ? Response.created(location) : Response.ok().location(location))
                    .entity(new Created(created.leadId())).build();
        });
    }

    /** The seed's two 400 answers, as problem JSON naming the refused fields. */
    @ServerExceptionMapper
    public Response refused(LeadException e, UriInfo uri) {
        if (e.kind() != LeadException.Kind.INVALID) {
            return ProblemExceptionMappers
                    .respond(io.switchboard.lead.LeadExceptionMapper.toProblem(e).toProblem(uri.getPath()));
        }
        List<FieldError> errors = e.errors().stream()
                .map(f -> f.field() != null && f.field().matches("phone[1-3]")
                        ? new FieldError("phoneNo", INVALID_PHONE)
                        : f)
                .toList();
        boolean phone = e.concernsPhone();
        return ProblemExceptionMappers
                .respond(new ProblemException(400, phone ? "invalid-phone-number" : "invalid-parameters", "Bad Request",
                        phone ? INVALID_PHONE : INVALID, errors).toProblem(uri.getPath()));
    }

    private static void putIfPresent(ObjectNode data, String name, String value) {
        if (value != null && !value.isBlank()) {
            data.put(name, value);
        }
    }
}
