package io.switchboard.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.switchboard.common.events.legacy.LegacyCredentialEvents;
import io.switchboard.common.events.legacy.LegacyCredentialEvents.CredentialChanged;
import io.switchboard.common.events.legacy.LegacyCredentialEvents.CredentialRevoked;
import io.switchboard.common.legacy.LegacyPasswords;
import io.switchboard.testing.SwitchboardTestResource;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The legacy EWT methods check company + password against the hashes callback-service announces
 * ({@code LegacyCredentialEvents} on {@code switchboard.service-queue-events}): a changed password takes effect, the
 * old one stops working even after it was checked (and remembered) before, a late older change is ignored, a revoked
 * company is refused.
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class LegacyCredentialsTest {

    @Inject
    Pool pool;

    private static ValidatableResponse getEwt(String company, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"serviceQueue\":\"1\",\"company\":\"" + company + "\",\"password\":\"" + password + "\"}")
                .when().post("/RequestCallbackService/Service.svc/rest/GetEWTByServiceID").then().statusCode(200);
    }

    private static ValidatableResponse updateEwt(String company, String password) {
        return given().contentType(ContentType.JSON)
                .body("{\"serviceQueue\":\"1\",\"ewt\":\"3\",\"company\":\"" + company + "\",\"password\":\"" + password
                        + "\"}")
                .when().post("/RequestCallbackService/Service.svc/rest/UpdateEWTRecord").then().statusCode(200);
    }

    private void changed(String company, String hash, OffsetDateTime at) {
        TestFixtures.publish(LegacyCredentialEvents.CHANGED, company, company, company,
                new CredentialChanged(company, hash, at));
    }

    @Test
    void shouldFollowTheCredentialsCallbackServiceAnnounces() {
        String company = TestFixtures.newTenant();
        TestFixtures.serviceQueue(company, 1);
        OffsetDateTime t = OffsetDateTime.now().minusHours(1);
        String first = LegacyPasswords.hash("First-P@ss");
        String second = LegacyPasswords.hash("Second-P@ss");

        // Unknown until announced.
        getEwt(company, "First-P@ss").body(equalTo("-1"));
        changed(company, first, t);
        TestFixtures.awaitHash(pool, company, first);
        getEwt(company, "First-P@ss").body(equalTo("0"));
        getEwt(company, "First-P@ss").body(equalTo("0"));
        getEwt(company, "wrong").body(equalTo("-1"));

        // A new password: the old one, checked and remembered above, no longer opens the company.
        changed(company, second, t.plusMinutes(1));
        TestFixtures.awaitHash(pool, company, second);
        getEwt(company, "First-P@ss").body(equalTo("-1"));
        updateEwt(company, "First-P@ss").body(equalTo("false"));
        getEwt(company, "Second-P@ss").body(equalTo("0"));
        updateEwt(company, "Second-P@ss").body(equalTo("true"));
        getEwt(company, "Second-P@ss").body(equalTo("3"));

        // A late copy of the first change is older than the second: ignored. (A later event on the same key, another
        // company's credential, has been applied once its hash is there.)
        changed(company, first, t);
        String marker = TestFixtures.newTenant();
        TestFixtures.publish(LegacyCredentialEvents.CHANGED, company, marker, marker,
                new CredentialChanged(marker, first, t));
        TestFixtures.awaitHash(pool, marker, first);
        getEwt(company, "First-P@ss").body(equalTo("-1"));
        getEwt(company, "Second-P@ss").body(equalTo("3"));

        // Revoked: refused, though the password was checked a moment ago.
        TestFixtures.publish(LegacyCredentialEvents.REVOKED, company, company, company,
                new CredentialRevoked(company, t.plusMinutes(2)));
        TestFixtures.awaitHash(pool, company, null);
        getEwt(company, "Second-P@ss").body(equalTo("-1"));
        updateEwt(company, "Second-P@ss").body(equalTo("false"));
    }
}
