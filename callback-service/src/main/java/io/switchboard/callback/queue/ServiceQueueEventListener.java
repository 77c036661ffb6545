package io.switchboard.callback.queue;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.queue.ServiceQueueEvents;

/**
 * Keeps every replica's {@link ServiceQueueCache} fresh: the queue events this service publishes on each admin change
 * come back to all replicas (each reads the topic with a consumer group of its own), and each forgets the queue. The
 * replica that made the change has already forgotten it at commit.
 */
@ApplicationScoped
public class ServiceQueueEventListener {

    private final ServiceQueueCache cache;
    private final CloudEventCodec codec;

    public ServiceQueueEventListener(ServiceQueueCache cache, CloudEventCodec codec) {
        this.cache = cache;
        this.codec = codec;
    }

    @Incoming("service-queue-changes")
    public void onEvent(String json) {
        try {
            CloudEvent event = codec.decode(json);
            if (ServiceQueueEvents.CHANGED.matches(event)) {
                cache.invalidate(event.tenantid(), codec.data(event, ServiceQueueEvents.CHANGED).serviceQueueId());
            } else if (ServiceQueueEvents.DELETED.matches(event)) {
                cache.invalidate(event.tenantid(), codec.data(event, ServiceQueueEvents.DELETED).serviceQueueId());
            }
        } catch (RuntimeException unreadable) {
            Log.debugf("Unreadable service queue event ignored: %s", unreadable.toString());
        }
    }
}
