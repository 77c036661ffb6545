package io.switchboard.lead.agent;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The users read model (agents' names), kept from campaign-service's user events; older events never win. */
@ApplicationScoped
public class AgentRefRepository {

    private final Pool pool;

    public AgentRefRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> changed(String tenantId, long id, String name, OffsetDateTime at) {
        return pool.preparedQuery("INSERT INTO agent_ref (tenant_id, id, name, updated_at) VALUES ($1, $2, $3, $4)"
                + " ON CONFLICT (tenant_id, id) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at"
                + " WHERE NOT agent_ref.deleted AND agent_ref.updated_at <= EXCLUDED.updated_at")
                .execute(Tuple.of(tenantId, id, name, at)).replaceWithVoid();
    }

    public Uni<Void> deleted(String tenantId, long id, OffsetDateTime at) {
        return pool
                .preparedQuery("INSERT INTO agent_ref (tenant_id, id, name, deleted, updated_at)"
                        + " VALUES ($1, $2, '', true, $3) ON CONFLICT (tenant_id, id) DO UPDATE SET deleted = true,"
                        + " updated_at = GREATEST(agent_ref.updated_at, EXCLUDED.updated_at)")
                .execute(Tuple.of(tenantId, id, at)).replaceWithVoid();
    }
}
