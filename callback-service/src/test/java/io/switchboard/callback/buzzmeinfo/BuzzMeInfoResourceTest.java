package io.switchboard.callback.buzzmeinfo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.callback.TestFixtures;
import io.switchboard.common.legacy.LegacyPasswords;
import io.switchboard.testing.SwitchboardTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class BuzzMeInfoResourceTest {

    private static final String COMPANY = String.valueOf(1000 + (int) (Math.random() * 1_000_000));
    private static final String PASSWORD = "s3cret-" + COMPANY;
    private static final String BY_NUMBER = "/BuzzMeInfo/InfoService.svc/rest/GetCallDataByNumber";
    private static final String BY_PIN = "/BuzzMeInfo/InfoService.svc/rest/GetCallDataByPin";

    @Inject
    Pool pool;

    private static boolean seeded;

    @BeforeEach
    void company() {
        if (!seeded) {
            TestFixtures.serviceQueue(pool, COMPANY, 1, "Support", "Europe/London");
            pool.preparedQuery("INSERT INTO legacy_credential (tenant_id, password_hash) VALUES ($1, $2)")
                    .execute(Tuple.of(COMPANY, LegacyPasswords.hash(PASSWORD))).await().indefinitely();
            seeded = true;
        }
    }

    /** A callback as intake and a dialler would leave it; returns its confirmation code. */
    private String callback(String tenant, String state, String phone, String pin, OffsetDateTime scheduledFor) {
        String code = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        pool.preparedQuery("INSERT INTO callback (id, tenant_id, confirmation_code, service_queue_id, call_type,"
                + " customer_name, phone_number, region, field1, field3, state, last_call_status, retries, pin,"
                + " scheduled_for, due_at, created_at, updated_at) VALUES ($1, $2, $3, 1, $4, 'Ada Lovelace', $5, 'GB',"
                + " 'order 42', 'vip', $6, 'USER_CONNECTED', 1, $7, $8, now(), '2026-03-02 08:15:00+00', now())")
                .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addString(tenant).addString(code)
                        .addShort((short) (scheduledFor == null ? 1 : 2)).addString(phone).addString(state)
                        .addString(pin).addOffsetDateTime(scheduledFor))
                .await().indefinitely();
        return code;
    }

    private static ValidatableResponse byNumber(String number, String company, String password) {
        return given().queryParam("presentedNumber", number).queryParam("companyId", company)
                .queryParam("password", password).when().get(BY_NUMBER).then();
    }

    private static ValidatableResponse byPin(String pin, String company, String password) {
        return given().queryParam("pin", pin).queryParam("companyId", company).queryParam("password", password).when()
                .get(BY_PIN).then();
    }

    @Test
    void shouldAnswerTheCallBeingConnectedToAPresentedNumberWithEveryCallDataField() {
        String code = callback(COMPANY, "IN_PROGRESS", "+447400111222", null,
                OffsetDateTime.parse("2026-07-01T09:30:00Z"));

        byNumber("+447400111222", COMPANY, PASSWORD).statusCode(200).contentType("application/json")
                .body("CustomerName", equalTo("Ada Lovelace")).body("UserPhoneNo", equalTo("+447400111222"))
                .body("serviceQueueName", equalTo("Support")).body("Retries", equalTo(1))
                .body("field1", equalTo("Field1 | order 42")).body("field2", nullValue())
                .body("field3", equalTo("Field3 | vip")).body("field10", nullValue())
                .body("ConfirmationCode", equalTo(code))
                // 09:30 UTC is 10:30 in the queue's Europe/London summer time
                .body("ScheduledTime", equalTo("2026-07-01 10:30:00")).body("keySet()",
                        equalTo(java.util.Set.of("CustomerName", "UserPhoneNo", "serviceQueueName", "Retries", "field1",
                                "field2", "field3", "field4", "field5", "field6", "field7", "field8", "field9",
                                "field10", "ConfirmationCode", "ScheduledTime")));
    }

    @Test
    void shouldMatchThePresentedNumberInAnyFormatLibphonenumberReads() {
        String code = callback(COMPANY, "IN_PROGRESS", "+447400333444", null, null);
        byNumber("07400 333444", COMPANY, PASSWORD).body("ConfirmationCode", equalTo(code));
        byNumber("00447400333444", COMPANY, PASSWORD).body("ConfirmationCode", equalTo(code));
        // an unencoded '+' in a query string arrives as a space
        given().urlEncodingEnabled(false).when()
                .get(BY_NUMBER + "?presentedNumber=+447400333444&companyId=" + COMPANY + "&password=" + PASSWORD).then()
                .statusCode(200).body("ConfirmationCode", equalTo(code));
    }

    @Test
    void shouldAnswerNullWhenNoCallIsBeingConnectedToTheNumber() {
        callback(COMPANY, "PENDING", "+447400555666", null, null);
        callback(COMPANY, "SUCCEEDED", "+447400555666", null, null);
        byNumber("+447400555666", COMPANY, PASSWORD).statusCode(200).contentType("application/json")
                .body(equalTo("null"));
        byNumber("not a number", COMPANY, PASSWORD).statusCode(200).body(equalTo("null"));
    }

    @Test
    void shouldAnswerTheActiveCallbackWithAPin() {
        String code = callback(COMPANY, "PENDING", "+447400777888", "48213", null);

        byPin("48213", COMPANY, PASSWORD).statusCode(200).contentType("application/json")
                .body("CustomerName", equalTo("Ada Lovelace")).body("UserPhoneNo", equalTo("+447400777888"))
                .body("serviceQueue", equalTo(1)).body("Retries", equalTo(1))
                .body("field1", equalTo("Field1 | order 42")).body("field3", equalTo("Field3 | vip"))
                .body("ConfirmationCode", equalTo(code)).body("TimeCalled", equalTo("2026-03-02 08:15:00"))
                .body("keySet()",
                        equalTo(java.util.Set.of("CustomerName", "UserPhoneNo", "serviceQueue", "Retries", "field1",
                                "field2", "field3", "field4", "field5", "field6", "field7", "field8", "field9",
                                "field10", "ConfirmationCode", "TimeCalled")));
    }

    @Test
    void shouldAnswerNullForAPinOfAFinishedCallbackOrNoneAtAll() {
        callback(COMPANY, "SUCCEEDED", "+447400999000", "55501", null);
        byPin("55501", COMPANY, PASSWORD).statusCode(200).body(equalTo("null"));
        byPin("00000", COMPANY, PASSWORD).statusCode(200).body(equalTo("null"));
    }

    @Test
    void shouldAnswerNullForWrongOrMissingCredentials() {
        callback(COMPANY, "IN_PROGRESS", "+447400121212", "66601", null);
        byPin("66601", COMPANY, "wrong").statusCode(200).contentType("application/json").body(equalTo("null"));
        byPin("66601", "999999999", PASSWORD).statusCode(200).body(equalTo("null"));
        given().queryParam("pin", "66601").queryParam("companyId", COMPANY).when().get(BY_PIN).then().statusCode(200)
                .body(equalTo("null"));
        byNumber("+447400121212", COMPANY, "wrong").statusCode(200).body(equalTo("null"));
        given().when().get(BY_NUMBER).then().statusCode(200).body(equalTo("null"));
    }

    @Test
    void shouldNeverAnswerAnotherCompanysCallData() {
        String other = String.valueOf(2_000_000 + (int) (Math.random() * 1_000_000));
        TestFixtures.serviceQueue(pool, other, 1, "Elsewhere", "Europe/Dublin");
        pool.preparedQuery("INSERT INTO legacy_credential (tenant_id, password_hash) VALUES ($1, $2)")
                .execute(Tuple.of(other, LegacyPasswords.hash("other-password"))).await().indefinitely();
        callback(COMPANY, "IN_PROGRESS", "+447400343434", "77701", null);

        byPin("77701", other, "other-password").statusCode(200).body(equalTo("null"));
        byNumber("+447400343434", other, "other-password").statusCode(200).body(equalTo("null"));
        byPin("77701", other, PASSWORD).statusCode(200).body(equalTo("null"));
    }
}
