package io.switchboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real Apache Kafka 4 broker in KRaft mode (combined broker and controller), started in-process once per test JVM
 * and shared by every test class of the module.
 */
public final class KafkaBroker {

    private static KafkaClusterTestKit cluster;
    private static Path directory;

    private KafkaBroker() {
    }

    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            try {
                // A directory of our own: the kit's default one is deleted by a JVM shutdown hook that can race the
                // broker still writing to it, and a broker that loses its log directory halts the JVM.
                directory = Files.createTempDirectory("switchboard-kafka");
                KafkaClusterTestKit started = new KafkaClusterTestKit.Builder(
                        new TestKitNodes.Builder().setBaseDirectory(directory).setCombined(true).setNumBrokerNodes(1)
                                .setNumControllerNodes(1).build())
                                        .setConfigProp("offsets.topic.replication.factor", "1")
                                        .setConfigProp("transaction.state.log.replication.factor", "1")
                                        .setConfigProp("transaction.state.log.min.isr", "1")
                                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                                        .setConfigProp("auto.create.topics.enable", "true")
                                        .setConfigProp("num.partitions", "3").build();
                started.format();
                started.startup();
                started.waitForReadyBrokers();
                createPlatformTopics(started.bootstrapServers());
                cluster = started;
                Runtime.getRuntime().addShutdownHook(new Thread(KafkaBroker::stop, "kafka-broker-stop"));
            } catch (Exception e) {
                throw new IllegalStateException("Could not start the test Kafka broker", e);
            }
        }
        return cluster.bootstrapServers();
    }

    /**
     * The platform's topics (common's {@code Topics}), created before any service subscribes: a consumer that
     * subscribes to a topic its first metadata request auto-creates can start with an assignment that misses a
     * partition, and a test whose key hashes there then waits for records that never come.
     */
    private static void createPlatformTopics(String bootstrapServers) throws Exception {
        List<String> names = List.of("switchboard.callback-events", "switchboard.lead-events",
                "switchboard.activity-events", "switchboard.agent-events", "switchboard.ewt-updates",
                "switchboard.campaign-events", "switchboard.service-queue-events", "switchboard.queue-events",
                "switchboard.erasure-requests", "switchboard.erasure-results");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(names.stream().map(name -> new NewTopic(name, 3, (short) 1)).toList()).all().get();
        }
    }

    /** Stops the broker and removes its files; called when the test session ends (and, failing that, at exit). */
    static synchronized void stop() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // the test session is over; nothing depends on a clean close
            }
            cluster = null;
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary directory is harmless
        }
    }
}
