package io.switchboard.crm.calllog;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class CallLogRepository {

    public Uni<Void> insert(SqlClient tx, CallLog c, long activityId) {
        return tx.preparedQuery("INSERT INTO call_log (id, tenant_id, activity_id, call_type, call_direction,"
                + " phone_number, name, entity_id, entity_type, agent_first_name, agent_last_name, agent_email,"
                + " duration_seconds, duration_timespan_seconds, started_at, ended_at) VALUES ($1, $2, $3, $4, $5, $6,"
                + " $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)")
                .execute(Tuple.from(Arrays.asList(c.id(), c.tenantId(), activityId, c.callType().name(),
                        c.direction().name(), c.phoneNumber(), c.name(), c.entityId(), c.entityType(),
                        c.agentFirstName(), c.agentLastName(), c.agentEmail(), c.durationSeconds(),
                        c.durationTimespanSeconds(), c.startedAt(), c.endedAt())))
                .replaceWithVoid();
    }

    /**
     * Deletes the tenant's call logs with any of these numbers, or logged against any of these records.
     *
     * @return the ids of the activities of the deleted logs
     */
    public Uni<List<Long>> erase(SqlClient tx, String tenantId, List<String> phones, List<UUID> contactIds) {
        return tx
                .preparedQuery("DELETE FROM call_log WHERE tenant_id = $1 AND (phone_number = ANY($2)"
                        + " OR entity_id = ANY($3)) RETURNING activity_id")
                .execute(Tuple.of(tenantId, phones.toArray(String[]::new),
                        contactIds.stream().map(UUID::toString).toArray(String[]::new)))
                .map(rows -> {
                    List<Long> ids = new java.util.ArrayList<>();
                    rows.forEach(r -> ids.add(r.getLong(0)));
                    return ids;
                });
    }
}
