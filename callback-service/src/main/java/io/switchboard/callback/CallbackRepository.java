package io.switchboard.callback;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Callbacks, always looked up within the caller's tenant. */
@ApplicationScoped
public class CallbackRepository implements PanacheRepositoryBase<Callback, UUID> {

    public Uni<Callback> findByConfirmationCode(String tenantId, String confirmationCode) {
        return find("tenantId = ?1 and confirmationCode = ?2", tenantId, confirmationCode).firstResult();
    }
}
