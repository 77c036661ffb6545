package io.switchboard.campaign.platform;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;
import io.switchboard.campaign.campaign.Campaign;
import io.switchboard.campaign.campaign.CampaignRepository;
import io.switchboard.campaign.campaign.CampaignResource;
import io.switchboard.campaign.ewt.EwtService;
import io.switchboard.campaign.list.CampaignLeadListRepository;
import io.switchboard.campaign.queue.PeriodStatistics;
import io.switchboard.campaign.queue.PeriodStatistics.Period;
import io.switchboard.campaign.user.UserRepository;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.tenancy.TenantContext;
import io.vertx.mutiny.sqlclient.Pool;

/** Platform API v3.0: campaign details and live campaign statistics. */
@Path("/platform-api/v3.0/campaigns/{campaignId}")
@Tag(name = "Platform API v3.0")
@RolesAllowed(PlatformCampaignResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
public class PlatformCampaignResource {

    public static final String SCOPE = "platform-api";

    private final CampaignRepository campaigns;
    private final UserRepository users;
    private final PeriodStatistics statistics;
    private final EwtService ewt;
    private final Pool pool;
    private final TenantContext tenant;
    private final CampaignLeadListRepository lists;

    public PlatformCampaignResource(CampaignRepository campaigns, UserRepository users, PeriodStatistics statistics,
            EwtService ewt, Pool pool, TenantContext tenant, CampaignLeadListRepository lists) {
        this.lists = lists;
        this.campaigns = campaigns;
        this.users = users;
        this.statistics = statistics;
        this.ewt = ewt;
        this.pool = pool;
        this.tenant = tenant;
    }

    /** Agents assigned to the campaign (active accounts) and how many of them are available now. */
    public record Agents(int total, int available) {
    }

    /** One of the campaign's lead lists (owned by lead-service: {@code GET /platform-api/v3.0/lists/{listId}}). */
    public record CampaignList(long listId, String listName, boolean inDialler, int weight) {
    }

    public record CampaignDetails(long campaignId, String campaignName, Agents agents,
            @JsonProperty("isActive") boolean isActive, String createdDate, String lastUpdated,
            List<CampaignList> lists, String timestamp, String timezone) {
    }

    public record CampaignStatistics(long campaignId, String campaignName, long maxCallWaitingTime,
            long averageWaitingTime, long estimatedCallWaitingTime, Agents agents, int callsWaiting, int callsReceived,
            int callsAbandonedInWorkflow, int callsAbandonedInQueue, String timestamp, String timezone) {
    }

    @GET
    @Operation(summary = "Campaign details", description = "lists: the campaign's lead lists, as lead-service"
            + " announced them (details at GET /platform-api/v3.0/lists/{listId}).")
    public Uni<CampaignDetails> details(@PathParam("campaignId") long campaignId) {
        String tenantId = tenant.tenantId();
        return find(tenantId, campaignId).flatMap(c -> users.agentCounts(tenantId, campaignId)
                .flatMap(counts -> lists.ofCampaign(tenantId, campaignId).map(leadLists -> {
                    OffsetDateTime now = OffsetDateTime.now();
                    return new CampaignDetails(c.id(), c.name(), new Agents(counts[0], counts[1]), c.active(),
                            PlatformDates.format(c.createdAt(), c.zone()),
                            PlatformDates.format(c.updatedAt(), c.zone()),
                            leadLists.stream()
                                    .map(l -> new CampaignList(l.listId(), l.name(), l.inDialler(), l.weight()))
                                    .toList(),
                            PlatformDates.format(now, c.zone()), c.timeZone());
                })));
    }

    @GET
    @Path("/statistics")
    @Operation(summary = "Campaign statistics", description = "period hour (default) or day: the current hour or day in"
            + " the campaign's time zone. Waiting times in seconds.")
    public Uni<CampaignStatistics> statistics(@PathParam("campaignId") long campaignId,
            @QueryParam("period") String period) {
        Period p = period(period);
        String tenantId = tenant.tenantId();
        OffsetDateTime now = OffsetDateTime.now();
        return find(tenantId, campaignId).flatMap(c -> users.agentCounts(tenantId, campaignId)
                .flatMap(counts -> statistics.find(pool, tenantId, campaignId, p, p.startOf(now, c.zone()))
                        .flatMap(stats -> ewt.current(pool, tenantId, campaignId, now).map(current -> {
                            long average = stats.waitsCounted() == 0 ? 0
                                    : Math.round(stats.waitSecondsTotal() / stats.waitsCounted());
                            return new CampaignStatistics(c.id(), c.name(), Math.round(stats.maxWaitSeconds()), average,
                                    Math.round(current.estimate().seconds()), new Agents(counts[0], counts[1]),
                                    current.callsWaiting(), stats.callsReceived(), stats.callsAbandonedInWorkflow(),
                                    stats.callsAbandonedInQueue(), PlatformDates.format(now, c.zone()), c.timeZone());
                        }))));
    }

    private Uni<Campaign> find(String tenantId, long campaignId) {
        return campaigns.find(tenantId, campaignId).onItem().ifNull()
                .failWith(() -> CampaignResource.notFound(campaignId));
    }

    private static Period period(String raw) {
        if (raw == null || raw.isBlank() || raw.equalsIgnoreCase("hour")) {
            return Period.HOUR;
        }
        if (raw.equalsIgnoreCase("day")) {
            return Period.DAY;
        }
        throw ProblemException.badRequest("period must be hour or day.");
    }
}
