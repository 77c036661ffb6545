package io.switchboard.callback.request;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.callback.TestFixtures;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Slot capacity under concurrency, without a queue lock: many parallel requests for one slot, each for a different
 * number, and exactly as many get a place as the slot has; a cancelled booking gives its place to exactly one more.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class ConcurrentLastPlaceTest {

    private static final String TENANT = TestFixtures.newTenant();
    private static final LocalDate TOMORROW = LocalDate.now(ZoneId.of("Europe/London")).plusDays(1);

    @Inject
    Pool pool;

    private static int post(String number, int slot) {
        return given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).contentType(ContentType.JSON)
                .body("{\"phoneNo\": \"" + number + "\", \"serviceQueue\": 7, \"callType\": 2, \"timeslot\": " + slot
                        + ", \"date\": \"" + TOMORROW + "\"}")
                .when().post("/api/v1/callbacks").then().extract().statusCode();
    }

    private static List<Integer> inParallel(List<Callable<Integer>> requests) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(requests.size());
        try {
            List<Integer> statuses = new ArrayList<>();
            for (var result : executor.invokeAll(requests)) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void shouldGiveEachPlaceOfASlotToExactlyOneOfManyConcurrentRequests() throws Exception {
        given().auth().oauth2(TestTokens.token(TENANT, "switchboard.admin")).contentType(ContentType.JSON)
                .body("{\"id\": 7, \"name\": \"Busy\", \"timeZone\": \"Europe/London\","
                        + " \"timeslots\": {\"lengthMinutes\": 30, \"capacity\": 3}}")
                .when().post("/api/v1/service-queues").then().statusCode(201);

        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String number = String.format("+4474005%05d", i);
            requests.add(() -> post(number, 30));
        }
        List<Integer> statuses = inParallel(requests);

        assertThat(statuses).containsOnly(201, 400).filteredOn(status -> status == 201).hasSize(3);
        assertThat(booked(30)).isEqualTo(3);

        // The last place, freed by a cancellation, goes to exactly one of many again.
        String code = pool
                .preparedQuery(
                        "SELECT confirmation_code FROM callback WHERE tenant_id = $1 AND timeslot_id = 30" + " LIMIT 1")
                .execute(Tuple.of(TENANT)).await().indefinitely().iterator().next().getString(0);
        given().auth().oauth2(TestTokens.token(TENANT, "buzzeasy.callback")).when()
                .delete("/api/v1/callbacks/{code}", code).then().statusCode(204);
        requests.clear();
        for (int i = 0; i < 16; i++) {
            String number = String.format("+4474006%05d", i);
            requests.add(() -> post(number, 30));
        }
        assertThat(inParallel(requests)).containsOnly(201, 400).filteredOn(status -> status == 201).hasSize(1);
        assertThat(booked(30)).isEqualTo(3);
    }

    /** Callbacks holding a place in the slot, counted from the callbacks themselves, not from the counter. */
    private long booked(int slot) {
        return pool
                .preparedQuery("SELECT count(*) FROM callback WHERE tenant_id = $1 AND service_queue_id = 7"
                        + " AND timeslot_id = $2 AND state <> 'CANCELLED'")
                .execute(Tuple.of(TENANT, slot)).await().indefinitely().iterator().next().getLong(0);
    }
}
