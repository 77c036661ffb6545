package io.switchboard.system;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.testing.TestTokens;

/** One packaged service started as its own process, the way the launcher and a container run it. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Log markers of an exception no code handled (see {@link #unhandledExceptions()}). */
    private static final List<String> UNHANDLED = List.of("Unhandled exception",
            "Uncaught exception received by Vert.x", "Mutiny had to drop the following exception",
            "exceptionCaught() event was fired", "failed, error id:");

    final String module;
    final int port;
    private volatile Process process;
    private List<String> command = List.of();
    private Path log;

    private ServiceProcess(String module, int port, Process process) {
        this.module = module;
        this.port = port;
        this.process = process;
    }

    /**
     * @param extraProperties
     *            further {@code -Dkey=value} arguments
     */
    static ServiceProcess start(Path root, String module, String databaseHostPort, String database, String kafka,
            List<String> extraProperties) throws IOException {
        Path jar = root.resolve(module + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through ./mvnw -B verify from the root");
        }
        Path logs = Files.createDirectories(root.resolve("system-tests/target/system-logs"));
        int port = freePort();
        List<String> command = new ArrayList<>(
                List.of("java", "-Xmx256m", "-XX:+UseSerialGC", "-Dquarkus.http.port=" + port,
                        "-Dquarkus.datasource.reactive.url=postgresql://" + databaseHostPort + "/" + database,
                        "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://" + databaseHostPort + "/" + database,
                        "-Dquarkus.datasource.username=postgres", "-Dquarkus.datasource.password=",
                        "-Dkafka.bootstrap.servers=" + kafka,
                        "-Dmp.jwt.verify.publickey.location=" + TestTokens.publicKeyFile().toUri(),
                        "-Dmp.jwt.verify.issuer=" + TestTokens.ISSUER));
        extraProperties.forEach(property -> command.add("-D" + property));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = logs.resolve(module + "-" + port + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess started = new ServiceProcess(module, port, process);
        started.command = List.copyOf(command);
        started.log = log;
        return started;
    }

    /** Kills the process at once (SIGKILL), as a crashed node or the kernel's OOM killer would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * Stops the process (SIGSTOP) until {@link #resume()}, as a long garbage collection or a starved CPU does: it keeps
     * its sockets and group memberships but neither reads nor answers meanwhile.
     */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a {@link #pause() paused} process run again (SIGCONT). */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        int status = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (status != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " answered " + status);
        }
    }

    /** Starts the service again with the same settings on the same port (after {@link #kill()}). */
    void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(module + " still runs");
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /**
     * The log lines that show an exception no code handled: one that reached the event loop or the pipeline's tail, one
     * Mutiny dropped, or one the HTTP layer turned into a 500. Each means a request or an event met a failure nobody
     * planned for, even when the client got a proper answer.
     */
    List<String> unhandledExceptions() throws IOException {
        return Files.readAllLines(log).stream().filter(line -> UNHANDLED.stream().anyMatch(line::contains)).toList();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** How long one readiness probe takes to answer. */
    Duration readinessAnswerTime() {
        Instant start = Instant.now();
        readiness();
        return Duration.between(start, Instant.now());
    }

    /** The status of {@code /q/health/ready}, or -1 while the service does not answer. */
    int readiness() {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    void awaitReadiness(int status, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited; see system-tests/target/system-logs");
            }
            if (readiness() == status) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(module + " readiness did not become " + status + " within " + timeout
                + "; see system-tests/target/system-logs");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
