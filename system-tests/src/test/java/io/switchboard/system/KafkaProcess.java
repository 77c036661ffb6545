package io.switchboard.system;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A one-node Kafka broker in KRaft mode as its own process on a fixed port, as the launcher runs it, so that a test can
 * kill it outright and start it again where clients expect it (an in-process test broker comes back on another port).
 */
final class KafkaProcess implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final Path log;
    private Process process;

    private KafkaProcess(Path directory, int port) {
        this.directory = directory;
        this.port = port;
        this.log = directory.resolve("kafka.log");
    }

    /** Formats a fresh log directory and starts the broker. */
    static KafkaProcess start() throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("switchboard-kafka-process");
        int port = ServiceProcess.freePort();
        int controllerPort = ServiceProcess.freePort();
        Path properties = directory.resolve("server.properties");
        Files.writeString(properties,
                String.join("\n", "process.roles=broker,controller", "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "controller.listener.names=CONTROLLER",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "log.dirs=" + directory.resolve("data"), "offsets.topic.replication.factor=1",
                        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
                        "group.initial.rebalance.delay.ms=0", "auto.create.topics.enable=true", ""));
        KafkaProcess kafka = new KafkaProcess(directory, port);
        int formatted = kafka.java("kafka.tools.StorageTool", "format", "-t",
                org.apache.kafka.common.Uuid.randomUuid().toString(), "-c", properties.toString()).waitFor();
        if (formatted != 0) {
            throw new IllegalStateException("Kafka storage format failed; see " + kafka.log);
        }
        kafka.startBroker();
        return kafka;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Kills the broker at once, as a crashed node or a cut network would leave it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts the broker again on the same port and data. */
    void restart() throws IOException, InterruptedException {
        startBroker();
    }

    private void startBroker() throws IOException, InterruptedException {
        process = java("kafka.Kafka", directory.resolve("server.properties").toString());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("Kafka did not listen on " + port + " within 60 s; see " + log);
    }

    private Process java(String mainClass, String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>(
                List.of("java", "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
