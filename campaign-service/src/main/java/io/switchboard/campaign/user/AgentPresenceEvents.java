package io.switchboard.campaign.user;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.agent.AgentEvents;
import io.switchboard.common.outbox.Outbox;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Announces changes of an agent's presence on {@code switchboard.agent-events} through the outbox, in the transaction
 * that changed it, keyed by tenant and agent so that one agent's changes stay in order. Consumers (wallboards,
 * workforce management, diallers pacing outbound calls) learn who is available where without polling.
 */
@ApplicationScoped
public class AgentPresenceEvents {

    private final Outbox outbox;

    public AgentPresenceEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> append(SqlClient tx, User agent, OffsetDateTime at) {
        String subject = Long.toString(agent.id());
        return outbox
                .append(tx, AgentEvents.PRESENCE_CHANGED, agent.tenantId() + ":" + subject, subject, agent.tenantId(),
                        new AgentEvents.PresenceChanged(agent.id(), agent.campaignId(), agent.available(), at))
                .replaceWithVoid();
    }
}
