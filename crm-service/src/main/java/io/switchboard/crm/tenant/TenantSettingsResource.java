package io.switchboard.crm.tenant;

import java.time.DateTimeException;
import java.time.ZoneId;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.phone.PhoneNumbers;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;

/** The tenant's CRM settings: the region national numbers are read in and the zone of call-log times. */
@Path("/api/v1/crm/settings")
@Tag(name = "CRM administration")
@RolesAllowed(TenantSettingsResource.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class TenantSettingsResource {

    public static final String ADMIN = "switchboard.admin";

    private final TenantSettingsRepository settings;
    private final TenantContext tenant;

    public TenantSettingsResource(TenantSettingsRepository settings, TenantContext tenant) {
        this.settings = settings;
        this.tenant = tenant;
    }

    public record SettingsBody(String defaultRegion, String timeZone) {
    }

    @GET
    @Operation(summary = "The tenant's default phone region and time zone")
    public Uni<SettingsBody> get() {
        return settings.find(tenant.tenantId()).map(s -> new SettingsBody(s.defaultRegion(), s.timeZone()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the tenant's default phone region (ISO 3166, e.g. GB) and time zone (IANA)")
    public Uni<SettingsBody> put(SettingsBody body) {
        String tenantId = tenant.tenantId();
        if (body == null) {
            throw ProblemException.badRequest("A body with defaultRegion and timeZone is required.");
        }
        String region = PhoneNumbers.normaliseRegion(body.defaultRegion());
        if (region == null) {
            throw ProblemException.badRequest("defaultRegion must be an ISO 3166 region code such as GB.");
        }
        String zone;
        try {
            zone = ZoneId.of(body.timeZone() == null ? "" : body.timeZone().trim()).getId();
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("timeZone must be an IANA time zone such as Europe/London.");
        }
        return settings.save(new TenantSettings(tenantId, region, zone))
                .map(s -> new SettingsBody(s.defaultRegion(), s.timeZone()));
    }
}
