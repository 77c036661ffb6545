package io.switchboard.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * A real S3-compatible server for the media store's tests: S3Proxy (the S3 protocol over HTTP, AWS signatures checked)
 * with a filesystem blob store, started as its own process from its self-contained jar (copied to
 * {@code target/s3proxy} by the build) on a free port of 127.0.0.1, and stopped after the tests. Points crm-service's
 * media store at it, with a bucket made for the test.
 */
public class S3Server implements QuarkusTestResourceLifecycleManager {

    public static final String ACCESS_KEY = "switchboard-test";
    public static final String SECRET_KEY = "switchboard-test-secret";
    public static final String BUCKET = "switchboard-media-test";

    private static String endpoint;
    private Process process;

    /** A client of the server of its own, to check what the server really holds. */
    public static S3Client client() {
        return S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder()).region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    @Override
    public Map<String, String> start() {
        Path dir = Path.of("target", "s3proxy").toAbsolutePath();
        Path jar = dir.resolve("s3proxy.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it (maven-dependency-plugin)");
        }
        try {
            int port = freePort();
            endpoint = "http://127.0.0.1:" + port;
            Path properties = dir.resolve("s3proxy.properties");
            Files.writeString(properties,
                    String.join("\n", "s3proxy.endpoint=" + endpoint, "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + ACCESS_KEY, "s3proxy.credential=" + SECRET_KEY,
                            "jclouds.provider=transient", "jclouds.identity=" + ACCESS_KEY,
                            "jclouds.credential=" + SECRET_KEY, ""));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", jar.toString(), "org.gaul.s3proxy.Main",
                    "--properties", properties.toString())).redirectErrorStream(true)
                            .redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!answers(port)) {
                if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: see " + dir.resolve("s3proxy.log"));
                }
                Thread.sleep(100);
            }
            try (S3Client s3 = client()) {
                s3.createBucket(b -> b.bucket(BUCKET));
            }
            return Map.of("switchboard.crm.media.storage", "s3", "switchboard.crm.media.s3.endpoint", endpoint,
                    "switchboard.crm.media.s3.bucket", BUCKET, "switchboard.crm.media.s3.access-key-id", ACCESS_KEY,
                    "switchboard.crm.media.s3.secret-access-key", SECRET_KEY, "switchboard.crm.media.s3.region",
                    "us-east-1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
