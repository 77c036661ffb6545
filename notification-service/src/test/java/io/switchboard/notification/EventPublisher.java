package io.switchboard.notification;

import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.callback.CallStatus;
import io.switchboard.common.events.callback.CallbackEvents;
import io.switchboard.common.events.callback.CallbackState;
import io.switchboard.testing.KafkaBroker;

/**
 * Publishes events to the real broker the way a producing service's outbox relay does: written by common's
 * {@link CloudEventCodec} from common's event types ({@link CallbackEvents}), so a change of that contract breaks these
 * tests rather than passing them by a hand-copied payload.
 */
public final class EventPublisher implements AutoCloseable {

    public static final String REQUESTED = CallbackEvents.REQUESTED.type();
    public static final String STATUS_CHANGED = CallbackEvents.STATUS_CHANGED.type();
    public static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    public static final CloudEventCodec CODEC = new CloudEventCodec(MAPPER);
    private static final String SOURCE = "/switchboard/callback-service";

    private final KafkaProducer<String, String> producer;

    public EventPublisher() {
        this(KafkaBroker.bootstrapServers());
    }

    public EventPublisher(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    public static String newCode() {
        return "CODE" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    /** A callback of tenant 1, queue 1 was accepted; returns the event id. */
    public String requested(String code) {
        return requested("1", 1, code, "+447400123456").id();
    }

    public CloudEvent requested(String tenantId, long serviceQueue, String code, String phoneNumber) {
        var data = new CallbackEvents.Requested(code, serviceQueue, 1, phoneNumber, "Ada Lovelace",
                CallbackState.PENDING, null, OffsetDateTime.now());
        return publish(CODEC.create(SOURCE, CallbackEvents.REQUESTED, code, tenantId, data));
    }

    /** A status change of a callback of tenant 1, queue 1; returns the event id. */
    public String statusChanged(String code, String status, String state) {
        return publish(statusChangedEvent("1", 1, code, status, state)).id();
    }

    /** A status change of a callback of the given tenant and queue; returns the event id. */
    public String statusChanged(String tenantId, long serviceQueue, String code, String status) {
        return publish(statusChangedEvent(tenantId, serviceQueue, code, status, "IN_PROGRESS")).id();
    }

    /**
     * The event without publishing it (publish it with {@link #publish(CloudEvent)}, twice to act as the relay's
     * duplicate).
     */
    public static CloudEvent statusChangedEvent(String tenantId, long serviceQueue, String code, String status,
            String state) {
        CallStatus callStatus = CallStatus.fromWireName(status);
        if (callStatus == null) {
            throw new IllegalArgumentException(status + " is none of " + CallStatus.allWireNames());
        }
        var data = new CallbackEvents.StatusChanged(code, serviceQueue, callStatus, CallbackState.valueOf(state), 0,
                OffsetDateTime.now(), null, 1);
        return CODEC.create(SOURCE, CallbackEvents.STATUS_CHANGED, code, tenantId, data);
    }

    /** Publishes a callback event on switchboard.callback-events, keyed by its subject; returns it. */
    public CloudEvent publish(CloudEvent event) {
        send(Topics.CALLBACK_EVENTS, event.subject(), CODEC.encode(event));
        return event;
    }

    /** Publishes many callback events at once (sent together, then flushed), in order per confirmation code. */
    public void publishAll(java.util.List<CloudEvent> events) {
        var sent = events.stream()
                .map(event -> producer
                        .send(new ProducerRecord<>(Topics.CALLBACK_EVENTS, event.subject(), CODEC.encode(event))))
                .toList();
        try {
            for (var future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish callback events", e);
        }
    }

    /** Publishes any event on any topic (another service's topic, a record this service cannot read). */
    public void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
