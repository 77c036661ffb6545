package io.switchboard.common.events.agent;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.common.events.EventType;
import io.switchboard.common.events.Topics;

/**
 * Agents and other users, and agent presence, published by campaign-service on {@code switchboard.agent-events}, keyed
 * {@code tenant:userId} so one user's changes stay in order; the subject is the user id. lead-service keeps the names
 * of users from {@link #USER_CHANGED} and {@link #USER_DELETED} (a lead's {@code agentFullName}).
 */
@RegisterForReflection
public final class AgentEvents {

    /** An agent's availability or campaign changed. */
    public static final EventType<PresenceChanged> PRESENCE_CHANGED = EventType.of(Topics.AGENT_EVENTS,
            "switchboard.agent.presence-changed", PresenceChanged.class);

    /** A user (agent or supervisor) was created or changed: its state after the change. */
    public static final EventType<UserChanged> USER_CHANGED = EventType.of(Topics.AGENT_EVENTS,
            "switchboard.agent.user-changed", UserChanged.class);
    /** A user was deleted. */
    public static final EventType<UserDeleted> USER_DELETED = EventType.of(Topics.AGENT_EVENTS,
            "switchboard.agent.user-deleted", UserDeleted.class);

    private AgentEvents() {
    }

    /** The agent's presence after the change. */
    public record PresenceChanged(long agentId, Long campaignId, boolean available, OffsetDateTime occurredAt) {
    }

    /**
     * @param name
     *            the user's full name
     * @param userType
     *            {@code agent} or {@code supervisor}
     * @param active
     *            whether the account is active
     * @param campaignId
     *            the campaign an agent serves; null when none
     */
    public record UserChanged(long userId, String name, String userType, boolean active, Long campaignId,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    public record UserDeleted(long userId, OffsetDateTime deletedAt) {
    }
}
