package io.switchboard.crm.erasure;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.CloudEventCodec.UnreadableEventException;
import io.switchboard.common.events.erasure.ErasureEvents;
import io.switchboard.common.problem.DependencyFailures;

/** The participants' answers on {@code switchboard.erasure-results}. */
@ApplicationScoped
public class ErasureResultsConsumer {

    private final CloudEventCodec codec;
    private final ErasureService erasures;

    public ErasureResultsConsumer(CloudEventCodec codec, ErasureService erasures) {
        this.codec = codec;
        this.erasures = erasures;
    }

    @Incoming("erasure-results")
    public Uni<Void> consume(String record) {
        CloudEvent event;
        ErasureEvents.ErasureCompleted answer;
        try {
            event = codec.decode(record);
            if (!ErasureEvents.COMPLETED.matches(event)) {
                return Uni.createFrom().voidItem();
            }
            if (event.tenantid() == null || event.tenantid().isBlank()) {
                throw new UnreadableEventException("Event " + event.id() + " has no tenantid");
            }
            answer = codec.data(event, ErasureEvents.COMPLETED);
            if (answer.service() == null || answer.service().isBlank()) {
                throw new UnreadableEventException("Erasure answer " + event.id() + " names no service");
            }
        } catch (UnreadableEventException e) {
            Log.warnf("Skipping an erasure answer that cannot be read: %s", e.getMessage());
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> erasures.answered(event.tenantid(), answer))
                .onFailure(DependencyFailures::isUnavailable).retry()
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely().onFailure()
                .recoverWithUni(e -> {
                    Log.errorf(e, "Skipping erasure answer %s of tenant %s", event.id(), event.tenantid());
                    return Uni.createFrom().voidItem();
                });
    }
}
