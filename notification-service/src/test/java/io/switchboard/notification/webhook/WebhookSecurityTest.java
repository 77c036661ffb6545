package io.switchboard.notification.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.notification.EventPublisher;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import db.migration.V2__EncryptWebhookSecrets;

/**
 * Webhooks cannot be turned against the platform's own network, do not follow redirects, and keep their signing secrets
 * encrypted at rest. The test profile allows 127.0.0.1/32 only (for the test receivers): every other internal address
 * is refused as in production.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class WebhookSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    @Inject
    WebhookSecrets secrets;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private static String admin(String tenant) {
        return "Bearer " + TestTokens.token(tenant, "switchboard.admin");
    }

    private static String tenant() {
        return "7" + (Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000);
    }

    @Test
    void shouldRefuseWebhooksToLoopbackLinkLocalPrivateAndMulticastAddresses() {
        String tenant = tenant();
        for (String url : List.of("http://127.0.0.2:8085/hook", "http://[::1]/hook",
                "http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/hook", "http://172.16.3.4/hook",
                "http://192.168.1.10/hook", "http://100.64.0.1/hook", "http://[fc00::1]/hook",
                "http://[fd12:3456::1]/hook", "http://[fe80::1]/hook", "http://224.0.0.251/hook",
                "http://[ff02::1]/hook", "http://0.0.0.0:8085/hook", "http://[::ffff:169.254.169.254]/hook")) {
            given().header("Authorization", admin(tenant)).contentType(ContentType.JSON).body(Map.of("url", url))
                    .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("detail", containsString("webhooks may not reach"));
        }
        given().header("Authorization", admin(tenant)).get("/api/v1/webhooks").then().statusCode(200).body("$",
                hasSize(0));
        // The operator's allowed range (127.0.0.1/32 in the test profile) is accepted.
        given().header("Authorization", admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/hook")).post("/api/v1/webhooks").then().statusCode(201);
    }

    @Test
    void shouldCheckTheAddressAgainAtDeliveryTime() throws Exception {
        // A receiver on 127.0.0.2: reachable on this machine, but loopback outside the allowed range. A webhook row
        // that points there (registered before the rule, or a name whose DNS answer changed since) is not POSTed to.
        try (var receiver = new WebhookReceiver(InetAddress.getByName("127.0.0.2"));
                var events = new EventPublisher()) {
            String tenant = tenant();
            UUID id = UUID.randomUUID();
            pool.preparedQuery("INSERT INTO webhook (id, tenant_id, url, secret) VALUES ($1, $2, $3, $4)")
                    .execute(Tuple.of(id, tenant, receiver.url(), secrets.encrypt(id, "whsec_test"))).await()
                    .indefinitely();
            String eventId = events.statusChanged(tenant, 7, EventPublisher.newCode(), "CallingUser");
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> given().header("Authorization", admin(tenant))
                            .get("/api/v1/webhooks/dead-letters").then().statusCode(200).body("$", hasSize(1))
                            .body("[0].eventId", equalTo(eventId)).body("[0].attempts", equalTo(3))
                            .body("[0].lastError", containsString("127.0.0.2, an address webhooks may not reach")));
            assertThat(receiver.nextOrNull(200)).as("nothing reached the internal address").isNull();
        }
    }

    @Test
    void shouldNotFollowRedirects() throws Exception {
        try (var target = new WebhookReceiver();
                var redirecting = new WebhookReceiver();
                var events = new EventPublisher()) {
            String tenant = tenant();
            given().header("Authorization", admin(tenant)).contentType(ContentType.JSON)
                    .body(Map.of("url", redirecting.url())).post("/api/v1/webhooks").then().statusCode(201);
            redirecting.answerByDefault(307);
            redirecting.redirectTo(target.url());
            String eventId = events.statusChanged(tenant, 7, EventPublisher.newCode(), "CallingUser");
            for (int attempt = 0; attempt < 3; attempt++) { // max-attempts is 3 in the test profile
                assertThat(JSON.readTree(redirecting.next().body()).get("id").asText()).isEqualTo(eventId);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> given().header("Authorization", admin(tenant))
                            .get("/api/v1/webhooks/dead-letters").then().body("$", hasSize(1))
                            .body("[0].lastStatus", equalTo(307)).body("[0].lastError", equalTo("HTTP 307")));
            assertThat(target.nextOrNull(300)).as("the redirect was not followed").isNull();
        }
    }

    @Test
    void shouldStoreTheSigningSecretEncryptedNotInClear() {
        String tenant = tenant();
        Map<String, Object> created = given().header("Authorization", admin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("url", "https://hooks.example.com/switchboard")).post("/api/v1/webhooks").then()
                .statusCode(201).extract().jsonPath().getMap("$");
        String secret = (String) created.get("secret");
        UUID id = UUID.fromString((String) created.get("id"));
        String stored = pool.preparedQuery("SELECT secret FROM webhook WHERE id = $1").execute(Tuple.of(id)).await()
                .indefinitely().iterator().next().getString("secret");

        assertThat(stored).startsWith("v1:").doesNotContain(secret).doesNotContain(secret.substring(6));
        assertThat(secrets.decrypt(id, stored)).isEqualTo(secret);
        // Bound to its row: the same ciphertext does not decrypt as another webhook's secret.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> secrets.decrypt(UUID.randomUUID(), stored))
                .isInstanceOf(IllegalStateException.class);
        // A fresh nonce per encryption: the same secret never encrypts the same way twice.
        assertThat(secrets.encrypt(id, secret)).isNotEqualTo(stored);
    }

    @Test
    void shouldEncryptTheSecretsThatWereStoredInClearWhenMigrating() throws Exception {
        String schema = "migration_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        UUID clear = UUID.randomUUID();
        UUID alreadyEncrypted = UUID.randomUUID();
        String encrypted = secrets.encrypt(alreadyEncrypted, "whsec_already");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            try (Statement sql = connection.createStatement()) {
                sql.execute("CREATE SCHEMA " + schema);
                sql.execute("SET search_path TO " + schema);
                sql.execute(new String(getClass().getResourceAsStream("/db/migration/V1__webhooks.sql").readAllBytes(),
                        StandardCharsets.UTF_8));
                sql.execute("INSERT INTO webhook (id, tenant_id, url, secret) VALUES ('" + clear
                        + "', '1', 'https://a.example.com', 'whsec_in_clear'), ('" + alreadyEncrypted
                        + "', '1', 'https://b.example.com', '" + encrypted + "')");
            }
            new V2__EncryptWebhookSecrets().migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return connection;
                }
            });
            try (Statement sql = connection.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT id, secret FROM webhook ORDER BY url")) {
                rows.next();
                String migrated = rows.getString("secret");
                assertThat(migrated).startsWith("v1:").doesNotContain("whsec_in_clear");
                assertThat(secrets.decrypt(clear, migrated)).isEqualTo("whsec_in_clear");
                rows.next();
                assertThat(rows.getString("secret")).as("already encrypted: left alone").isEqualTo(encrypted);
            } finally {
                try (Statement sql = connection.createStatement()) {
                    sql.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }
}
