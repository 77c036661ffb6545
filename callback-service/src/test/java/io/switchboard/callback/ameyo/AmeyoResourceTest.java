package io.switchboard.callback.ameyo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.callback.TestFixtures;
import io.switchboard.common.legacy.LegacyPasswords;
import io.switchboard.testing.KafkaTopics;
import io.switchboard.testing.SwitchboardTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class AmeyoResourceTest {

    private static final String COMPANY = "am-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String PASSWORD = "ameyo-secret";
    private static final String FILTERED = "/ameyorestapi/voice/customerCallbacks/getFiltered";
    private static final OffsetDateTime ADDED = OffsetDateTime.parse("2026-03-01T10:00:00Z");
    private static final OffsetDateTime DUE = OffsetDateTime.parse("2026-03-05T14:30:00Z");
    private static long nextQueue = 10;
    private static String session;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @BeforeEach
    void company() {
        if (session == null) {
            credential(COMPANY, PASSWORD);
            session = openSession(COMPANY, PASSWORD);
        }
    }

    private void credential(String company, String password) {
        pool.preparedQuery("INSERT INTO legacy_credential (tenant_id, password_hash) VALUES ($1, $2)")
                .execute(Tuple.of(company, LegacyPasswords.hash(password))).await().indefinitely();
    }

    private static String openSession(String company, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"company\": \"" + company + "\", \"password\": \"" + password + "\"}").when()
                .post("/ameyorestapi/voice/sessions").then().statusCode(200).extract().path("sessionId");
    }

    private long queue() {
        long id = ++nextQueue;
        TestFixtures.serviceQueue(pool, COMPANY, id, "Queue " + id, "Europe/London");
        return id;
    }

    private String callback(String tenant, long queue, String state, OffsetDateTime due, String userId, boolean self,
            String name) {
        String code = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        pool.preparedQuery("INSERT INTO callback (id, tenant_id, confirmation_code, service_queue_id, call_type,"
                + " customer_name, phone_number, state, due_at, created_at, user_id, self_callback)"
                + " VALUES ($1, $2, $3, $4, 2, $5, '+447400123456', $6, $7, $8, $9, $10)")
                .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addString(tenant).addString(code).addLong(queue)
                        .addString(name).addString(state).addOffsetDateTime(due).addOffsetDateTime(ADDED)
                        .addString(userId).addBoolean(self))
                .await().indefinitely();
        return code;
    }

    private static ValidatableResponse filtered(String query) {
        return given().header("sessionId", session).when().post(FILTERED + "?" + query).then();
    }

    @Test
    void shouldRefuseAnOffsetOrTimeOutOfRangeInAmeyosErrorShape() {
        filtered("limit=10&offset=4294967295").statusCode(400).contentType("application/json")
                .body("status", org.hamcrest.Matchers.equalTo(400))
                .body("info", org.hamcrest.Matchers.containsString("CallBackManager.invalid.offset"));
        filtered("limit=10&fromDateAdded=9223372036854775807").statusCode(400).body("info",
                org.hamcrest.Matchers.containsString("CallBackManager.invalid.fromDateAdded"));
        filtered("limit=10&offset=0").statusCode(200);
    }

    @Test
    void shouldOpenASessionWithTheCompanyCredentials() {
        long before = System.currentTimeMillis();
        long expiresAt = given().contentType(ContentType.JSON)
                .body("{\"company\": \"" + COMPANY + "\", \"password\": \"" + PASSWORD + "\"}").when()
                .post("/ameyorestapi/voice/sessions").then().statusCode(200).contentType("application/json")
                .body("sessionId", notNullValue()).extract().jsonPath().getLong("expiresAt");
        assertThat(expiresAt).isBetween(before + Duration.ofHours(8).toMillis() - 60_000,
                System.currentTimeMillis() + Duration.ofHours(8).toMillis());
    }

    @Test
    void shouldRefuseASessionForWrongCredentialsWith401() {
        for (String body : new String[] { "{\"company\": \"" + COMPANY + "\", \"password\": \"wrong\"}",
                "{\"company\": \"no-such-company\", \"password\": \"" + PASSWORD + "\"}", "{}", "" }) {
            given().contentType(ContentType.JSON).body(body).when().post("/ameyorestapi/voice/sessions").then()
                    .statusCode(401).contentType("application/json")
                    .body("message", equalTo("Invalid company or password.")).body("info", nullValue())
                    .body("status", equalTo(401)).body("errorCode", equalTo(401));
        }
    }

    @Test
    void shouldListScheduledCallbacksOfACampaignInTheSeedsShape() {
        long queue = queue();
        String code = callback(COMPANY, queue, "SCHEDULED", DUE, "Stieve", true, "Ada");
        callback(COMPANY, queue, "SUCCEEDED", DUE, "Stieve", false, "Ada");
        callback(COMPANY, queue, "IN_PROGRESS", DUE, "Stieve", false, "Ada");

        filtered("limit=10&campaignId=" + queue + "&offset=0").statusCode(200).contentType("application/json")
                .body("", hasSize(1)).body("[0].customerCallbackId", equalTo(code))
                .body("[0].campaignId", equalTo((int) queue))
                .body("[0].callbackTime", equalTo(DUE.toInstant().toEpochMilli()))
                .body("[0].selfCallback", equalTo(true)).body("[0].userId", equalTo("Stieve"))
                .body("[0].phone", equalTo("+447400123456")).body("[0].customerId", notNullValue())
                .body("[0].dateAdded", equalTo(ADDED.toInstant().toEpochMilli()))
                .body("[0].keySet()", equalTo(java.util.Set.of("customerCallbackId", "campaignId", "callbackTime",
                        "selfCallback", "userId", "phone", "customerId", "dateAdded")));
    }

    @Test
    void shouldCapTheLimitAt100AndPageWithOffset() {
        long queue = queue();
        pool.preparedQuery("INSERT INTO callback (id, tenant_id, confirmation_code, service_queue_id, call_type,"
                + " phone_number, state, due_at) SELECT gen_random_uuid(), $1, 'CAP' || $2 || '-' || lpad(n::text, 3,"
                + " '0'), $2, 1, '+447400123456', 'PENDING', $3::timestamptz + n * interval '1 minute'"
                + " FROM generate_series(1, 105) AS n").execute(Tuple.of(COMPANY, queue, DUE)).await().indefinitely();

        filtered("limit=150&campaignId=" + queue).statusCode(200).body("", hasSize(100)).body("[0].customerCallbackId",
                equalTo("CAP" + queue + "-001"));
        filtered("limit=10&offset=100&campaignId=" + queue).statusCode(200).body("", hasSize(5))
                .body("[0].customerCallbackId", equalTo("CAP" + queue + "-101"));
    }

    @Test
    void shouldFilterByAgentsDatesAndInformation() {
        long queue = queue();
        String stieve = callback(COMPANY, queue, "PENDING", DUE, "Stieve", false, null);
        String anna = callback(COMPANY, queue, "RESCHEDULED", DUE.plusDays(2), "Anna", false, "Anna's customer");
        String nobody = callback(COMPANY, queue, "CLAIMED", DUE.plusDays(4), null, false, null);
        String base = "limit=100&campaignId=" + queue;
        long due = DUE.toInstant().toEpochMilli();
        long day = Duration.ofDays(1).toMillis();

        assertThat(codes(base)).containsExactly(stieve, anna, nobody);
        assertThat(codes(base + "&userIds=Stieve&userIds=Anna")).containsExactly(stieve, anna);
        assertThat(codes(base + "&userIds=Anna,Nobody")).containsExactly(anna);
        assertThat(codes(base + "&fromDateScheduled=" + (due + day) + "&toDateScheduled=" + (due + 3 * day)))
                .containsExactly(anna);
        assertThat(codes(base + "&toDateScheduled=" + due)).containsExactly(stieve);
        assertThat(codes(base + "&fromDateAdded=" + (ADDED.toInstant().toEpochMilli() + 1))).isEmpty();
        assertThat(codes(base + "&toDateAdded=" + ADDED.toInstant().toEpochMilli())).hasSize(3);
        assertThat(codes(base + "&info=true")).containsExactly(anna);
        assertThat(codes(base + "&info=false")).hasSize(3);
        // the same parameters in a JSON body
        List<String> fromBody = given().header("sessionId", session).contentType(ContentType.JSON)
                .body("{\"limit\": \"100\", \"campaignId\": " + queue + ", \"userIds\": [\"Anna\"]}").when()
                .post(FILTERED).then().statusCode(200).extract().path("customerCallbackId");
        assertThat(fromBody).containsExactly(anna);
    }

    private List<String> codes(String query) {
        return filtered(query).statusCode(200).extract().path("customerCallbackId");
    }

    @Test
    void shouldAnswer400InAmeyosShapeForAMissingOrBadLimit() {
        filtered("campaignId=1").statusCode(400).contentType("application/json")
                .body("message", equalTo("limit is required and must be at least 1."))
                .body("info", equalTo("[\"CallBackManager.invalid.limit\", null]")).body("status", equalTo(400));
        filtered("limit=0").statusCode(400);
        filtered("limit=ten").statusCode(400).body("info", equalTo("[\"CallBackManager.invalid.limit\", \"ten\"]"));
        filtered("limit=10&offset=-1").statusCode(400);
    }

    @Test
    void shouldAnswer401WithoutAValidSession() {
        given().when().post(FILTERED + "?limit=10").then().statusCode(401).contentType("application/json")
                .body("message", equalTo("A valid sessionId header is required.")).body("status", equalTo(401))
                .body("errorCode", equalTo(401));
        given().header("sessionId", "made-up").when().post(FILTERED + "?limit=10").then().statusCode(401);
        given().header("sessionId", "made-up").when().delete("/ameyorestapi/voice/customerCallbacks/ANY").then()
                .statusCode(401);

        String expiring = openSession(COMPANY, PASSWORD);
        pool.preparedQuery(
                "UPDATE ameyo_session SET expires_at = now() - interval '1 second'" + " WHERE token_hash = $1")
                .execute(Tuple.of(AmeyoSessions.hash(expiring))).await().indefinitely();
        given().header("sessionId", expiring).when().post(FILTERED + "?limit=10").then().statusCode(401);
    }

    @Test
    void shouldDeleteAScheduledCallbackAnsweringOkAndAnnounceIt() throws Exception {
        long queue = queue();
        String code = callback(COMPANY, queue, "SCHEDULED", DUE, "Stieve", false, "Ada");

        given().header("sessionId", session).when().delete("/ameyorestapi/voice/customerCallbacks/{id}", code).then()
                .statusCode(200).contentType("application/json").body(equalTo("\"OK\""));

        filtered("limit=10&campaignId=" + queue).body("", empty());
        var event = mapper.readTree(KafkaTopics.awaitRecord("switchboard.callback-events",
                // the due announcer may announce the (past-due) callback first: look for the cancellation
                r -> code.equals(r.key()) && r.value().contains("\"switchboard.callback.cancelled\""),
                Duration.ofSeconds(20)).value());
        assertThat(event.path("type").asText()).isEqualTo("switchboard.callback.cancelled");
        assertThat(event.path("data").path("state").asText()).isEqualTo("CANCELLED");
        // gone: a second delete is an unknown id
        given().header("sessionId", session).when().delete("/ameyorestapi/voice/customerCallbacks/{id}", code).then()
                .statusCode(512);
    }

    @Test
    void shouldAnswer512WithTheSeedsErrorBodyForAnUnknownId() {
        given().header("sessionId", session).when()
                .delete("/ameyorestapi/voice/customerCallbacks/{id}", "d810-59423051-cm-0").then().statusCode(512)
                .contentType("application/json").body("message", nullValue())
                .body("info", equalTo("[\"CallBackManager.invalid.campcust.callback.id\", \"d810-59423051-cm-0\"]"))
                .body("status", equalTo(512)).body("errorCode", equalTo(512));
    }

    @Test
    void shouldAnswerAnEmptyIdInAmeyosShapeNotWithAProblemDocument() {
        given().header("sessionId", session).when().delete("/ameyorestapi/voice/customerCallbacks/").then()
                .statusCode(512).contentType("application/json")
                .body("info", equalTo("[\"CallBackManager.invalid.campcust.callback.id\", \"\"]"))
                .body("errorCode", equalTo(512));
    }

    @Test
    void shouldNeverShowOrDeleteAnotherTenantsCallbacks() {
        long queue = queue();
        String code = callback(COMPANY, queue, "SCHEDULED", DUE, "Stieve", false, "Ada");
        String other = "am-" + UUID.randomUUID().toString().substring(0, 8);
        credential(other, "other-secret");
        String otherSession = openSession(other, "other-secret");

        given().header("sessionId", otherSession).when().post(FILTERED + "?limit=100&campaignId=" + queue).then()
                .statusCode(200).body("", empty());
        given().header("sessionId", otherSession).when().delete("/ameyorestapi/voice/customerCallbacks/{id}", code)
                .then().statusCode(512);
        assertThat(codes("limit=10&campaignId=" + queue)).containsExactly(code);
    }
}
