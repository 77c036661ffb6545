package io.switchboard.testing;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service under test at real infrastructure: the shared in-process Kafka broker, a fresh Postgres database for
 * this module's test JVM, and the test JWT key. Annotate test classes with
 * {@code @WithTestResource(SwitchboardTestResource.class)}.
 */
public class SwitchboardTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String database = PostgresServer.freshDatabase("switchboard_test_" + moduleName());
        return Map.of("kafka.bootstrap.servers", KafkaBroker.bootstrapServers(), "quarkus.datasource.reactive.url",
                PostgresServer.reactiveUrl(database), "quarkus.datasource.jdbc.url", PostgresServer.jdbcUrl(database),
                "quarkus.datasource.username", "postgres", "quarkus.datasource.password", "",
                "mp.jwt.verify.publickey.location", TestTokens.publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // The broker and the database outlive a single Quarkus application: later test classes reuse them.
    }

    /**
     * callback-service in /work/main → callback_service_1a2b3c: one database per module and checkout, so modules never
     * see each other's rows and two checkouts can run their tests at the same time.
     */
    private static String moduleName() {
        Path absolute = Path.of("").toAbsolutePath();
        Path dir = absolute.getFileName();
        String module = (dir == null ? "app" : dir.toString()).replaceAll("[^A-Za-z0-9]", "_").toLowerCase();
        return module + "_" + Integer.toHexString(absolute.toString().hashCode() & 0xffffff);
    }
}
