package io.switchboard.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real Postgres for tests: the machine's server at 127.0.0.1:5432 (user postgres, trust auth) when it answers,
 * otherwise an embedded one started from the binaries in Maven jars. Each test JVM gets a fresh database of its own, so
 * a run never sees an earlier run's rows.
 */
public final class PostgresServer {

    private static final String LOCAL_HOST = "127.0.0.1";
    private static final int LOCAL_PORT = Integer.getInteger("switchboard.test.pg.port", 5432);

    private static String host;
    private static int port;
    private static EmbeddedPostgres embedded;

    private PostgresServer() {
    }

    /** Creates (or re-creates) a database on the server and returns its name. */
    public static synchronized String freshDatabase(String name) {
        ensureStarted();
        try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + name, e);
        }
        return name;
    }

    public static synchronized String host() {
        ensureStarted();
        return host;
    }

    public static synchronized int port() {
        ensureStarted();
        return port;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public static String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    private static void ensureStarted() {
        if (host != null) {
            return;
        }
        if (answers(LOCAL_HOST, LOCAL_PORT)) {
            host = LOCAL_HOST;
            port = LOCAL_PORT;
            return;
        }
        try {
            embedded = EmbeddedPostgres.builder().start();
            host = "localhost";
            port = embedded.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // exiting anyway
                }
            }, "embedded-postgres-stop"));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "No Postgres at " + LOCAL_HOST + ":" + LOCAL_PORT + " and the embedded one did not start", e);
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
