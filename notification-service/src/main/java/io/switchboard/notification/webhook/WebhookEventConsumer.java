package io.switchboard.notification.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.CloudEventEnvelopes;
import io.switchboard.notification.webhook.WebhookStore.RecordedEvent;

/**
 * Webhook bookkeeping, off the live path: one consumer group shared by every replica ({@code notification-service-
 * webhooks}) reads the topics webhooks are offered ({@code switchboard.callback-events},
 * {@code switchboard.lead-events}) in batches and records a pending delivery per matching webhook, one insert per
 * batch. The records are acknowledged after the insert; a database outage is retried (the batch waits, the live path
 * does not), a record that is not a CloudEvent is logged and skipped. The payload is not interpreted: a webhook
 * receives the CloudEvent as it is.
 */
@ApplicationScoped
public class WebhookEventConsumer {

    private final WebhookStore store;
    private final WebhookDispatcher dispatcher;

    public WebhookEventConsumer(WebhookStore store, WebhookDispatcher dispatcher) {
        this.store = store;
        this.dispatcher = dispatcher;
    }

    @Incoming("webhook-events")
    public Uni<Void> record(List<String> records) {
        List<RecordedEvent> events = new ArrayList<>(records.size());
        for (String record : records) {
            try {
                // the envelope only: the payload is POSTed as it is, never read here
                CloudEventEnvelopes.Envelope event = CloudEventEnvelopes.read(record);
                if (event.tenantid() == null || event.tenantid().isBlank()) {
                    Log.warnf("Skipping event %s for webhooks: it names no tenant", event.id());
                    continue;
                }
                events.add(new RecordedEvent(event.tenantid(), event.id(), event.type(), record));
            } catch (UnreadableEventException e) {
                Log.warnf("Skipping an unreadable event for webhooks: %s", e.getMessage());
            }
        }
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> store.enqueue(events)).onFailure()
                .invoke(failure -> Log.warnf("Could not record webhook deliveries, retrying: %s", failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                .invoke(created -> {
                    if (created > 0) {
                        dispatcher.kick();
                    }
                }).replaceWithVoid();
    }
}
