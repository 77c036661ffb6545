package io.switchboard.campaign.user;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.agent.AgentEvents;
import io.switchboard.common.outbox.Outbox;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Changes users and announces every change on {@code switchboard.agent-events} in the same transaction, keyed by tenant
 * and user like the presence events, so that read models elsewhere (lead-service's agent names) never miss or invent
 * one.
 */
@ApplicationScoped
public class UserService {

    private final UserRepository users;
    private final Outbox outbox;

    public UserService(UserRepository users, Outbox outbox) {
        this.users = users;
        this.outbox = outbox;
    }

    /** @return the new user, or null when the id is taken */
    public Uni<User> create(String tenantId, Long id, String name, String email, String userType, boolean active,
            Long campaignId) {
        return outbox.inTransaction(tx -> users.insert(tx, tenantId, id, name, email, userType, active, campaignId)
                .call(created -> created == null ? Uni.createFrom().nullItem() : announce(tx, created)));
    }

    /** @return the updated user, or null when there is none with that id */
    public Uni<User> update(String tenantId, long id, String name, String email, String userType, boolean active,
            Long campaignId) {
        return outbox.inTransaction(tx -> users.update(tx, tenantId, id, name, email, userType, active, campaignId)
                .call(updated -> updated == null ? Uni.createFrom().nullItem() : announce(tx, updated)));
    }

    /** @return whether there was such a user */
    public Uni<Boolean> delete(String tenantId, long id) {
        return outbox.inTransaction(tx -> users.delete(tx, tenantId, id)
                .call(deleted -> !deleted ? Uni.createFrom().nullItem()
                        : outbox.append(tx, AgentEvents.USER_DELETED, tenantId + ":" + id, Long.toString(id), tenantId,
                                new AgentEvents.UserDeleted(id, OffsetDateTime.now()))));
    }

    private Uni<?> announce(SqlClient tx, User u) {
        String subject = Long.toString(u.id());
        return outbox.append(tx, AgentEvents.USER_CHANGED, u.tenantId() + ":" + subject, subject, u.tenantId(),
                new AgentEvents.UserChanged(u.id(), u.name(), u.userType(), u.active(), u.campaignId(), u.createdAt(),
                        u.updatedAt()));
    }
}
