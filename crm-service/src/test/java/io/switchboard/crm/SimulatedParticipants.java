package io.switchboard.crm;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.Topics;
import io.switchboard.common.events.erasure.ErasureEvents;
import io.switchboard.testing.KafkaBroker;

/**
 * Stands in for callback-service and lead-service in the erasure saga: reads {@code switchboard.erasure-requests} on
 * the real broker and answers each request of one tenant on {@code switchboard.erasure-results}, as the services would,
 * with the counts it is given.
 */
final class SimulatedParticipants implements AutoCloseable {

    private final String tenant;
    private final Map<String, Map<String, Long>> answers;
    private final CloudEventCodec codec;
    private final List<ErasureEvents.ErasureRequested> requests = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    SimulatedParticipants(CloudEventCodec codec, String tenant, Map<String, Map<String, Long>> answers) {
        this.codec = codec;
        this.tenant = tenant;
        this.answers = answers;
        this.thread = new Thread(this::run, "simulated-erasure-participants");
        thread.setDaemon(true);
        thread.start();
    }

    List<ErasureEvents.ErasureRequested> requests() {
        return requests;
    }

    private void run() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "simulated-participants-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ERASURE_REQUESTS));
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    CloudEvent event = codec.decode(record.value());
                    if (!tenant.equals(event.tenantid()) || !ErasureEvents.REQUESTED.matches(event)) {
                        continue;
                    }
                    ErasureEvents.ErasureRequested request = codec.data(event, ErasureEvents.REQUESTED);
                    requests.add(request);
                    answers.forEach((service, erased) -> answer(request.erasureId(), service, erased));
                }
            }
        }
    }

    void answer(String erasureId, String service, Map<String, Long> erased) {
        TestEvents.publish(codec, ErasureEvents.COMPLETED, erasureId, erasureId, tenant,
                new ErasureEvents.ErasureCompleted(erasureId, service, erased, OffsetDateTime.now()),
                "/switchboard/" + service);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
