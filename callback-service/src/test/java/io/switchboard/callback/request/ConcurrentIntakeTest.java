package io.switchboard.callback.request;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.switchboard.callback.TestFixtures;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The intake rules under many parallel requests, with no queue lock: a repeated number gets one callback, PINs stay
 * unique when they collide often (two-digit PINs here, so collisions are near certain), and concurrent changes of one
 * callback are serialised, never a 500.
 */
@QuarkusTest
@TestProfile(ConcurrentIntakeTest.TwoDigitPins.class)
@WithTestResource(SwitchboardTestResource.class)
class ConcurrentIntakeTest {

    /** A PIN space of 100, so that 40 requests collide on PINs many times. */
    public static class TwoDigitPins implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.callback.pin-digits", "2");
        }
    }

    private static final String TENANT = TestFixtures.newTenant();
    private static boolean queueCreated;

    @Inject
    Pool pool;

    private void queue() {
        if (queueCreated) {
            return;
        }
        queueCreated = true;
        given().auth().oauth2(TestTokens.token(TENANT, "switchboard.admin")).contentType(ContentType.JSON)
                .body("{\"id\": 1, \"name\": \"Open\", \"timeZone\": \"Europe/London\"}").when()
                .post("/api/v1/service-queues").then().statusCode(201);
    }

    private static ExtractableResponse<Response> post(String number) {
        return given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"" + number + "\", \"serviceQueue\": 1, \"callType\": 1}").when()
                .post("/api/v1/callbacks").then().extract();
    }

    private static <T> List<T> inParallel(List<Callable<T>> requests) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(requests.size());
        try {
            List<T> results = new ArrayList<>();
            for (var result : executor.invokeAll(requests)) {
                results.add(result.get());
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void shouldAnswerEveryConcurrentRepeatOfANumberWithTheOneCallbackItCreated() throws Exception {
        queue();
        List<Callable<ExtractableResponse<Response>>> requests = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            requests.add(() -> post("+447400700001"));
        }
        List<ExtractableResponse<Response>> answers = inParallel(requests);

        assertThat(answers).extracting(ExtractableResponse::statusCode).containsOnly(201, 200)
                .filteredOn(status -> status == 201).hasSize(1);
        Set<String> codes = new HashSet<>();
        answers.forEach(answer -> codes.add(answer.path("confirmationCode")));
        assertThat(codes).hasSize(1);
        String code = codes.iterator().next();
        assertThat(count("SELECT count(*) FROM callback WHERE tenant_id = $1 AND phone_number = '+447400700001'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE message_key = '" + code
                + "' AND event_type = 'switchboard.callback.requested'")).isEqualTo(1);
    }

    @Test
    void shouldAnswer503WithRetryAfterNotA500WhenEveryPinIsTaken() {
        // A tenant of its own, whose 100 PINs (two digits) fill up.
        String tenant = TestFixtures.newTenant();
        given().auth().oauth2(TestTokens.token(tenant, "switchboard.admin")).contentType(ContentType.JSON)
                .body("{\"id\": 1, \"name\": \"Open\", \"timeZone\": \"Europe/London\"}").when()
                .post("/api/v1/service-queues").then().statusCode(201);
        int created = 0;
        int refused = 0;
        for (int i = 0; i < 115; i++) {
            ExtractableResponse<Response> answer = given().auth().oauth2(TestTokens.token(tenant, "buzzeasy.callback"))
                    .contentType(ContentType.JSON)
                    .body("{\"phoneNo\": \"" + String.format("+4474009%05d", i)
                            + "\", \"serviceQueue\": 1, \"callType\": 1}")
                    .when().post("/api/v1/callbacks").then().extract();
            if (answer.statusCode() == 201) {
                created++;
                continue;
            }
            assertThat(answer.statusCode()).as(answer.body().asString()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isEqualTo("60");
            assertThat(answer.<String> path("type")).endsWith("/no-free-pin");
            refused++;
        }
        assertThat(created).as("at most one active callback per PIN").isLessThanOrEqualTo(100).isGreaterThan(50);
        assertThat(refused).isEqualTo(115 - created);
        var rows = pool.preparedQuery("SELECT count(*), count(DISTINCT pin) FROM callback WHERE tenant_id = $1")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next();
        assertThat(rows.getLong(0)).as("every 201 stored, no refused request left a row").isEqualTo(created);
        assertThat(rows.getLong(1)).isEqualTo(created);
    }

    @Test
    void shouldGiveEveryConcurrentRequestAPinNoOtherActiveCallbackHolds() throws Exception {
        queue();
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String number = String.format("+4474008%05d", i);
            requests.add(() -> post(number).statusCode());
        }
        assertThat(inParallel(requests)).containsOnly(201);

        var rows = pool.preparedQuery("SELECT pin FROM callback WHERE tenant_id = $1 AND phone_number LIKE '+4474008%'")
                .execute(Tuple.of(TENANT)).await().indefinitely();
        Set<String> pins = new HashSet<>();
        rows.forEach(row -> pins.add(row.getString(0)));
        assertThat(rows.size()).isEqualTo(40);
        assertThat(pins).hasSize(40).allMatch(pin -> pin.matches("\\d{2}"));
    }

    @Test
    void shouldSerialiseConcurrentChangesOfOneCallbackAndNeverFail() throws Exception {
        queue();
        String code = post("+447400700002").path("confirmationCode");
        String token = TestTokens.token(TENANT, "buzzeasy.callback");
        List<Callable<Integer>> patches = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = "Name " + i;
            patches.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"name\": \"" + name + "\"}").when().patch("/api/v1/callbacks/{code}", code).then()
                    .extract().statusCode());
        }
        assertThat(inParallel(patches)).containsOnly(200);
        assertThat(count("SELECT version FROM callback WHERE confirmation_code = '" + code + "'")).isEqualTo(12);

        List<Callable<Integer>> mixed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            if (i % 2 == 0) {
                mixed.add(() -> given().auth().oauth2(token).when().delete("/api/v1/callbacks/{code}", code).then()
                        .extract().statusCode());
            } else {
                mixed.add(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\": \"Late\"}")
                        .when().patch("/api/v1/callbacks/{code}", code).then().extract().statusCode());
            }
        }
        List<Integer> statuses = inParallel(mixed);
        assertThat(statuses).isSubsetOf(200, 204, 409);
        assertThat(statuses.subList(0, 12).stream().filter(status -> status == 204).count()).isEqualTo(6);
        assertThat(count("SELECT count(*) FROM outbox_event WHERE message_key = '" + code
                + "' AND event_type = 'switchboard.callback.cancelled'")).isEqualTo(1);
    }

    private long count(String sql) {
        Tuple args = sql.contains("$1") ? Tuple.of(TENANT) : Tuple.tuple();
        return pool.preparedQuery(sql).execute(args).await().indefinitely().iterator().next().getLong(0);
    }
}
