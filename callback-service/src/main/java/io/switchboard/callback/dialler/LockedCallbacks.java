package io.switchboard.callback.dialler;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.callback.Callback;

/**
 * Locks callbacks with a native {@code SELECT id ... FOR UPDATE SKIP LOCKED} in the current transaction, then loads
 * them as entities: rows another transaction holds are skipped, not waited for nor taken twice.
 */
final class LockedCallbacks {

    private LockedCallbacks() {
    }

    /**
     * @param lockingSql
     *            selects the {@code id} column and ends with {@code FOR UPDATE SKIP LOCKED}
     *
     * @return the locked callbacks in due order
     */
    static Uni<List<Callback>> lock(String lockingSql, Map<String, Object> parameters) {
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(lockingSql, UUID.class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        }).flatMap(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Callback> of())
                : Callback.<Callback> list("id in ?1 order by dueAt, createdAt", ids));
    }
}
