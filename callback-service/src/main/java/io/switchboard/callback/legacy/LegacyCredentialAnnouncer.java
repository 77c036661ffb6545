package io.switchboard.callback.legacy;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.legacy.LegacyCredentialEvents;
import io.switchboard.common.outbox.Outbox;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Announces every legacy credential that was set or changed, however it was written (the admin API, the demo seed, an
 * operator's SQL), as {@link LegacyCredentialEvents#CHANGED} with only its PBKDF2 hash: a row whose
 * {@code announced_hash} differs from its {@code password_hash} is announced and marked in one transaction. Runs at
 * start-up and then every few seconds; {@code SKIP LOCKED} keeps replicas from announcing a row twice at once.
 */
@ApplicationScoped
public class LegacyCredentialAnnouncer {

    private final Outbox outbox;

    public LegacyCredentialAnnouncer(Outbox outbox) {
        this.outbox = outbox;
    }

    @Scheduled(every = "${switchboard.legacy.credential-announcement-interval:5s}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> announceChanged() {
        return announce().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            Log.debugf("Legacy credential announcement failed, retrying on the next run: %s", failure.toString());
            return null;
        });
    }

    /** Announces the credentials changed since the last run; returns how many. */
    Uni<Integer> announce() {
        return outbox.inTransaction(tx -> tx
                .preparedQuery("SELECT tenant_id, password_hash FROM legacy_credential"
                        + " WHERE announced_hash IS DISTINCT FROM password_hash LIMIT 100 FOR UPDATE SKIP LOCKED")
                .execute()
                .flatMap(rows -> Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate((Row row) -> {
                    String company = row.getString("tenant_id");
                    String hash = row.getString("password_hash");
                    return outbox
                            .append(tx, LegacyCredentialEvents.CHANGED, company, company, company,
                                    new LegacyCredentialEvents.CredentialChanged(company, hash, OffsetDateTime.now()))
                            .flatMap(event -> tx
                                    .preparedQuery("UPDATE legacy_credential SET announced_hash = password_hash"
                                            + " WHERE tenant_id = $1")
                                    .execute(Tuple.of(company)));
                }).collect().asList().map(java.util.List::size)));
    }
}
