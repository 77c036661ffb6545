package io.switchboard.crm.activity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.input.Input;
import io.switchboard.common.pagination.Cursor;
import io.switchboard.common.pagination.Page;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;
import io.switchboard.crm.tenant.TenantSettingsRepository;

/** Platform API v3.0: activity details and the activity list. */
@Path("/platform-api/v3.0/activities")
@Tag(name = "Platform API v3.0")
@RolesAllowed(ActivityResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
public class ActivityResource {

    public static final String SCOPE = "platform-api";

    private final ActivityRepository activities;
    private final TenantSettingsRepository settings;
    private final TenantContext tenant;

    public ActivityResource(ActivityRepository activities, TenantSettingsRepository settings, TenantContext tenant) {
        this.activities = activities;
        this.settings = settings;
        this.tenant = tenant;
    }

    /**
     * When the call started ({@code created}: what the list's createdTimestampFrom/To filter on), ended, and was
     * recorded here.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Timestamps(String created, String ended, String recorded) {
    }

    public record ActivityView(long activityId, String type, Map<String, Object> data, Timestamps timestamps) {

        static ActivityView of(Activity a, ZoneId zone) {
            return new ActivityView(a.id(), a.type(), a.data().getMap(),
                    new Timestamps(PlatformDates.format(a.startedAt(), zone), PlatformDates.format(a.endedAt(), zone),
                            PlatformDates.format(a.createdAt(), zone)));
        }
    }

    @GET
    @Path("/{activityId}")
    @Operation(summary = "Activity details")
    public Uni<ActivityView> details(@PathParam("activityId") String activityId) {
        String tenantId = tenant.tenantId();
        long id = id(activityId);
        return settings.find(tenantId).flatMap(s -> activities.find(tenantId, id).map(a -> {
            if (a == null) {
                throw ProblemException.notFound("No activity " + activityId + ".");
            }
            return ActivityView.of(a, s.zone());
        }));
    }

    @GET
    @Operation(summary = "List of activities", description = "Ordered by the call's start, then id. createdTimestampFrom"
            + " and createdTimestampTo bound the call's start (ISO 8601; a date or local time is read in the tenant's"
            + " zone); activityType is call.inbound, call.outbound, call.missed or call.callback.")
    public Uni<Page<ActivityView>> list(@QueryParam("cursor") String cursor, @QueryParam("campaignId") Long campaignId,
            @QueryParam("createdTimestampFrom") String from, @QueryParam("createdTimestampTo") String to,
            @QueryParam("activityType") String activityType, @QueryParam("limit") Integer limit) {
        String tenantId = tenant.tenantId();
        Input.check().text("activityType", activityType, Input.NAME).text("createdTimestampFrom", from, Input.NAME)
                .text("createdTimestampTo", to, Input.NAME).done();
        int size = Cursor.limit(limit, 50, 200);
        String after = Cursor.decode(cursor);
        OffsetDateTime afterStarted = null;
        Long afterId = null;
        if (after != null) {
            String[] parts = after.split("/");
            try {
                afterStarted = Instant.ofEpochSecond(0, 0).atOffset(ZoneOffset.UTC)
                        .plusNanos(Long.parseLong(parts[0]) * 1000);
                afterId = Long.parseLong(parts[1]);
            } catch (RuntimeException e) {
                throw ProblemException.badRequest("The cursor is not one this API issued.");
            }
        }
        OffsetDateTime afterStartedAt = afterStarted;
        Long afterActivity = afterId;
        String type = activityType == null || activityType.isBlank() ? null : activityType.trim();
        return settings.find(tenantId).flatMap(s -> {
            ActivityRepository.Filter filter = new ActivityRepository.Filter(campaignId,
                    PlatformDates.parse("createdTimestampFrom", from, s.zone(), false),
                    PlatformDates.parse("createdTimestampTo", to, s.zone(), true), type);
            return activities.list(tenantId, filter, afterStartedAt, afterActivity, size + 1)
                    .map(list -> Page.of(list, size, ActivityResource::key)).map(page -> new Page<>(page.metadata(),
                            page.items().stream().map(a -> ActivityView.of(a, s.zone())).toList()));
        });
    }

    private static String key(Activity a) {
        Instant started = a.startedAt().toInstant();
        return (started.getEpochSecond() * 1_000_000 + started.getNano() / 1000) + "/" + a.id();
    }

    private static long id(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("No activity " + raw + ".");
        }
    }
}
