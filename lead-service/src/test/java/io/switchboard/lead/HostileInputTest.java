package io.switchboard.lead;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.switchboard.common.events.CloudEventCodec;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Every operation of lead-service, sent what a hostile client would: NUL characters, over-long strings, numbers no
 * column holds, duplicate keys, trailing garbage. Each answer is a 4xx problem document with a type (never a 5xx), and
 * the service still answers a normal request afterwards.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class HostileInputTest {

    private static final String NUL = "\\u0000";

    @Inject
    CloudEventCodec codec;
    @Inject
    Pool pool;

    String tenant;
    long listId;
    long leadId;
    final List<String> failures = new ArrayList<>();

    @BeforeEach
    void setUp() {
        tenant = TestFixtures.newTenant();
        TestFixtures.campaign(codec, pool, tenant, 2, "Sales Outbound", "Australia/Sydney");
        listId = TestFixtures.list(tenant, 2, "List One");
        leadId = TestFixtures.lead(tenant, "{\"listId\": " + listId + ", \"customerKey\": \"k1\","
                + " \"timezone\": \"Australia/Sydney\", \"phone1\": \"0499 999 999\"}");
    }

    private io.restassured.specification.RequestSpecification as(String scope) {
        // paths and queries are sent as written: %00 reaches the service as a NUL character
        return given().urlEncodingEnabled(false).auth().oauth2(TestTokens.token(tenant, scope))
                .contentType(ContentType.JSON);
    }

    private void refused(String what, Response r) {
        int status = r.statusCode();
        String type = status >= 400 && r.contentType().startsWith("application/problem+json")
                ? r.jsonPath().getString("type")
                : null;
        if (status < 400 || status >= 500 || type == null) {
            String body = r.asString();
            failures.add(what + " -> " + status + " " + r.contentType() + " "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
    }

    private String lead(String field, String json) {
        return "{\"listId\": " + listId + ", \"customerKey\": \"k2\", \"timezone\": \"Australia/Sydney\","
                + " \"phone1\": \"0499 999 998\", \"" + field + "\": " + json + "}";
    }

    @Test
    void shouldRefuseHostileLeadsWithProblemsAndStayHealthy() {
        String platform = TestFixtures.PLATFORM;
        for (String field : List.of("customerKey", "timezone", "phone1", "phone2", "statusCode", "agentId",
                "nextAttemptTimestamp", "listId")) {
            refused("create " + field + " NUL",
                    as(platform).body(lead(field, "\"1" + NUL + "\"")).post("/platform-api/v3.0/leads"));
            refused("patch " + field + " NUL", as(platform).body("{\"" + field + "\": \"1" + NUL + "\"}")
                    .patch("/platform-api/v3.0/leads/" + leadId));
        }
        for (String number : List.of("99999999999", "9223372036854775808", "-9223372036854775809", "1e400")) {
            for (String field : List.of("statusCode", "agentId", "listId")) {
                if (number.equals("99999999999") && field.equals("agentId")) {
                    continue; // an agent id is a bigint: this one fits
                }
                refused("create " + field + "=" + number,
                        as(platform).body(lead(field, number)).post("/platform-api/v3.0/leads"));
                refused("patch " + field + "=" + number, as(platform).body("{\"" + field + "\": " + number + "}")
                        .patch("/platform-api/v3.0/leads/" + leadId));
            }
        }
        for (String data : List.of("{\"a\": \"x" + NUL + "\"}", "{\"a" + NUL + "\": 1}",
                "{\"a\": [{\"b\": \"" + NUL + "\"}]}", "\"" + NUL + "\"", "{\"a\": \"" + "x".repeat(200_000) + "\"}")) {
            refused("create leadData " + data.length(),
                    as(platform).body(lead("leadData", data)).post("/platform-api/v3.0/leads"));
            refused("patch leadData " + data.length(),
                    as(platform).body("{\"leadData\": " + data + "}").patch("/platform-api/v3.0/leads/" + leadId));
        }
        refused("customerKey too long", as(platform).body(lead("customerKey", "\"" + "k".repeat(100_000) + "\""))
                .post("/platform-api/v3.0/leads"));
        refused("patch customerKey too long", as(platform).body("{\"customerKey\": \"" + "k".repeat(100_000) + "\"}")
                .patch("/platform-api/v3.0/leads/" + leadId));
        refused("duplicate key", as(platform).body("{\"listId\": 1, \"listId\": 2}").post("/platform-api/v3.0/leads"));
        refused("trailing", as(platform).body(lead("statusCode", "1") + " x").post("/platform-api/v3.0/leads"));
        refused("patch duplicate", as(platform).body("{\"customerKey\": \"a\", \"customerKey\": \"b\"}")
                .patch("/platform-api/v3.0/leads/" + leadId));
        refused("patch array", as(platform).body("[]").patch("/platform-api/v3.0/leads/" + leadId));
        refused("patch leadData array",
                as(platform).body("{\"leadData\": [1]}").patch("/platform-api/v3.0/leads/" + leadId));
        for (String query : List.of("customerKey=%00", "customerKey=" + "k".repeat(1000), "statusCode=99999999999",
                "campaignId=99999999999999999999", "listId=-1x", "uploadedTimestampFrom=x%00", "limit=99999999999",
                "cursor=%00")) {
            refused("list ?" + query, as(platform).get("/platform-api/v3.0/leads?" + query));
        }
        refused("get lead 2^63", as(platform).get("/platform-api/v3.0/leads/9223372036854775808"));
        refused("list NUL", as(platform).body("{\"listName\": \"L" + NUL + "\", \"campaignId\": 2}")
                .post("/platform-api/v3.0/lists"));
        refused("list long", as(platform).body("{\"listName\": \"" + "L".repeat(100_000) + "\", \"campaignId\": 2}")
                .post("/platform-api/v3.0/lists"));
        refused("list campaign", as(platform).body("{\"listName\": \"L\", \"campaignId\": \"99999999999999999999\"}")
                .post("/platform-api/v3.0/lists"));
        refused("lists ?campaignId", as(platform).get("/platform-api/v3.0/lists?campaignId=%00"));
        refused("dialler ?leadId", as(platform).get("/platform-api/v3.0/dialler?leadId=99999999999999999999"));
        refused("dialler ?from", as(platform).get("/platform-api/v3.0/dialler?dialledTimestampFrom=%00"));
        refused("bulk status NUL", as(platform).get("/platform-api/v3.0/leads/bulk/%00"));
        refused("bulk errors", as(platform).get("/platform-api/v3.0/leads/bulk/x/errors?pageNo=99999999999"));

        String admin = TestFixtures.ADMIN;
        refused("dnc NUL", as(admin).body("{\"phoneNumber\": \"+61499999999\", \"reason\": \"r" + NUL + "\"}")
                .post("/api/v1/do-not-call"));
        refused("dnc region NUL", as(admin).body("{\"phoneNumber\": \"0499999999\", \"region\": \"A" + NUL + "\"}")
                .post("/api/v1/do-not-call"));
        refused("dnc reason long",
                as(admin).body("{\"phoneNumber\": \"+61499999999\", \"reason\": \"" + "r".repeat(100_000) + "\"}")
                        .post("/api/v1/do-not-call"));
        refused("dnc get NUL", as(admin).get("/api/v1/do-not-call/%00"));
        refused("dnc get region NUL", as(admin).get("/api/v1/do-not-call/0499999999?region=%00"));
        refused("dnc list cursor", as(admin).get("/api/v1/do-not-call?cursor=%00"));
        refused("policy NUL",
                as(admin).body("{\"callingWindowStart\": \"0" + NUL + "\"}").put("/api/v1/dialler/campaigns/2/policy"));
        refused("policy huge", as(admin).body("{\"retryMinutes\": 99999999999, \"maxAttempts\": 2147483647}")
                .put("/api/v1/dialler/campaigns/2/policy"));
        refused("policy max", as(admin).body("{\"retryMinutes\": 2147483647, \"maxAttempts\": 2147483647}")
                .put("/api/v1/dialler/campaigns/2/policy"));
        refused("policy statuses",
                as(admin).body("{\"completingStatusIds\": [99999999999]}").put("/api/v1/dialler/campaigns/2/policy"));
        refused("policy outcome",
                as(admin).body("{\"outcomeType\": \"p" + NUL + "\"}").put("/api/v1/dialler/campaigns/2/policy"));

        String dialler = TestFixtures.DIALLER;
        refused("claim NUL", as(dialler).body("{\"max\": 1, \"diallerId\": \"d" + NUL + "\"}")
                .post("/api/v1/dialler/campaigns/2/claims"));
        refused("claim huge", as(dialler).body("{\"max\": 99999999999}").post("/api/v1/dialler/campaigns/2/claims"));
        refused("claim lease", as(dialler).body("{\"max\": 1, \"leaseSeconds\": 2147483647}")
                .post("/api/v1/dialler/campaigns/2/claims"));
        refused("claim long id", as(dialler).body("{\"max\": 1, \"diallerId\": \"" + "d".repeat(100_000) + "\"}")
                .post("/api/v1/dialler/campaigns/2/claims"));
        refused("attempt NUL",
                as(dialler)
                        .body("{\"leadId\": \"" + leadId + "\", \"leaseId\": \"x" + NUL
                                + "\", \"phoneIndex\": \"1\", \"dialStatusId\": \"1\"}")
                        .post("/api/v1/dialler/attempts"));
        refused("attempt name NUL",
                as(dialler).body("{\"leadId\": \"" + leadId
                        + "\", \"leaseId\": \"00000000-0000-0000-0000-000000000000\", \"phoneIndex\": \"1\","
                        + " \"dialStatusId\": \"1\", \"dialStatusName\": \"n" + NUL
                        + "\", \"agentId\": \"99999999999999999999\"}").post("/api/v1/dialler/attempts"));
        refused("attempt huge",
                as(dialler)
                        .body("{\"leadId\": \"99999999999999999999\", \"phoneIndex\": \"99999999999\","
                                + " \"dialStatusId\": \"99999999999\", \"startedAt\": \"0001-01-01T00:00:00Z\"}")
                        .post("/api/v1/dialler/attempts"));

        refused("contact NUL",
                as(TestFixtures.CONTACTS)
                        .body("{\"firstName\": \"A" + NUL
                                + "\", \"phoneNo\": \"0499999997\", \"campaignId\": \"2\", \"region\": \"AU\"}")
                        .post("/api/v1/campaign-contacts"));
        refused("contact field NUL",
                as(TestFixtures.CONTACTS)
                        .body("{\"firstName\": \"A\", \"field3\": \"" + NUL
                                + "\", \"phoneNo\": \"0499999997\", \"campaignId\": \"2\", \"region\": \"AU\"}")
                        .post("/api/v1/campaign-contacts"));
        refused("contact long",
                as(TestFixtures.CONTACTS)
                        .body("{\"firstName\": \"" + "A".repeat(100_000)
                                + "\", \"phoneNo\": \"0499999997\", \"campaignId\": \"2\", \"region\": \"AU\"}")
                        .post("/api/v1/campaign-contacts"));
        refused("contact campaign",
                as(TestFixtures.CONTACTS)
                        .body("{\"firstName\": \"A\", \"phoneNo\": \"0499999997\","
                                + " \"campaignId\": \"99999999999999999999\", \"region\": \"AU\"}")
                        .post("/api/v1/campaign-contacts"));

        assertThat(failures).isEmpty();
        as(platform).get("/platform-api/v3.0/leads/" + leadId).then().statusCode(200);
    }
}
