package io.switchboard.callback.queue;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.problem.ProblemException;
import io.vertx.mutiny.sqlclient.Pool;

/** Creates, replaces and deletes service queues; each change and its audit record are one transaction. */
@ApplicationScoped
public class ServiceQueueAdminService {

    private final Pool pool;
    private final ServiceQueueStore store;

    public ServiceQueueAdminService(Pool pool, ServiceQueueStore store) {
        this.pool = pool;
        this.store = store;
    }

    public Uni<ServiceQueueDefinition> create(String tenantId, String actor, ServiceQueueDefinition definition) {
        ServiceQueueDefinition queue = definition.withDefaults().withTimes(null, null);
        ServiceQueueValidator.validate(queue);
        return pool.withTransaction(
                connection -> store.findForUpdate(connection, tenantId, queue.id()).flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(ProblemException
                                .conflict("Service queue " + queue.id() + " already exists; PUT replaces it."));
                    }
                    return store.insert(connection, tenantId, queue)
                            .flatMap(inserted -> store.findForUpdate(connection, tenantId, queue.id()))
                            .call(after -> store.audit(connection, tenantId, queue.id(), "CREATED", actor, null,
                                    after));
                }));
    }

    public Uni<ServiceQueueDefinition> replace(String tenantId, String actor, long id,
            ServiceQueueDefinition definition) {
        if (definition.id() != null && definition.id() != id) {
            return Uni.createFrom().failure(ProblemException
                    .badRequest("The body's id " + definition.id() + " differs from the path's " + id + "."));
        }
        ServiceQueueDefinition queue = definition.withId(id).withDefaults().withTimes(null, null);
        ServiceQueueValidator.validate(queue);
        return pool.withTransaction(connection -> store.findForUpdate(connection, tenantId, id).onItem().ifNull()
                .failWith(() -> notFound(id))
                .flatMap(before -> store.update(connection, tenantId, queue)
                        .flatMap(updated -> store.findForUpdate(connection, tenantId, id))
                        .call(after -> store.audit(connection, tenantId, id, "UPDATED", actor, before, after))));
    }

    public Uni<Void> delete(String tenantId, String actor, long id) {
        return pool.withTransaction(connection -> store.findForUpdate(connection, tenantId, id).onItem().ifNull()
                .failWith(() -> notFound(id))
                .flatMap(before -> store.hasCallbacks(connection, tenantId, id).flatMap(hasCallbacks -> {
                    if (hasCallbacks) {
                        return Uni.createFrom().failure(ProblemException.conflict("Service queue " + id
                                + " has callbacks and cannot be deleted; close it instead (empty openingHours)."));
                    }
                    return store.delete(connection, tenantId, id)
                            .flatMap(deleted -> store.audit(connection, tenantId, id, "DELETED", actor, before, null));
                })));
    }

    public Uni<ServiceQueueDefinition> get(String tenantId, long id) {
        return store.find(tenantId, id).onItem().ifNull().failWith(() -> notFound(id));
    }

    public Uni<List<ServiceQueueDefinition>> list(String tenantId) {
        return store.list(tenantId);
    }

    public Uni<List<ServiceQueueStore.AuditEntry>> auditTrail(String tenantId, long id) {
        // The trail outlives the queue: a deleted queue's history stays readable.
        return store.auditTrail(tenantId, id);
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("No service queue " + id + ".");
    }
}
