package io.switchboard.crm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.testing.SwitchboardTestResource;
import io.switchboard.testing.TestTokens;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The media store on a real S3-compatible server (S3Proxy over HTTP, signature v4), started by the test. */
@QuarkusTest
@TestProfile(S3MediaTest.S3Storage.class)
@WithTestResource(value = SwitchboardTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class S3MediaTest {

    public static class S3Storage implements QuarkusTestProfile {

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3Server.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of();
        }
    }

    @Test
    void shouldKeepTheBytesInTheBucketServeThemBackAndRemoveThemOnDeletion() {
        String tenant = TestFixtures.newTenant();
        byte[] bytes = MediaTest.audio(700_000);
        long id = MediaTest.upload(tenant, "recording", bytes, "audio/ogg");
        String key = tenant + "/" + id;

        try (S3Client s3 = S3Server.client()) {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(S3Server.BUCKET).key(key));
            assertThat(head.contentLength()).isEqualTo(700_000L);
            assertThat(head.contentType()).startsWith("audio/ogg");
        }

        String token = TestTokens.token(tenant, TestFixtures.PLATFORM);
        byte[] downloaded = given().auth().oauth2(token).get("/platform-api/v3.0/media/" + id).then().statusCode(200)
                .contentType("audio/ogg").extract().asByteArray();
        assertThat(downloaded).isEqualTo(bytes);

        given().auth().oauth2(token).delete("/platform-api/v3.0/media/" + id + "?reason=Retention").then()
                .statusCode(200).body("deleted", equalTo(true));
        try (S3Client s3 = S3Server.client()) {
            assertThatThrownBy(() -> s3.headObject(b -> b.bucket(S3Server.BUCKET).key(key)))
                    .as("the object after deletion").isInstanceOf(NoSuchKeyException.class);
        }
        given().auth().oauth2(token).get("/platform-api/v3.0/media/" + id + "/recording").then().statusCode(200)
                .body("deletionReason", equalTo("Retention"));
    }
}
