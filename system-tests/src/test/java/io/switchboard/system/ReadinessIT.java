package io.switchboard.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.Test;

import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.PostgresServer;

/**
 * What an orchestrator relies on: a service is ready only while its database and its Kafka broker answer, and becomes
 * ready again by itself when they come back.
 */
class ReadinessIT {

    private static final Path ROOT = Path.of(System.getProperty("switchboard.root", ".."));
    private static final Duration START = Duration.ofSeconds(300);
    private static final Duration CHANGE = Duration.ofSeconds(90);

    @Test
    void shouldBeNotReadyWhilePostgresIsUnreachableAndReadyAgainWhenItReturns() throws Exception {
        String database = PostgresServer.freshDatabase("switchboard_readiness_db");
        try (CuttableProxy postgres = new CuttableProxy(PostgresServer.host(), PostgresServer.port());
                ServiceProcess service = ServiceProcess.start(ROOT, "callback-service", "127.0.0.1:" + postgres.port(),
                        database, KafkaBroker.bootstrapServers(), List.of())) {
            service.awaitReadiness(200, START);

            postgres.cut();
            service.awaitReadiness(503, CHANGE);

            postgres.restore();
            service.awaitReadiness(200, CHANGE);
        }
    }

    @Test
    void shouldBeNotReadyOnceItsKafkaBrokerIsGone() throws Exception {
        String database = PostgresServer.freshDatabase("switchboard_readiness_kafka");
        Path directory = Files.createTempDirectory("switchboard-readiness-kafka");
        KafkaClusterTestKit broker = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setBaseDirectory(directory).setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                        .setConfigProp("offsets.topic.replication.factor", "1").build();
        broker.format();
        broker.startup();
        broker.waitForReadyBrokers();
        boolean brokerRunning = true;
        try (ServiceProcess service = ServiceProcess.start(ROOT, "callback-service",
                PostgresServer.host() + ":" + PostgresServer.port(), database, broker.bootstrapServers(), List.of())) {
            service.awaitReadiness(200, START);

            broker.close();
            brokerRunning = false;
            service.awaitReadiness(503, CHANGE);
        } finally {
            if (brokerRunning) {
                broker.close();
            }
        }
    }
}
