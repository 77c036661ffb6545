package io.switchboard.common.events.agent;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.common.events.EventType;
import io.switchboard.common.events.Topics;

/**
 * Agent presence, published by campaign-service on {@code switchboard.agent-events}, keyed {@code tenant:agentId} so
 * one agent's changes stay in order; the subject is the agent id.
 */
@RegisterForReflection
public final class AgentEvents {

    /** An agent's availability or campaign changed. */
    public static final EventType<PresenceChanged> PRESENCE_CHANGED = EventType.of(Topics.AGENT_EVENTS,
            "switchboard.agent.presence-changed", PresenceChanged.class);

    private AgentEvents() {
    }

    /** The agent's presence after the change. */
    public record PresenceChanged(long agentId, Long campaignId, boolean available, OffsetDateTime occurredAt) {
    }
}
