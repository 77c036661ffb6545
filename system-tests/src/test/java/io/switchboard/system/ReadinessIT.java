package io.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.CuttableProxy;
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
    void shouldBeNotReadyWhileItsKafkaBrokerIsGoneAndReadyAgainWhenItReturns() throws Exception {
        String database = PostgresServer.freshDatabase("switchboard_readiness_kafka");
        try (KafkaProcess kafka = KafkaProcess.start();
                ServiceProcess service = ServiceProcess.start(ROOT, "callback-service",
                        PostgresServer.host() + ":" + PostgresServer.port(), database, kafka.bootstrapServers(),
                        List.of())) {
            service.awaitReadiness(200, START);

            kafka.kill();
            // A probe must get its answer in time, not hang: the Kafka check gives up after 3 s.
            service.awaitReadiness(503, CHANGE);
            assertThat(service.readinessAnswerTime()).isLessThan(Duration.ofSeconds(10));

            kafka.restart();
            service.awaitReadiness(200, CHANGE);
        }
    }
}
