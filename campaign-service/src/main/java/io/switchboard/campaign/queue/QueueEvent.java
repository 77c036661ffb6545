package io.switchboard.campaign.queue;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A queue event, as posted to {@code /api/v1/queue-events} and as the data of a {@code switchboard.queue-events}
 * record.
 *
 * @param eventId
 *            unique per tenant; an event seen twice is applied once; at most 200 characters
 * @param campaignId
 *            the campaign, whose id is also the legacy serviceQueue; optional on agent events (the agent's current
 *            campaign is kept)
 * @param callId
 *            the dialler's call id, required on call events; at most 200 characters
 * @param agentId
 *            required on agent events
 * @param occurredAt
 *            when it happened; now when absent; refused (400) when further in the past than
 *            {@code switchboard.campaign.queue-events.max-age} (7 days) or ahead of now than {@code max-ahead} (1 hour)
 */
@RegisterForReflection
public record QueueEvent(String eventId, QueueEventType type, Long campaignId, String callId, Long agentId,
        OffsetDateTime occurredAt) {
}
