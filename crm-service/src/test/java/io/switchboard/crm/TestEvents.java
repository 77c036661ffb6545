package io.switchboard.crm;

import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.EventType;
import io.switchboard.testing.KafkaBroker;

/** Puts events on the test broker's real topics the way another service's outbox relay would. */
public final class TestEvents {

    private static KafkaProducer<String, String> producer;

    private TestEvents() {
    }

    /** Publishes a new event of this type; returns it. */
    public static <T> CloudEvent publish(CloudEventCodec codec, EventType<T> type, String key, String subject,
            String tenantId, T data, String source) {
        CloudEvent event = codec.create(source, type, subject, tenantId, data);
        send(type.topic(), key, codec.encode(event));
        return event;
    }

    /** Publishes a record as it is (a redelivery, or something unreadable). */
    public static synchronized void send(String topic, String key, String value) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    public static CloudEventCodec codec() {
        return new CloudEventCodec(new ObjectMapper().findAndRegisterModules());
    }

    public static String id() {
        return UUID.randomUUID().toString();
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now();
    }
}
