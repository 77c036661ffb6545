package io.switchboard.campaign.readmodel;

import java.time.OffsetDateTime;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.EventHandling;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.legacy.LegacyCredentialEvents;
import io.switchboard.common.events.queue.ServiceQueueEvents;

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
        return EventHandling.handle(codec, Topics.SERVICE_QUEUE_EVENTS, record, event -> {
            Supplier<Uni<Boolean>> apply = applying(event);
            if (apply == null) {
                return null;
            }
            return () -> apply.get().invoke(applied -> Log.debugf("%s %s of tenant %s (subject %s)",
                    applied ? "Applied" : "Ignored older", event.type(), event.tenantid(), event.subject()));
        });
    }

    /** What applying the event does, or null for an event of a type this service does not keep. */
    private Supplier<Uni<Boolean>> applying(CloudEvent event) {
        if (ServiceQueueEvents.CHANGED.matches(event)) {
            String tenantId = EventHandling.tenantOf(event);
            var queue = codec.data(event, ServiceQueueEvents.CHANGED);
            OffsetDateTime at = firstOf(queue.updatedAt(), queue.createdAt(), event);
            return () -> queues.changed(tenantId, queue.serviceQueueId(), queue.name(), queue.timeZone(),
                    queue.createdAt(), at);
        }
        if (ServiceQueueEvents.DELETED.matches(event)) {
            String tenantId = EventHandling.tenantOf(event);
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

    /** The legacy company is the tenant: the data's company, else the event's tenant. */
    private static String companyOf(String company, CloudEvent event) {
        return company != null && !company.isBlank() ? company : EventHandling.tenantOf(event);
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
