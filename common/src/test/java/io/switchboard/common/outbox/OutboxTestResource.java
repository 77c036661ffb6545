package io.switchboard.common.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.switchboard.testing.SwitchboardTestResource;

/**
 * The shared test infrastructure plus the outbox table, created before the application starts with the very migration
 * every service runs ({@code db/outbox}), in schema {@value #SCHEMA} (the test datasource's search path).
 */
public class OutboxTestResource extends SwitchboardTestResource {

    static final String SCHEMA = "outbox_test";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        try (InputStream migration = getClass().getResourceAsStream("/db/outbox/V0_1__outbox.sql");
                Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                        "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("SET search_path TO " + SCHEMA);
            statement.execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not create the outbox table", e);
        }
        return config;
    }
}
