package io.switchboard.crm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

/** Recordings and voicemails through the dialler API and the Platform API, on the filesystem store. */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class MediaTest {

    static byte[] audio(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    static long upload(String tenant, String type, byte[] bytes, String contentType) {
        return given().auth().oauth2(TestTokens.token(tenant, TestFixtures.DIALLER)).contentType(contentType)
                .body(bytes).post("/api/v1/dialler/media?type=" + type + "&activityId=110&duration=9").then()
                .statusCode(201).header("Location", matchesPattern(".*/platform-api/v3\\.0/media/\\d+"))
                .body("size()", equalTo(2)).extract().jsonPath().getLong("mediaId");
    }

    @Test
    void shouldRegisterDownloadDescribeAndDeleteARecording() {
        String tenant = TestFixtures.newTenant("AU", "Australia/Sydney");
        byte[] bytes = audio(300_000);
        long id = upload(tenant, "recording", bytes, "audio/wav");
        String token = TestTokens.tokenOf("1059", tenant, TestFixtures.PLATFORM);

        byte[] downloaded = given().auth().oauth2(token).get("/platform-api/v3.0/media/" + id).then().statusCode(200)
                .contentType("audio/wav").extract().asByteArray();
        assertThat(downloaded).isEqualTo(bytes);
        given().auth().oauth2(token).get("/platform-api/v3.0/media/" + id + "/recording").then().statusCode(200)
                .body("mediaId", equalTo(id)).body("mediaUri", equalTo("/platform-api/v3.0/media/" + id))
                .body("duration", equalTo(9)).body("size()", equalTo(3));
        given().auth().oauth2(token).get("/platform-api/v3.0/media/" + id + "/voicemail").then().statusCode(404);

        given().auth().oauth2(token).delete("/platform-api/v3.0/media/" + id + "?reason=Removal reason").then()
                .statusCode(200).body("mediaId", equalTo(id)).body("deleted", equalTo(true))
                .body("deletedBy", equalTo(1059)).body("deletionReason", equalTo("Removal reason"))
                .body("deletedTimestamp", matchesPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+1[01]:00"));
        given().auth().oauth2(token).get("/platform-api/v3.0/media/" + id + "/recording").then().statusCode(200)
                .body("mediaId", equalTo(id)).body("mediaUri", equalTo("/platform-api/v3.0/media/" + id))
                .body("duration", equalTo(9)).body("deleted", equalTo(true)).body("deletedBy", equalTo(1059))
                .body("deletionReason", equalTo("Removal reason")).body("size()", equalTo(7));
        given().auth().oauth2(token).get("/platform-api/v3.0/media/" + id).then().statusCode(410)
                .contentType("application/problem+json");
        // A second deletion changes nothing of the first.
        given().auth().oauth2(TestTokens.tokenOf("2000", tenant, TestFixtures.PLATFORM)).contentType(ContentType.JSON)
                .body("{\"reason\": \"again\"}").delete("/platform-api/v3.0/media/" + id).then().statusCode(200)
                .body("deletedBy", equalTo(1059)).body("deletionReason", equalTo("Removal reason"));
    }

    @Test
    void shouldDeleteAVoicemailWithAReasonInTheBodyAndRequireAReason() {
        String tenant = TestFixtures.newTenant("GB", "Europe/London");
        long id = upload(tenant, "voicemail", audio(2_000), "audio/mpeg");
        String token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        given().auth().oauth2(token).get("/platform-api/v3.0/media/" + id + "/voicemail").then().statusCode(200)
                .body("mediaId", equalTo(id)).body("duration", equalTo(9)).body("size()", equalTo(3));
        given().auth().oauth2(token).delete("/platform-api/v3.0/media/" + id).then().statusCode(400);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"reason\": \"Customer asked\"}")
                .delete("/platform-api/v3.0/media/" + id).then().statusCode(200)
                .body("deletionReason", equalTo("Customer asked")).body("deletedBy", equalTo("test-client"));
        given().auth().oauth2(token).get("/platform-api/v3.0/media/" + id).then().statusCode(410);
    }

    @Test
    void shouldRefuseMediaPastTheLimitOrWithoutAnAudioTypeOrAType() {
        String tenant = TestFixtures.newTenant();
        String dialler = TestTokens.token(tenant, TestFixtures.DIALLER);
        given().auth().oauth2(dialler).contentType("audio/wav").body(audio(1_048_577))
                .post("/api/v1/dialler/media?type=recording&activityId=1").then().statusCode(413)
                .contentType("application/problem+json").body("status", equalTo(413));
        given().auth().oauth2(dialler).contentType("text/plain").body("hello")
                .post("/api/v1/dialler/media?type=recording&activityId=1").then().statusCode(415);
        given().auth().oauth2(dialler).contentType("audio/wav").body(audio(10))
                .post("/api/v1/dialler/media?type=video&activityId=1").then().statusCode(400);
        given().auth().oauth2(dialler).contentType("audio/wav").body(audio(10))
                .post("/api/v1/dialler/media?type=recording").then().statusCode(400);
        // Exactly the limit is accepted.
        upload(tenant, "recording", audio(1_048_576), "audio/wav");
    }

    @Test
    void shouldAnswer401And403AndKeepTenantsApart() {
        String tenant = TestFixtures.newTenant();
        long id = upload(tenant, "recording", audio(100), "audio/wav");
        given().contentType("audio/wav").body(audio(10)).post("/api/v1/dialler/media?type=recording&activityId=1")
                .then().statusCode(401);
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.PLATFORM)).contentType("audio/wav").body(audio(10))
                .post("/api/v1/dialler/media?type=recording&activityId=1").then().statusCode(403);
        for (String path : new String[] { "", "/recording", "/voicemail" }) {
            given().get("/platform-api/v3.0/media/" + id + path).then().statusCode(401);
            given().auth().oauth2(TestTokens.token(tenant, TestFixtures.DIALLER))
                    .get("/platform-api/v3.0/media/" + id + path).then().statusCode(403);
        }
        given().delete("/platform-api/v3.0/media/" + id + "?reason=x").then().statusCode(401);
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.DIALLER))
                .delete("/platform-api/v3.0/media/" + id + "?reason=x").then().statusCode(403);
        String other = TestTokens.token(TestFixtures.newTenant(), TestFixtures.PLATFORM);
        given().auth().oauth2(other).get("/platform-api/v3.0/media/" + id).then().statusCode(404);
        given().auth().oauth2(other).get("/platform-api/v3.0/media/" + id + "/recording").then().statusCode(404);
        given().auth().oauth2(other).delete("/platform-api/v3.0/media/" + id + "?reason=x").then().statusCode(404);
        given().auth().oauth2(TestTokens.token(tenant, TestFixtures.PLATFORM)).get("/platform-api/v3.0/media/" + id)
                .then().statusCode(200);
    }
}
