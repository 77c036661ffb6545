package io.switchboard.devtools;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The local launcher's Postgres helper, for machines without a Postgres server:
 *
 * <pre>
 * serve DATA_DIR PORT      run an embedded Postgres (binaries from Maven jars) until killed
 * ensure-db HOST PORT DB   create database DB when it does not exist
 * </pre>
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("serve")) {
            serve(Path.of(args[1]), Integer.parseInt(args[2]));
        } else if (args.length == 4 && args[0].equals("ensure-db")) {
            ensureDatabase(args[1], Integer.parseInt(args[2]), args[3]);
        } else {
            System.err.println("usage: LocalPostgres serve DATA_DIR PORT | ensure-db HOST PORT DB");
            System.exit(2);
        }
    }

    private static void serve(Path dataDirectory, int port) throws Exception {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false).setPort(port).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }));
        System.out.println("Embedded Postgres listening on port " + postgres.getPort());
        stopped.await();
    }

    private static void ensureDatabase(String host, int port, String database) throws Exception {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                "postgres", "");
                PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet found = exists.executeQuery()) {
                if (!found.next()) {
                    try (Statement create = admin.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                    System.out.println("Created database " + database);
                }
            }
        }
    }
}
