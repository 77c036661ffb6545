package io.switchboard.common.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Loads the demo tenant of the local profile ({@code switchboard.demo.scripts}, idempotent SQL on the classpath) after
 * the migrations have run. Flyway's locations are fixed when the service is built, so demo rows cannot be a
 * profile-only migration; they are loaded here, only where {@code switchboard.demo.scripts} is set (the {@code local}
 * profile).
 */
@Singleton
public class DemoData {

    private final Pool pool;
    private final Optional<List<String>> scripts;

    public DemoData(Pool pool, @ConfigProperty(name = "switchboard.demo.scripts") Optional<List<String>> scripts) {
        this.pool = pool;
        this.scripts = scripts;
    }

    void load(@Observes StartupEvent started) {
        for (String script : scripts.orElse(List.of())) {
            // The simple query protocol runs a whole script of statements in one round trip.
            pool.query(read(script)).execute().await().atMost(Duration.ofSeconds(30));
            Log.infof("Loaded demo data from %s", script);
        }
    }

    private static String read(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Demo script " + resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
