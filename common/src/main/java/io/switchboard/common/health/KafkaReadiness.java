package io.switchboard.common.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.common.annotation.Identifier;

/**
 * Readiness is DOWN while the Kafka broker does not answer, and the probe says so within a bounded time. Quarkus' own
 * Kafka check waits on the admin client's default API timeout (60 s) once the broker is gone, longer than any probe's
 * timeout, so an orchestrator saw a probe that hung rather than one that failed. This check asks the same cluster
 * (every admin setting under {@code kafka.}, TLS and SASL included) with its own deadline.
 */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private final Map<String, Object> kafkaConfig;
    private final Duration timeout;
    private volatile AdminClient admin;

    @Inject
    public KafkaReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "switchboard.kafka.readiness-timeout", defaultValue = "3s") Duration timeout) {
        this.kafkaConfig = kafkaConfig;
        this.timeout = timeout;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka broker");
        try {
            int millis = (int) timeout.toMillis();
            String nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
                    .get(millis + 500L, TimeUnit.MILLISECONDS).stream().map(Node::toString)
                    .collect(Collectors.joining(","));
            return response.up().withData("nodes", nodes).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("reason", "interrupted").build();
        } catch (Exception e) {
            return response.down().withData("reason", "no answer from the broker within " + timeout.toMillis() + " ms")
                    .build();
        }
    }

    private AdminClient admin() {
        AdminClient current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    Map<String, Object> config = new HashMap<>();
                    kafkaConfig.forEach((key, value) -> {
                        if (AdminClientConfig.configNames().contains(key)) {
                            config.put(key, value);
                        }
                    });
                    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
                    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "switchboard-readiness");
                    admin = AdminClient.create(config);
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
