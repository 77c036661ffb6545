package io.switchboard.lead.erasure;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.erasure.ErasureRequests;
import io.switchboard.common.events.CloudEventCodec;

/**
 * Erasure requests from crm-service on {@code switchboard.erasure-requests} (consumer group {@code lead-service}).
 * Idempotent by erasure id; an unreadable record is logged and skipped; a database outage is retried until it ends.
 */
@ApplicationScoped
public class ErasureConsumer {

    private final CloudEventCodec codec;
    private final ErasureService erasure;

    public ErasureConsumer(CloudEventCodec codec, ErasureService erasure) {
        this.codec = codec;
        this.erasure = erasure;
    }

    @Incoming("erasure-requests")
    public Uni<Void> consume(String record) {
        return ErasureRequests.handle(codec, record, erasure::erase);
    }
}
