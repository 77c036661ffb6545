package io.switchboard.callback.queue;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.queue.ServiceQueueEvents;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.common.problem.ProblemException;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Creates, replaces and deletes service queues. callback-service owns them: each change, its audit record and its
 * {@link ServiceQueueEvents} announcement (key {@code tenant:queueId}, subject the queue id) are one transaction, and
 * the queue cache forgets the queue once it has committed.
 */
@ApplicationScoped
public class ServiceQueueAdminService {

    private final Outbox outbox;
    private final ServiceQueueRepository store;
    private final ServiceQueueCache cache;

    public ServiceQueueAdminService(Outbox outbox, ServiceQueueRepository store, ServiceQueueCache cache) {
        this.outbox = outbox;
        this.store = store;
        this.cache = cache;
    }

    public Uni<ServiceQueue> create(String tenantId, String actor, ServiceQueue definition) {
        ServiceQueue queue = definition.withDefaults().withTimes(null, null);
        ServiceQueueValidator.validate(queue);
        return outbox
                .inTransaction(connection -> store.findForUpdate(connection, tenantId, queue.id()).flatMap(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(ProblemException
                                .conflict("Service queue " + queue.id() + " already exists; PUT replaces it."));
                    }
                    return store.insert(connection, tenantId, queue)
                            .flatMap(inserted -> store.findForUpdate(connection, tenantId, queue.id()))
                            .call(after -> store.audit(connection, tenantId, queue.id(), "CREATED", actor, null, after))
                            .call(after -> changed(connection, tenantId, after));
                })).invoke(() -> cache.invalidate(tenantId, queue.id()));
    }

    public Uni<ServiceQueue> replace(String tenantId, String actor, long id, ServiceQueue definition) {
        if (definition.id() != null && definition.id() != id) {
            return Uni.createFrom().failure(ProblemException
                    .badRequest("The body's id " + definition.id() + " differs from the path's " + id + "."));
        }
        ServiceQueue queue = definition.withId(id).withDefaults().withTimes(null, null);
        ServiceQueueValidator.validate(queue);
        return outbox
                .inTransaction(connection -> store.findForUpdate(connection, tenantId, id).onItem().ifNull()
                        .failWith(() -> notFound(id))
                        .flatMap(before -> store.update(connection, tenantId, queue)
                                .flatMap(updated -> store.findForUpdate(connection, tenantId, id))
                                .call(after -> store.audit(connection, tenantId, id, "UPDATED", actor, before, after))
                                .call(after -> changed(connection, tenantId, after))))
                .invoke(() -> cache.invalidate(tenantId, id));
    }

    public Uni<Void> delete(String tenantId, String actor, long id) {
        return outbox.inTransaction(connection -> store.findForUpdate(connection, tenantId, id).onItem().ifNull()
                .failWith(() -> notFound(id))
                .flatMap(before -> store.hasCallbacks(connection, tenantId, id).flatMap(hasCallbacks -> {
                    if (hasCallbacks) {
                        return Uni.createFrom().failure(ProblemException.conflict("Service queue " + id
                                + " has callbacks and cannot be deleted; close it instead (empty openingHours)."));
                    }
                    return store.delete(connection, tenantId, id)
                            .flatMap(deleted -> store.audit(connection, tenantId, id, "DELETED", actor, before, null))
                            .flatMap(audited -> outbox.append(connection, ServiceQueueEvents.DELETED, key(tenantId, id),
                                    Long.toString(id), tenantId,
                                    new ServiceQueueEvents.ServiceQueueDeleted(id, OffsetDateTime.now())))
                            .replaceWithVoid();
                }))).invoke(() -> cache.invalidate(tenantId, id));
    }

    public Uni<ServiceQueue> get(String tenantId, long id) {
        return store.find(tenantId, id).onItem().ifNull().failWith(() -> notFound(id));
    }

    public Uni<List<ServiceQueue>> list(String tenantId) {
        return store.list(tenantId);
    }

    public Uni<List<ServiceQueueRepository.AuditEntry>> auditTrail(String tenantId, long id) {
        // The trail outlives the queue: a deleted queue's history stays readable.
        return store.auditTrail(tenantId, id);
    }

    private Uni<Void> changed(SqlConnection connection, String tenantId, ServiceQueue after) {
        return outbox
                .append(connection, ServiceQueueEvents.CHANGED, key(tenantId, after.id()), Long.toString(after.id()),
                        tenantId,
                        new ServiceQueueEvents.ServiceQueueChanged(after.id(), after.name(), after.timeZone(),
                                after.createdAt(), after.updatedAt()))
                // Marked as announced, so ServiceQueueAnnouncer leaves it alone.
                .flatMap(event -> connection
                        .preparedQuery(
                                "UPDATE service_queue SET announced_at = updated_at WHERE tenant_id = $1 AND id = $2")
                        .execute(Tuple.of(tenantId, after.id())))
                .replaceWithVoid();
    }

    /** The Kafka key of a queue's events: one queue's changes stay in order. */
    public static String key(String tenantId, long id) {
        return tenantId + ":" + id;
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("No service queue " + id + ".");
    }
}
