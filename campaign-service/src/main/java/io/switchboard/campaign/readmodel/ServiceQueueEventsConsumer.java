package io.switchboard.campaign.readmodel;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.legacy.LegacyCredentialEvents;
import io.switchboard.common.events.queue.ServiceQueueEvents;
import io.switchboard.common.problem.DependencyFailures;

/**
 * Keeps the read models of what callback-service owns from {@code switchboard.service-queue-events} (incoming channel
 * {@code service-queue-events}, consumer group {@code campaign-service}): which service queues each tenant has
 * ({@link ServiceQueueEvents}) and each legacy company's password hash ({@link LegacyCredentialEvents}). Applying an
 * event twice changes nothing, an event older than what is stored changes nothing, an unreadable record or an event of
 * another type is logged and skipped, a database outage is retried until it ends.
 */
@ApplicationScoped
public class ServiceQueueEventsConsumer {

    private final CloudEventCodec codec;
    private final ServiceQueueRepository queues;
    private final LegacyCredentialRepository credentials;
    private final VerifiedCredentials verified;

    public ServiceQueueEventsConsumer(CloudEventCodec codec, ServiceQueueRepository queues,
            LegacyCredentialRepository credentials, VerifiedCredentials verified) {
        this.codec = codec;
        this.queues = queues;
        this.credentials = credentials;
        this.verified = verified;
    }

    @Incoming("service-queue-events")
    public Uni<Void> consume(String record) {
        Supplier<Uni<Boolean>> apply;
        CloudEvent event;
        try {
            event = codec.decode(record);
            apply = applying(event);
        } catch (UnreadableEventException e) {
            Log.warnf("Skipping an unreadable record on switchboard.service-queue-events: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (apply == null) {
            return Uni.createFrom().voidItem();
        }
        CloudEvent read = event;
        return Uni.createFrom().deferred(() -> apply.get()).onFailure(DependencyFailures::isUnavailable).retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .invoke(applied -> Log.debugf("%s %s of tenant %s (subject %s)", applied ? "Applied" : "Ignored older",
                        read.type(), read.tenantid(), read.subject()))
                .replaceWithVoid();
    }

    /** What applying the event does, or null for an event of a type this service does not keep. */
    private Supplier<Uni<Boolean>> applying(CloudEvent event) {
        if (ServiceQueueEvents.CHANGED.matches(event)) {
            String tenantId = tenantOf(event);
            var queue = codec.data(event, ServiceQueueEvents.CHANGED);
            OffsetDateTime at = firstOf(queue.updatedAt(), queue.createdAt(), event);
            return () -> queues.changed(tenantId, queue.serviceQueueId(), queue.name(), queue.timeZone(),
                    queue.createdAt(), at);
        }
        if (ServiceQueueEvents.DELETED.matches(event)) {
            String tenantId = tenantOf(event);
            var queue = codec.data(event, ServiceQueueEvents.DELETED);
            OffsetDateTime at = firstOf(queue.deletedAt(), null, event);
            return () -> queues.deleted(tenantId, queue.serviceQueueId(), at);
        }
        if (LegacyCredentialEvents.CHANGED.matches(event)) {
            var credential = codec.data(event, LegacyCredentialEvents.CHANGED);
            String company = companyOf(credential.company(), event);
            if (credential.passwordHash() == null || credential.passwordHash().isBlank()) {
                throw new UnreadableEventException("Event " + event.id() + " has no passwordHash");
            }
            OffsetDateTime at = firstOf(credential.changedAt(), null, event);
            return () -> credentials.changed(company, credential.passwordHash(), at)
                    .invoke(() -> verified.invalidate(company));
        }
        if (LegacyCredentialEvents.REVOKED.matches(event)) {
            var credential = codec.data(event, LegacyCredentialEvents.REVOKED);
            String company = companyOf(credential.company(), event);
            OffsetDateTime at = firstOf(credential.revokedAt(), null, event);
            return () -> credentials.revoked(company, at).invoke(() -> verified.invalidate(company));
        }
        return null;
    }

    private static String tenantOf(CloudEvent event) {
        if (event.tenantid() == null || event.tenantid().isBlank()) {
            throw new UnreadableEventException("Event " + event.id() + " has no tenantid");
        }
        return event.tenantid();
    }

    /** The legacy company is the tenant: the data's company, else the event's tenant. */
    private static String companyOf(String company, CloudEvent event) {
        return company != null && !company.isBlank() ? company : tenantOf(event);
    }

    private static OffsetDateTime firstOf(OffsetDateTime at, OffsetDateTime fallback, CloudEvent event) {
        if (at != null) {
            return at;
        }
        if (fallback != null) {
            return fallback;
        }
        if (event.time() != null) {
            return event.time();
        }
        throw new UnreadableEventException("Event " + event.id() + " has no time to order it by");
    }
}
