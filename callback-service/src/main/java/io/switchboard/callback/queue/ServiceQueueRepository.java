package io.switchboard.callback.queue;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ServiceQueueRepository implements PanacheRepositoryBase<ServiceQueue, ServiceQueue.Key> {

    public Uni<ServiceQueue> findForTenant(String tenantId, long id) {
        return findById(new ServiceQueue.Key(tenantId, id));
    }
}
