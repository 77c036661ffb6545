package io.switchboard.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.common.events.lead.LeadEvents;
import io.switchboard.testing.KafkaTopics;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;

/** Bulk imports, JSON and CSV: status, counts, error pages, the same rules as single creates, the completion event. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class BulkImportTest {

    @Inject
    CloudEventCodec codec;
    @Inject
    Pool pool;

    String tenant;
    String token;
    long listId;

    @BeforeEach
    void setUp() {
        tenant = TestFixtures.newTenant();
        token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        TestFixtures.campaign(codec, pool, tenant, 3, "Bulk", "Europe/London");
        listId = TestFixtures.list(tenant, 3, "Imported");
    }

    static JsonPath awaitDone(String token, String statusPath) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonPath status = given().auth().oauth2(token).get(statusPath).then().statusCode(200).extract().jsonPath();
            String s = status.getString("status");
            if (s.equals("completed") || s.equals("failed")) {
                return status;
            }
            TestFixtures.sleep(200);
        }
        throw new AssertionError("The import did not finish within 60 s");
    }

    @Test
    void shouldImportJsonLeadsCountingRejectedAndDuplicateRows() {
        long other = TestFixtures.list(tenant, 3, "Second list");
        TestFixtures.lead(tenant,
                "{\"listId\": " + listId + ", \"customerKey\": \"existing\", \"phone1\": \"+447411000000\"}");
        String body = "{\"leads\": [" + "{\"listId\": " + listId
                + ", \"customerKey\": \"a\", \"phone1\": \"07411 000001\", \"leadData\": {\"x\": 1}},"
                + "{\"listId\": \"" + other + "\", \"customerKey\": \"b\", \"phone1\": \"+447411000002\"},"
                + "{\"listId\": " + listId + ", \"customerKey\": \"c\", \"phone1\": \"not a number\"},"
                + "{\"listId\": " + listId + ", \"customerKey\": \"a\", \"phone1\": \"+447411000003\"},"
                + "{\"listId\": " + other + ", \"customerKey\": \"d\", \"phone2\": \"+447411000001\"},"
                + "{\"listId\": " + listId + ", \"customerKey\": \"existing\", \"phone1\": \"+447411000004\"},"
                + "{\"listId\": " + listId + ", \"customerKey\": \"e\", \"phone1\": \"+447411000000\"},"
                + "{\"customerKey\": \"f\"}," + "{\"listId\": 424242, \"customerKey\": \"g\"}," + "{\"LISTID\": "
                + listId + ", \"CustomerKey\": \"h\", \"timezone\": \"Nowhere\", \"statusCode\": \"x\"}," + "42"
                + "], \"ignored\": true}";
        var accepted = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/platform-api/v3.0/leads/bulk").then().statusCode(202)
                .body("status", org.hamcrest.Matchers.oneOf("queued", "running", "completed")).extract();
        String uuid = accepted.jsonPath().getString("uuid");
        assertThat(accepted.header("Location")).endsWith("/platform-api/v3.0/leads/bulk/" + uuid);
        JsonPath done = awaitDone(token, "/platform-api/v3.0/leads/bulk/" + uuid);
        assertThat(done.getString("uuid")).isEqualTo(uuid);
        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getLong("result.total")).isEqualTo(11);
        assertThat(done.getLong("result.accepted")).isEqualTo(2);
        assertThat(done.getLong("result.rejected")).isEqualTo(5);
        assertThat(done.getLong("result.duplicates")).isEqualTo(4);
        assertThat(done.getDouble("result.rowsPerSecond")).isGreaterThan(0);
        assertThat(done.getString("error_link.href")).isEqualTo("/platform-api/v3.0/leads/bulk/" + uuid + "/errors");

        JsonPath errors = given().auth().oauth2(token).get("/platform-api/v3.0/leads/bulk/" + uuid + "/errors").then()
                .statusCode(200).body("pageNo", equalTo(1)).body("limit", equalTo(100)).body("totalPages", equalTo(1))
                .body("nextPageLink", nullValue()).extract().jsonPath();
        assertThat(errors.getList("errorList.row", Integer.class)).containsExactly(3, 8, 9, 10, 10, 11);
        assertThat(errors.getList("errorList.field", String.class)).containsExactly("phone1", "listId", "listId",
                "timezone", "statusCode", null);
        assertThat(errors.getString("errorList[0].message")).isNotBlank();

        // every field of an imported lead, as the single create stores it
        given().auth().oauth2(token).queryParam("customerKey", "a").get("/platform-api/v3.0/leads").then()
                .statusCode(200).body("items", hasSize(1))
                .body("items[0].phones[0].phoneNumber", equalTo("+447411000001"))
                .body("items[0].dataFields.x", equalTo(1)).body("items[0].listId", equalTo((int) listId));
        given().auth().oauth2(token).queryParam("customerKey", "b").get("/platform-api/v3.0/leads").then()
                .statusCode(200).body("items[0].listId", equalTo((int) other));

        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord("switchboard.lead-events",
                r -> (tenant + ":import:" + uuid).equals(r.key()), Duration.ofSeconds(20));
        CloudEvent event = codec.decode(record.value());
        assertThat(event.type()).isEqualTo("switchboard.lead.import-completed");
        assertThat(event.subject()).isEqualTo(uuid);
        var data = codec.data(event, LeadEvents.IMPORT_COMPLETED);
        assertThat(data.importId()).isEqualTo(uuid);
        assertThat(data.listId()).isNull();
        assertThat(data.status()).isEqualTo("completed");
        assertThat(data.total()).isEqualTo(11);
        assertThat(data.accepted()).isEqualTo(2);
        assertThat(data.rejected()).isEqualTo(5);
        assertThat(data.duplicates()).isEqualTo(4);
        assertThat(data.startedAt()).isNotNull();
        assertThat(data.completedAt()).isNotNull();
    }

    @Test
    void shouldImportACsvFileMappingItsHeaderAndKeepingUnknownColumnsAsData() {
        String csv = "\uFEFFCustomerKey,Phone1,first name,TimeZone,plan,listId\r\n"
                + "k1,07411 100001,Ada,Europe/London,gold,999\r\n" + "k2,\"+44 7411 100002\",\"Lovelace, Ada\",,,\r\n"
                + "\r\n" + "k3,bad,Bob,,,\r\n" + "k1,+447411100004,Dup,,,\r\n";
        var response = given().auth().oauth2(token).contentType("text/csv; charset=UTF-8").body(csv)
                .post("/api/v1/lists/" + listId + "/imports").then().statusCode(202).extract();
        String uuid = response.jsonPath().getString("uuid");
        assertThat(response.header("Location")).endsWith("/api/v1/lists/" + listId + "/imports/" + uuid);
        JsonPath done = awaitDone(token, "/api/v1/lists/" + listId + "/imports/" + uuid);
        assertThat(done.getString("status")).isEqualTo("completed");
        assertThat(done.getLong("result.total")).isEqualTo(4);
        assertThat(done.getLong("result.accepted")).isEqualTo(2);
        assertThat(done.getLong("result.rejected")).isEqualTo(1);
        assertThat(done.getLong("result.duplicates")).isEqualTo(1);
        // the same status under the Platform API
        given().auth().oauth2(token).get("/platform-api/v3.0/leads/bulk/" + uuid).then().statusCode(200)
                .body("result.accepted", equalTo(2));
        given().auth().oauth2(token).get("/api/v1/lists/" + listId + "/imports/" + uuid + "/errors").then()
                .statusCode(200).body("errorList", hasSize(1)).body("errorList[0].row", equalTo(3))
                .body("errorList[0].field", equalTo("phone1"));
        given().auth().oauth2(token).queryParam("customerKey", "k2").get("/platform-api/v3.0/leads").then()
                .statusCode(200).body("items[0].dataFields.'first name'", equalTo("Lovelace, Ada"))
                .body("items[0].phones[0].phoneNumber", equalTo("+447411100002"));
        given().auth().oauth2(token).queryParam("customerKey", "k1").get("/platform-api/v3.0/leads").then()
                .statusCode(200).body("items[0].dataFields.plan", equalTo("gold"))
                .body("items[0].dataFields.listId", nullValue()).body("items[0].timezone", equalTo("Europe/London"));
        ConsumerRecord<String, String> record = KafkaTopics.awaitRecord("switchboard.lead-events",
                r -> (tenant + ":import:" + uuid).equals(r.key()), Duration.ofSeconds(20));
        assertThat(codec.data(codec.decode(record.value()), LeadEvents.IMPORT_COMPLETED).listId()).isEqualTo(listId);
    }

    @Test
    void shouldPageTheErrorsWithLinksToTheNextPage() {
        StringBuilder csv = new StringBuilder("customerKey,phone1\n");
        for (int i = 1; i <= 25; i++) {
            csv.append("e").append(i).append(",12\n");
        }
        String uuid = given().auth().oauth2(token).contentType("text/csv").body(csv.toString())
                .post("/api/v1/lists/" + listId + "/imports").then().statusCode(202).extract().jsonPath()
                .getString("uuid");
        String base = "/platform-api/v3.0/leads/bulk/" + uuid;
        awaitDone(token, base);
        given().auth().oauth2(token).queryParam("pageNo", 2).queryParam("limit", 10).get(base + "/errors").then()
                .statusCode(200).body("pageNo", equalTo(2)).body("limit", equalTo(10)).body("totalPages", equalTo(3))
                .body("errorList", hasSize(10)).body("errorList[0].row", equalTo(11))
                .body("nextPageLink", equalTo(base + "/errors?pageNo=3&limit=10"));
        given().auth().oauth2(token).queryParam("pageNo", 3).queryParam("limit", 10).get(base + "/errors").then()
                .statusCode(200).body("errorList", hasSize(5)).body("nextPageLink", nullValue());
        given().auth().oauth2(token).queryParam("pageNo", 0).get(base + "/errors").then().statusCode(400);
        given().auth().oauth2(token).queryParam("limit", 100000).get(base + "/errors").then().statusCode(400);
    }

    @Test
    void shouldFailAnUploadThatBreaksOffKeepingTheRowsBeforeIt() {
        String body = "{\"leads\": [{\"listId\": " + listId + ", \"customerKey\": \"ok\"}, {\"listId\": " + listId
                + ", \"customerKey\": \"broken\"";
        String uuid = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/platform-api/v3.0/leads/bulk").then().statusCode(202).extract().jsonPath().getString("uuid");
        JsonPath done = awaitDone(token, "/platform-api/v3.0/leads/bulk/" + uuid);
        assertThat(done.getString("status")).isEqualTo("failed");
        assertThat(done.getLong("result.accepted")).isEqualTo(1);
        assertThat(done.getString("error_link.href")).endsWith("/errors");
        given().auth().oauth2(token).get("/platform-api/v3.0/leads/bulk/" + uuid + "/errors").then().statusCode(200)
                .body("errorList", hasSize(1)).body("errorList[0].row", equalTo(2))
                .body("errorList[0].message", org.hamcrest.Matchers.startsWith("The JSON cannot be read"));
    }

    @Test
    void shouldShowNoErrorLinkWhenNothingWasRejected() {
        String uuid = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"leads\": [{\"listId\": " + listId + ", \"customerKey\": \"clean\"}]}")
                .post("/platform-api/v3.0/leads/bulk").then().statusCode(202).extract().jsonPath().getString("uuid");
        awaitDone(token, "/platform-api/v3.0/leads/bulk/" + uuid);
        given().auth().oauth2(token).get("/platform-api/v3.0/leads/bulk/" + uuid).then().statusCode(200)
                .body("error_link", anEmptyMap()).body("result.total", equalTo(1))
                .body("result.rowsPerSecond", greaterThan(0f));
        given().auth().oauth2(token).get("/platform-api/v3.0/leads/bulk/" + uuid + "/errors").then().statusCode(200)
                .body("errorList", hasSize(0)).body("totalPages", equalTo(0)).body("nextPageLink", nullValue());
    }

    @Test
    void shouldRefuseAnEmptyBodyAndUnknownImportsAndKeepTenantsApart() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("").post("/platform-api/v3.0/leads/bulk").then()
                .statusCode(400);
        given().auth().oauth2(token).contentType("text/csv").body("a,b\n").post("/api/v1/lists/987654/imports").then()
                .statusCode(404);
        given().auth().oauth2(token).get("/platform-api/v3.0/leads/bulk/not-a-uuid").then().statusCode(404);
        String uuid = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"leads\": []}")
                .post("/platform-api/v3.0/leads/bulk").then().statusCode(202).extract().jsonPath().getString("uuid");
        given().auth().oauth2(TestTokens.token(TestFixtures.newTenant(), TestFixtures.PLATFORM))
                .get("/platform-api/v3.0/leads/bulk/" + uuid).then().statusCode(404);
        assertThat(awaitDone(token, "/platform-api/v3.0/leads/bulk/" + uuid).getLong("result.total")).isZero();
    }

    @Test
    void shouldAnswer401WithoutATokenAnd403WithoutTheScope() {
        String dialler = TestTokens.token(tenant, TestFixtures.DIALLER);
        given().contentType(ContentType.JSON).body("{\"leads\": []}").post("/platform-api/v3.0/leads/bulk").then()
                .statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(dialler).contentType(ContentType.JSON).body("{\"leads\": []}")
                .post("/platform-api/v3.0/leads/bulk").then().statusCode(403);
        for (String path : List.of("/platform-api/v3.0/leads/bulk/" + java.util.UUID.randomUUID(),
                "/platform-api/v3.0/leads/bulk/" + java.util.UUID.randomUUID() + "/errors",
                "/api/v1/lists/" + listId + "/imports/" + java.util.UUID.randomUUID())) {
            given().get(path).then().statusCode(401);
            given().auth().oauth2(dialler).get(path).then().statusCode(403);
        }
        given().contentType("text/csv").body("a\n").post("/api/v1/lists/" + listId + "/imports").then().statusCode(401);
        given().auth().oauth2(dialler).contentType("text/csv").body("a\n").post("/api/v1/lists/" + listId + "/imports")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.ADMIN)).contentType("text/csv")
                .body("customerKey\nz\n").post("/api/v1/lists/" + listId + "/imports").then().statusCode(202)
                .header("Location", endsWith(""));
    }
}
