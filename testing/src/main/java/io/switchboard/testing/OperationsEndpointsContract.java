package io.switchboard.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

/**
 * What an operator checks on every service: it is ready only with its database and Kafka, and it serves OpenAPI,
 * Swagger UI and Prometheus metrics. Each service runs it through a {@code @QuarkusTest} subclass.
 */
public abstract class OperationsEndpointsContract {

    @Test
    void shouldBeLiveAndReadyWithDatabaseAndKafkaChecks() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")).body("checks.name",
                hasItems("Reactive PostgreSQL connections health check", "Kafka broker"));
    }

    @Test
    void shouldServeOpenApiSwaggerUiAndPrometheusMetrics() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }
}
