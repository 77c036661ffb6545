package io.switchboard.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.switchboard.common.input.NoNulStrings;

/** Lenient in names (the .NET contract), strict in structure and in what can be stored. */
class DotNetCompatibleJsonTest {

    public record Named(String name, Long serviceQueue, List<String> tags, Map<String, Object> fields, JsonNode data) {
    }

    private final ObjectMapper mapper = mapper();

    public record Timed(OffsetDateTime occurredAt) {
    }

    private static ObjectMapper mapper() {
        // As Quarkus builds it: with java.time support.
        ObjectMapper m = new ObjectMapper().registerModule(new JavaTimeModule());
        new DotNetCompatibleJson().customize(m);
        return m;
    }

    @Test
    void shouldReadNamesInAnyCaseAndNumbersAsStrings() throws Exception {
        Named n = mapper.readValue("{\"NAME\": \"a\", \"serviceQueue\": \"7\"}", Named.class);
        assertThat(n.name()).isEqualTo("a");
        assertThat(n.serviceQueue()).isEqualTo(7L);
    }

    @Test
    void shouldRefuseAnEmptyStringForATimeButReadNullAsLeftOut() throws Exception {
        assertThatThrownBy(() -> mapper.readValue("{\"occurredAt\": \"\"}", Timed.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThat(mapper.readValue("{\"occurredAt\": null}", Timed.class).occurredAt()).isNull();
        assertThat(mapper.readValue("{\"occurredAt\": \"2026-12-01T10:00:00Z\"}", Timed.class).occurredAt())
                .isEqualTo(OffsetDateTime.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void shouldRefuseADuplicateKey() {
        assertThatThrownBy(() -> mapper.readValue("{\"name\": \"a\", \"name\": \"b\"}", Named.class))
                .isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> mapper.readTree("{\"a\": 1, \"a\": 2}")).isInstanceOf(JsonParseException.class);
    }

    @Test
    void shouldRefuseAnythingAfterTheValue() {
        assertThatThrownBy(() -> mapper.readValue("{\"name\": \"a\"} garbage", Named.class))
                .isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"name\": \"a\"} {}", Named.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> mapper.readTree("[1] 2")).isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void shouldRefuseNulInStringsListsMapValuesAndKeys() {
        assertThatThrownBy(() -> mapper.readValue("{\"name\": \"a\\u0000b\"}", Named.class))
                .isInstanceOf(NoNulStrings.UnstorableText.class);
        assertThatThrownBy(() -> mapper.readValue("{\"tags\": [\"ok\", \"\\u0000\"]}", Named.class))
                .isInstanceOf(NoNulStrings.UnstorableText.class);
        assertThatThrownBy(() -> mapper.readValue("{\"fields\": {\"a\": \"\\u0000\"}}", Named.class))
                .isInstanceOf(NoNulStrings.UnstorableText.class);
        assertThatThrownBy(() -> mapper.readValue("{\"fields\": {\"a\\u0000\": 1}}", Named.class))
                .isInstanceOf(NoNulStrings.UnstorableText.class);
        assertThatThrownBy(() -> mapper.readValue("{\"fields\": {\"a\": [{\"b\": \"\\u0000\"}]}}", Named.class))
                .isInstanceOf(NoNulStrings.UnstorableText.class);
    }

    @Test
    void shouldRefuseNulAnywhereInATree() throws Exception {
        assertThatThrownBy(() -> mapper.readValue("{\"data\": {\"a\": [1, {\"b\": \"x\\u0000\"}]}}", Named.class))
                .isInstanceOf(NoNulStrings.UnstorableText.class);
        assertThatThrownBy(() -> mapper.readValue("{\"data\": {\"\\u0000\": 1}}", Named.class))
                .isInstanceOf(NoNulStrings.UnstorableText.class);
        assertThatThrownBy(() -> mapper.readTree("[\"\\u0000\"]")).isInstanceOf(NoNulStrings.UnstorableText.class);
        assertThat(mapper.readValue("{\"data\": null}", Named.class).data().isNull()).isTrue();
        assertThat(mapper.readValue("{\"data\": {\"k\": \"v\"}}", Named.class).data().path("k").asText())
                .isEqualTo("v");
    }

    @Test
    void shouldStillReadOrdinaryText() throws Exception {
        Named n = mapper.readValue("{\"name\": \"Zoë \\u00e9 \\ud83d\\ude00\", \"tags\": [\"x\"],"
                + " \"fields\": {\"k\": \"v\", \"n\": 1}}", Named.class);
        assertThat(n.name()).isEqualTo("Zoë é 😀");
        assertThat(n.tags()).containsExactly("x");
        assertThat(n.fields()).containsEntry("k", "v").containsEntry("n", 1);
    }
}
