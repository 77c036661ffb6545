package io.switchboard.notification;

import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.testing.KafkaBroker;

/** Publishes callback events to the real broker the way callback-service's outbox relay does. */
public final class CallbackEvents implements AutoCloseable {

    public static final String REQUESTED = "switchboard.callback.requested";
    public static final String STATUS_CHANGED = "switchboard.callback.status-changed";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer;

    public CallbackEvents() {
        this(KafkaBroker.bootstrapServers());
    }

    public CallbackEvents(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    public static String newCode() {
        return "CODE" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
    }

    /** A status change with a new event id; returns the id. */
    public String statusChanged(String code, String status, String state) {
        String id = UUID.randomUUID().toString();
        publish(id, STATUS_CHANGED, code, status, state);
        return id;
    }

    public String requested(String code) {
        String id = UUID.randomUUID().toString();
        publish(id, REQUESTED, code, null, "PENDING");
        return id;
    }

    public void publish(String id, String type, String code, String status, String state) {
        publish(id, type, code, status, state, "1", 1);
    }

    /** A status change of a callback of the given tenant and queue; returns the event id. */
    public String statusChanged(String tenantId, long serviceQueue, String code, String status) {
        String id = UUID.randomUUID().toString();
        publish(id, STATUS_CHANGED, code, status, "IN_PROGRESS", tenantId, serviceQueue);
        return id;
    }

    public void publish(String id, String type, String code, String status, String state, String tenantId,
            long serviceQueue) {
        var data = JSON.createObjectNode().put("confirmationCode", code).put("serviceQueue", serviceQueue).put("state",
                state);
        if (status != null) {
            data.put("status", status);
        }
        var event = JSON.createObjectNode().put("specversion", "1.0").put("id", id).put("source", "/test")
                .put("type", type).put("subject", code).put("time", OffsetDateTime.now().toString())
                .put("tenantid", tenantId);
        event.set("data", data);
        try {
            producer.send(new ProducerRecord<>("switchboard.callback-events", code, event.toString())).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish a callback event", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
