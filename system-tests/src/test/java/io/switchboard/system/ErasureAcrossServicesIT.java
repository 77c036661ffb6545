package io.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.switchboard.system.SwitchboardSuite.Service;
import io.switchboard.testing.PostgresServer;
import io.switchboard.testing.TestTokens;

/**
 * GDPR erasure across the whole suite: one person's phone number is given to every service through its own API (a
 * callback, leads, a dialler attempt, a CRM record and call log, a webhook delivery), then
 * {@code DELETE /platform-api/v3.0/customer?phoneNumber=} is called once, and every table of every schema in the
 * suite's database, outbox tables included, is searched for the number in any format (E.164, national, spaced: the
 * search compares the digits of each row). Before the erasure the same search must find the number in each service's
 * schema, so the search is shown to work.
 */
class ErasureAcrossServicesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TENANT = "1";

    /** Schemas the number must reach through the APIs above before the erasure (the search's own check). */
    private static final Set<String> MUST_HOLD_IT_BEFORE = Set.of("callback", "lead", "crm", "notification");

    private static SwitchboardSuite suite;
    private static HttpServer webhookReceiver;
    private static final AtomicInteger WEBHOOK_POSTS = new AtomicInteger();

    @BeforeAll
    static void startSuite() throws Exception {
        suite = SwitchboardSuite.start();
        webhookReceiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhookReceiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            WEBHOOK_POSTS.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        if (webhookReceiver != null) {
            webhookReceiver.stop(0);
        }
    }

    @Test
    void shouldLeaveTheNumberNowhereInAnyServiceAfterOneErasure() throws Exception {
        // A UK mobile number of its own per run: 07400 plus six random digits.
        String six = String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        String national = "07400 " + six;
        String e164 = "+447400" + six;
        String digits = "7400" + six;

        String admin = TestTokens.token(TENANT, "switchboard.admin");
        String platform = TestTokens.tokenOf("1059", TENANT, "platform-api");
        String dialler = TestTokens.token(TENANT, "switchboard.dialler");
        String callbacks = TestTokens.token(TENANT, "buzzeasy.callback");

        // notification-service: a webhook of the tenant, so that the callback's events are stored as deliveries.
        HttpResponse<String> webhook = send("POST", Service.NOTIFICATION, "/api/v1/webhooks", admin,
                "{\"url\": \"http://127.0.0.1:" + webhookReceiver.getAddress().getPort() + "/hook\"}");
        assertThat(webhook.statusCode()).as(webhook.body()).isEqualTo(201);
        String webhookId = JSON.readTree(webhook.body()).path("id").asText();

        try {
            // callback-service: a callback for the number, called and finished by a dialler.
            HttpResponse<String> callback = send("POST", Service.CALLBACK, "/api/v1/callbacks", callbacks,
                    "{\"Name\": \"Erin Erasure\", \"phoneNo\": \"" + national + "\", \"region\": \"GB\","
                            + " \"serviceQueue\": 1, \"callType\": 1}");
            assertThat(callback.statusCode()).as(callback.body()).isEqualTo(201);
            String code = JSON.readTree(callback.body()).path("confirmationCode").asText();
            for (String status : List.of("CallingUser", "UserConnected", "CallingAgent", "AgentConnected",
                    "CallSucceeded")) {
                HttpResponse<String> reported = send("POST", Service.CALLBACK,
                        "/api/v1/dialler/callbacks/" + code + "/events", dialler, "{\"status\": \"" + status + "\"}");
                assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
            }

            // lead-service: a lead of the demo list 1 (campaign 2) in a time zone where it is midday now, so that a
            // dialler may claim it; an attempt on it; and the same number as a Buzzeasy campaign contact.
            HttpResponse<String> lead = send("POST", Service.LEAD, "/platform-api/v3.0/leads", platform,
                    "{\"listId\": 1, \"customerKey\": \"erasure-" + six + "\", \"timezone\": \"" + middayZone()
                            + "\", \"phone1\": \"" + national + "\", \"leadData\": {\"note\": \"call " + e164 + "\"}}");
            assertThat(lead.statusCode()).as(lead.body()).isEqualTo(201);
            long leadId = JSON.readTree(lead.body()).path("leadId").asLong();
            HttpResponse<String> claimed = send("POST", Service.LEAD, "/api/v1/dialler/campaigns/2/claims", dialler,
                    "{\"max\": 10, \"leaseSeconds\": 120, \"diallerId\": \"erasure-test\"}");
            assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(200);
            JsonNode mine = null;
            for (JsonNode item : JSON.readTree(claimed.body()).path("items")) {
                if (item.path("leadId").asLong() == leadId) {
                    mine = item;
                }
            }
            assertThat(mine).as("the new lead is claimable: %s", claimed.body()).isNotNull();
            HttpResponse<String> attempt = send("POST", Service.LEAD, "/api/v1/dialler/attempts", dialler,
                    "{\"leadId\": \"" + leadId + "\", \"leaseId\": \"" + mine.path("leaseId").asText()
                            + "\", \"phoneIndex\": \"1\", \"dialStatusId\": \"3\", \"dialStatusName\": \"Abandoned\"}");
            assertThat(attempt.statusCode()).as(attempt.body()).isIn(200, 201);
            HttpResponse<String> contact = send("POST", Service.LEAD, "/api/v1/campaign-contacts", callbacks,
                    "{\"firstName\": \"Erin\", \"secondName\": \"Erasure\", \"phoneNo\": \"" + e164
                            + "\", \"campaignId\": \"1\", \"region\": \"GB\"}");
            assertThat(contact.statusCode()).as(contact.body()).isIn(200, 201);

            // crm-service: a SwitchTransact record and a call log, with an API key of the tenant.
            HttpResponse<String> key = send("POST", Service.CRM, "/api/v1/api-keys", admin,
                    "{\"name\": \"erasure-test\", \"permissions\": [\"General:Read\", \"General:Write\"]}");
            assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
            String apiKey = JSON.readTree(key.body()).path("key").asText();
            HttpResponse<String> record = sendWithKey("/calls/create", apiKey, "{\"firstname\": \"Erin\","
                    + " \"lastname\": \"Erasure\", \"phone\": \"" + national + "\", \"company\": \"Erasure Ltd\"}");
            assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
            HttpResponse<String> log = sendWithKey("/calls/log", apiKey,
                    "{\"CallType\": \"Inbound\", \"CallDirection\": \"Inbound\", \"Number\": \"0" + digits
                            + "\", \"Name\": \"Erin Erasure\", \"DateTime\": \"01-03-26 10:00:00\","
                            + " \"Duration\": \"00:01:00\"}");
            assertThat(log.statusCode()).as(log.body()).isEqualTo(200);

            // Before: the search finds the number in every service that was given it, once the events have
            // travelled (crm-service's copies of the callback and the attempt, the webhook deliveries).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                Set<String> schemas = new TreeSet<>();
                occurrences(digits).keySet().forEach(place -> schemas.add(place.substring(0, place.indexOf('.'))));
                assertThat(schemas).containsAll(MUST_HOLD_IT_BEFORE);
                assertThat(occurrences(digits)).as("crm-service's activities of the callback and the attempt")
                        .containsKeys("crm.activity");
            });
            assertThat(WEBHOOK_POSTS.get()).as("webhook deliveries reached the receiver").isPositive();

            // The erasure, by the number as the caller types it.
            HttpResponse<String> erased = send("DELETE", Service.CRM,
                    "/platform-api/v3.0/customer?phoneNumber=" + national.replace(" ", "%20"), platform, null);
            assertThat(erased.statusCode()).as(erased.body()).isIn(200, 202);
            JsonNode result;
            if (erased.statusCode() == 202) {
                String location = erased.headers().firstValue("Location").orElseThrow();
                String path = URI.create(location).getPath();
                JsonNode[] status = new JsonNode[1];
                // Every participant answers.
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    HttpResponse<String> polled = send("GET", Service.CRM, path, platform, null);
                    assertThat(polled.statusCode()).isEqualTo(200);
                    status[0] = JSON.readTree(polled.body());
                    assertThat(status[0].path("participants")).as(polled.body()).isNotEmpty();
                    for (JsonNode participant : status[0].path("participants")) {
                        assertThat(participant.path("answered").asBoolean()).as(polled.body()).isTrue();
                    }
                });
                result = status[0].path("result");
            } else {
                result = JSON.readTree(erased.body());
            }
            assertThat(result.path("callData").path("callbacks").asLong()).as(result.toString()).isPositive();
            assertThat(result.path("callData").path("callLogs").asLong()).as(result.toString()).isPositive();
            assertThat(result.path("emailData").path("records").asLong()).as(result.toString()).isPositive();
            assertThat(result.path("leadData").path("leads").asLong()).as(result.toString()).isGreaterThanOrEqualTo(2);
            assertThat(result.path("leadData").path("attempts").asLong()).as(result.toString()).isPositive();

            // After: nowhere, in any schema, in any format. notification-service is no participant crm-service
            // waits for, so its redaction may land a moment after the answer.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(
                    () -> assertThat(occurrences(digits)).as("tables and columns still holding %s", e164).isEmpty());
        } finally {
            send("DELETE", Service.NOTIFICATION, "/api/v1/webhooks/" + webhookId, admin, null);
        }
    }

    /**
     * Where the digits occur: "schema.table" to the columns holding them, over every base table of every schema of the
     * suite's database. Each row is compared by its digits only (so "+44 7400 123456", "07400123456" and "7400-123-456"
     * all match); bytea columns are compared by their escaped text too.
     */
    static Map<String, Set<String>> occurrences(String digits) throws SQLException {
        return occurrences(digits, Map.of());
    }

    /**
     * @param excluded
     *            rows left out, by "schema.table" (or "schema.*"): a SQL condition on the table's rows {@code t}
     */
    static Map<String, Set<String>> occurrences(String digits, Map<String, String> excluded) throws SQLException {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        try (Connection db = DriverManager.getConnection(PostgresServer.jdbcUrl(suite.database()), "postgres", "")) {
            List<String[]> tables = new ArrayList<>();
            try (Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery("SELECT table_schema, table_name FROM information_schema.tables"
                            + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog',"
                            + " 'information_schema') ORDER BY 1, 2")) {
                while (rs.next()) {
                    tables.add(new String[] { rs.getString(1), rs.getString(2) });
                }
            }
            assertThat(tables).as("tables in the suite's database").hasSizeGreaterThan(10);
            for (String[] table : tables) {
                Map<String, String> columns = columns(db, table[0], table[1]);
                String qualified = quote(table[0]) + "." + quote(table[1]);
                StringBuilder rowText = new StringBuilder("t::text");
                columns.forEach((column, type) -> {
                    if (type.equals("bytea")) {
                        rowText.append(" || coalesce(encode(t.").append(quote(column)).append(", 'escape'), '')");
                    }
                });
                String exclusion = excluded.getOrDefault(table[0] + "." + table[1],
                        excluded.getOrDefault(table[0] + ".*", "false"));
                String rows = "(SELECT * FROM " + qualified + " t WHERE NOT (" + exclusion + "))";
                if (!matches(db, rows, rowText.toString(), digits)) {
                    continue;
                }
                Set<String> where = new TreeSet<>();
                for (Map.Entry<String, String> column : columns.entrySet()) {
                    String text = column.getValue().equals("bytea")
                            ? "coalesce(encode(t." + quote(column.getKey()) + ", 'escape'), '')"
                            : "t." + quote(column.getKey()) + "::text";
                    if (matches(db, rows, text, digits)) {
                        where.add(column.getKey());
                    }
                }
                found.put(table[0] + "." + table[1], where.isEmpty() ? Set.of("(across columns)") : where);
            }
        }
        return found;
    }

    private static boolean matches(Connection db, String table, String text, String digits) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + " t WHERE regexp_replace("
                        + text + ", '[^0-9]', '', 'g') LIKE '%" + digits + "%')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static Map<String, String> columns(Connection db, String schema, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (var s = db.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A fixed-offset zone where it is about midday now, inside any calling window. */
    private static String middayZone() {
        int hour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int offset = 12 - hour; // -11 .. +12
        // Etc/GMT zones carry the inverted sign: Etc/GMT-3 is UTC+3.
        return offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
    }

    private static String url(Service service, String path) {
        return suite.gateway().orElse(suite.direct(service)) + path;
    }

    private static HttpResponse<String> send(String method, Service service, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service, path)))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).method(method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> sendWithKey(String path, String apiKey, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(Service.CRM, path))).header("X-Api-Key", apiKey)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
