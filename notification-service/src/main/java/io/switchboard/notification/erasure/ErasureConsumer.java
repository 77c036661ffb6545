package io.switchboard.notification.erasure;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.erasure.OutboxErasure;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.erasure.ErasureEvents;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.notification.webhook.WebhookStore;

/**
 * notification-service's part of the erasure saga. The personal data it holds are the event payloads stored in webhook
 * deliveries (pending, delivered and dead letters), which name customers' phone numbers and addresses, and its own
 * outbox rows. One consumer group across replicas ({@code notification-service-erasure}) reads each request once; in
 * one transaction it redacts both and appends its answer ({@code {"webhookDeliveries": n}}). Redelivered, a request
 * finds nothing more to redact and answers again with 0; a database outage is retried, never skipped. The live path
 * keeps no personal data (statuses, confirmation codes and queues only).
 */
@ApplicationScoped
public class ErasureConsumer {

    static final String WEBHOOK_DELIVERIES = "webhookDeliveries";

    private final CloudEventCodec codec;
    private final Outbox outbox;
    private final WebhookStore webhooks;
    private final String service;

    public ErasureConsumer(CloudEventCodec codec, Outbox outbox, WebhookStore webhooks,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.codec = codec;
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.service = service;
    }

    @Incoming("erasure-requests")
    public Uni<Void> onRequest(String record) {
        CloudEvent event;
        ErasureEvents.ErasureRequested request;
        try {
            event = codec.decode(record);
            if (!ErasureEvents.REQUESTED.matches(event)) {
                return Uni.createFrom().voidItem();
            }
            request = codec.data(event, ErasureEvents.REQUESTED);
        } catch (UnreadableEventException e) {
            Log.warnf("Skipping an unreadable erasure request: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (event.tenantid() == null || event.tenantid().isBlank() || request.erasureId() == null) {
            Log.warnf("Skipping erasure request %s: it names no tenant or no erasure id", event.id());
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> erase(event.tenantid(), request)).onFailure()
                .invoke(failure -> Log.warnf("Erasure %s failed, retrying: %s", request.erasureId(),
                        failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely();
    }

    private Uni<Void> erase(String tenantId, ErasureEvents.ErasureRequested request) {
        List<String> phones = request.phoneNumbers() == null ? List.of() : request.phoneNumbers();
        List<String> emails = request.emailAddresses() == null ? List.of() : request.emailAddresses();
        return outbox.inTransaction(tx -> webhooks.redact(tx, tenantId, phones, emails, OutboxErasure.REDACTED)
                .chain(deliveries -> OutboxErasure.redact(tx, phones, emails).replaceWith(deliveries))
                .chain(deliveries -> outbox
                        .append(tx, ErasureEvents.COMPLETED, request.erasureId(), request.erasureId(), tenantId,
                                new ErasureEvents.ErasureCompleted(request.erasureId(), service,
                                        Map.of(WEBHOOK_DELIVERIES, deliveries.longValue()), OffsetDateTime.now()))
                        .invoke(() -> Log.infof("Erasure %s: %d webhook deliveries redacted", request.erasureId(),
                                deliveries))))
                .replaceWithVoid();
    }
}
