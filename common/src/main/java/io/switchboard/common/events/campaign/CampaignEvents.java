package io.switchboard.common.events.campaign;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.common.events.EventType;
import io.switchboard.common.events.Topics;

/**
 * Campaigns, owned by campaign-service and published on {@code switchboard.campaign-events}, keyed
 * {@code tenant:campaignId} so one campaign's changes stay in order; the subject is the campaign id. Other services
 * (lead-service) keep a read model of campaign names, time zones and existence from these events.
 */
@RegisterForReflection
public final class CampaignEvents {

    /** A campaign was created or changed: its whole state after the change. */
    public static final EventType<CampaignChanged> CHANGED = EventType.of(Topics.CAMPAIGN_EVENTS,
            "switchboard.campaign.changed", CampaignChanged.class);
    /** A campaign was deleted. */
    public static final EventType<CampaignDeleted> DELETED = EventType.of(Topics.CAMPAIGN_EVENTS,
            "switchboard.campaign.deleted", CampaignDeleted.class);

    private CampaignEvents() {
    }

    /**
     * @param direction
     *            {@code INBOUND} or {@code OUTBOUND}
     * @param timeZone
     *            IANA time zone of the campaign (opening hours, calling windows, statistics periods)
     */
    public record CampaignChanged(long campaignId, String name, String direction, boolean active, String timeZone,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record CampaignDeleted(long campaignId, OffsetDateTime deletedAt) {
    }
}
