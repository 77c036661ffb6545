import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

import io.switchboard.testing.KafkaBroker;
import io.switchboard.testing.PostgresServer;
import io.switchboard.testing.TestTokens;

/**
 * Bulk import benchmark: N leads as CSV and as JSON bulk through one lead-service replica (the packaged jar, its
 * default heap unless HEAP is set), against a raw COPY of the same rows into a plain table of the same Postgres, in the
 * same run. Rows carry national-format UK numbers (E.164 normalisation for every row) and 1% duplicates (same phone
 * in the campaign), so the duplicate checks do real work.
 *
 * Usage (from bench/import/run.sh): java -cp ... ImportBench.java ROWS [HEAP]
 */
public class ImportBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final int PORT = 18_383;
    static final String BASE = "http://127.0.0.1:" + PORT;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String heap = args.length > 1 ? args[1] : "";
        Path dir = Files.createTempDirectory("import-bench");
        Path csv = dir.resolve("leads.csv");
        Path json = dir.resolve("leads.json");
        generate(rows, csv, json);
        System.out.printf("Generated %,d rows: CSV %,d bytes, JSON %,d bytes%n", rows, Files.size(csv), Files.size(json));

        String database = PostgresServer.freshDatabase("switchboard_bench_import");
        String kafka = KafkaBroker.bootstrapServers();
        Process service = start(database, kafka, heap);
        servicePid = service.pid();
        try {
            awaitReady();
            String tenant = "bench";
            try (Connection c = DriverManager.getConnection(PostgresServer.jdbcUrl(database), "postgres", "")) {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO lead.campaign_ref (tenant_id, id, name, time_zone, updated_at) VALUES"
                            + " ('bench', 1, 'CSV', 'Europe/London', now()), ('bench', 2, 'JSON', 'Europe/London', now())");
                    s.execute("CREATE TABLE public.bench_raw (customer_key text, phone1 text, first_name text,"
                            + " last_name text, city text)");
                }
            }
            String token = TestTokens.token(tenant, "platform-api");
            long csvList = createList(token, 1);
            long jsonList = createList(token, 2);
            rewriteListId(json, jsonList);

            // 1. Raw COPY of the same rows into a plain table (no indexes, no checks).
            double rawSeconds;
            try (Connection c = DriverManager.getConnection(PostgresServer.jdbcUrl(database), "postgres", "")) {
                long t0 = System.nanoTime();
                try (Reader in = Files.newBufferedReader(csv)) {
                    ((PGConnection) c).getCopyAPI().copyIn("COPY public.bench_raw FROM STDIN (FORMAT csv, HEADER)", in);
                }
                rawSeconds = (System.nanoTime() - t0) / 1e9;
            }
            System.out.printf("raw COPY: %,d rows in %.2f s = %,.0f rows/s%n", rows, rawSeconds, rows / rawSeconds);

            Result csvResult = importFile(token, "/api/v1/lists/" + csvList + "/imports", "text/csv; charset=UTF-8",
                    csv, "/api/v1/lists/" + csvList + "/imports/", rows);
            Result jsonResult = importFile(token, "/platform-api/v3.0/leads/bulk", "application/json", json,
                    "/platform-api/v3.0/leads/bulk/", rows);

            double raw = rows / rawSeconds;
            System.out.println();
            System.out.println("| run | rows | accepted | duplicates | rejected | upload s | import s (service's work) | end to end s | rows/s end to end | ratio to raw COPY | service CPU s | peak heap used |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| raw COPY (plain table) | %,d | | | | | | %.2f | %,.0f | 1.00 | | |%n", rows,
                    rawSeconds, raw);
            print("CSV import", csvResult, rows, raw);
            print("JSON bulk", jsonResult, rows, raw);
            System.out.printf("%nService heap: %s. Load average at the end: %s%n",
                    heap.isEmpty() ? "JVM default (no -Xmx)" : "-Xmx" + heap,
                    Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            service.destroy();
            service.waitFor();
            deleteTree(dir);
        }
        System.exit(0);
    }

    record Result(long accepted, long duplicates, long rejected, double uploadSeconds, double serviceSeconds,
            double totalSeconds, long peakHeapBytes, double serviceCpuSeconds) {
    }

    static long servicePid;

    /** CPU seconds (user + system) the service process has used so far, from /proc (Linux). */
    static double serviceCpu() {
        try {
            String stat = Files.readString(Path.of("/proc/" + servicePid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    static void print(String name, Result r, int rows, double raw) {
        double perSecond = rows / r.totalSeconds();
        System.out.printf(Locale.ROOT,
                "| %s | %,d | %,d | %,d | %,d | %.2f | %.2f | %.2f | %,.0f | %.2f | %.1f | %,d MiB |%n", name, rows,
                r.accepted(), r.duplicates(), r.rejected(), r.uploadSeconds(), r.serviceSeconds(), r.totalSeconds(),
                perSecond, perSecond / raw, r.serviceCpuSeconds(), r.peakHeapBytes() / (1024 * 1024));
    }

    static Result importFile(String token, String path, String type, Path file, String statusBase, int rows)
            throws Exception {
        AtomicLong peak = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(heapUsed(), Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        double cpu0 = serviceCpu();
        long t0 = System.nanoTime();
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", type)
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        double upload = (System.nanoTime() - t0) / 1e9;
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("Upload answered " + accepted.statusCode() + ": " + accepted.body());
        }
        String uuid = field(accepted.body(), "uuid");
        String status;
        String body;
        do {
            Thread.sleep(250);
            body = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + statusBase + uuid))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            status = field(body, "status");
        } while (!status.equals("completed") && !status.equals("failed"));
        double total = (System.nanoTime() - t0) / 1e9;
        double cpu = serviceCpu() - cpu0;
        sampling.set(false);
        sampler.join();
        if (!status.equals("completed")) {
            throw new IllegalStateException("Import " + uuid + " " + status + ": " + body);
        }
        long accepted2 = Long.parseLong(field(body, "accepted"));
        double rps = Double.parseDouble(field(body, "rowsPerSecond"));
        System.out.printf("%s: upload %.2f s, completed after %.2f s: %s%n", path, upload, total, body);
        return new Result(accepted2, Long.parseLong(field(body, "duplicates")), Long.parseLong(field(body, "rejected")),
                upload, rps > 0 ? rows / rps : 0, total, peak.get(), cpu);
    }

    static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"[^}]*\\} ([0-9.E+]+)");

    static long heapUsed() {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/q/metrics")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = HEAP.matcher(metrics);
            double sum = 0;
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
            return (long) sum;
        } catch (Exception e) {
            return 0;
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No " + name + " in " + json);
        }
        return m.group(1);
    }

    static long createList(String token, long campaignId) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/platform-api/v3.0/lists"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"listName\": \"bench\", \"campaignId\": " + campaignId + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("Creating a list answered " + r.statusCode() + ": " + r.body());
        }
        return Long.parseLong(field(r.body(), "listId"));
    }

    /** N rows; every 100th repeats the previous row's phone (a duplicate in the campaign). */
    static void generate(int rows, Path csv, Path json) throws IOException {
        String[] cities = { "London", "Leeds", "Bristol", "Glasgow", "Cardiff" };
        try (BufferedWriter c = Files.newBufferedWriter(csv); BufferedWriter j = Files.newBufferedWriter(json)) {
            c.write("customerKey,phone1,firstName,lastName,city\n");
            j.write("{\"leads\": [\n");
            for (int i = 0; i < rows; i++) {
                int n = i % 100 == 99 ? i - 1 : i;
                String phone = String.format(n < 1_000_000 ? "07400 %06d" : "07500 %06d", n % 1_000_000);
                String city = cities[i % cities.length];
                c.write("C" + i + "," + phone + ",First" + i + ",Last" + i + "," + city + "\n");
                j.write((i == 0 ? "" : ",\n") + "{\"listId\": LISTID, \"customerKey\": \"C" + i + "\", \"phone1\": \""
                        + phone + "\", \"leadData\": {\"firstName\": \"First" + i + "\", \"lastName\": \"Last" + i
                        + "\", \"city\": \"" + city + "\"}}");
            }
            j.write("\n]}\n");
        }
    }

    static void rewriteListId(Path json, long listId) throws IOException {
        Path tmp = json.resolveSibling("leads-list.json");
        try (var in = Files.newBufferedReader(json); var out = Files.newBufferedWriter(tmp)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line.replace("LISTID", Long.toString(listId)));
                out.write('\n');
            }
        }
        Files.move(tmp, json, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static Process start(String database, String kafka, String heap) throws IOException {
        Path jar = Path.of("lead-service/target/quarkus-app/quarkus-run.jar");
        List<String> command = new java.util.ArrayList<>(List.of("java"));
        if (!heap.isEmpty()) {
            command.add("-Xmx" + heap);
        }
        command.addAll(List.of("-Dquarkus.http.port=" + PORT,
                "-Dquarkus.datasource.reactive.url=" + PostgresServer.reactiveUrl(database),
                "-Dquarkus.datasource.jdbc.url=" + PostgresServer.jdbcUrl(database), "-Dkafka.bootstrap.servers=" + kafka,
                "-Dmp.jwt.verify.publickey.location=" + TestTokens.publicKeyFile().toUri(),
                "-Dmp.jwt.verify.issuer=" + TestTokens.ISSUER, "-Dquarkus.log.level=WARN",
                "-Dquarkus.log.category.\"io.switchboard\".level=INFO", "-jar", jar.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("lead-service/target/import-bench-service.log").toFile()).start();
    }

    static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/q/health/ready")).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("lead-service did not become ready; see lead-service/target/import-bench-service.log");
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
