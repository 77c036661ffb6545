package io.switchboard.notification.signalr;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.notification.HostileAnswers;
import io.switchboard.testing.SwitchboardTestResource;

/**
 * The SignalR hub sent what a hostile client would: invocations of every wrong shape, NUL, huge and out-of-range values
 * (issue 12).
 */
@QuarkusTest
@WithTestResource(SwitchboardTestResource.class)
class SignalRHostileInputTest {

    private static final String NUL = "\\u0000";
    private static final String CONNECTION_DATA = "[{\"name\":\"notifyme\"}]";

    private final HostileAnswers answers = new HostileAnswers();

    @Test
    void shouldAnswerHubInvocationsOfTheWrongShapeWith400() {
        String token = given().queryParam("clientProtocol", "2.1").queryParam("connectionData", CONNECTION_DATA)
                .get("/signalr/negotiate").then().statusCode(200).extract().path("ConnectionToken");
        given().queryParam("transport", "longPolling").queryParam("clientProtocol", "2.1")
                .queryParam("connectionToken", token).queryParam("connectionData", CONNECTION_DATA)
                .get("/signalr/start").then().statusCode(200);
        for (String data : List.of("", "null", "[]", "42", "\"x\"", "{}", "{\"H\": 1, \"M\": 2}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": \"CODE\", \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [{}], \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [[1, 2]], \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [null], \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [1e400], \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [99999999999999999999999], \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [\"C" + "\u0000" + "\"], \"I\": 0}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [\"CODE\"], \"I\": {}}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [\"CODE\"], \"I\": 1e400}",
                "{\"H\": \"notifyme\", \"H\": \"other\", \"M\": \"Subscribe\", \"A\": [\"CODE\"]}",
                "{\"H\": \"notifyme\", \"M\": \"Subscribe\", \"A\": [\"CODE\"]} trailing",
                "{\"H\": \"notifyme\", \"M\": \"" + "S".repeat(100_000) + "\", \"A\": [\"CODE\"]}")) {
            Response r = given().queryParam("transport", "longPolling").queryParam("clientProtocol", "2.1")
                    .queryParam("connectionToken", token).queryParam("connectionData", CONNECTION_DATA)
                    .contentType("application/x-www-form-urlencoded; charset=UTF-8").formParam("data", data)
                    .post("/signalr/send");
            answers.noServerError("send " + (data.length() > 80 ? data.substring(0, 80) : data), r);
        }
        answers.noServerError("send without data", given().queryParam("transport", "longPolling")
                .queryParam("connectionToken", token).post("/signalr/send"));
        answers.noServerError("send NUL token", given().queryParam("transport", "longPolling")
                .queryParam("connectionToken", "\u0000").formParam("data", "{}").post("/signalr/send"));
        answers.noServerError("negotiate bad data",
                given().queryParam("connectionData", "[{\"name\": 1}, 2, \"\u0000\"]").get("/signalr/negotiate"));
        answers.noServerError("negotiate object data",
                given().queryParam("connectionData", "{\"name\": \"notifyme\"}").get("/signalr/negotiate"));
        assertThat(answers.failures()).isEmpty();
        given().get("/signalr/ping").then().statusCode(200);
    }
}
