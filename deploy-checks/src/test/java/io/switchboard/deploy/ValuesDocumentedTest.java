package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every value has a {@code ## @param} line, an entry in values.schema.json and a row in the chart README; the schema
 * refuses keys it does not list.
 */
class ValuesDocumentedTest {

    private static final Pattern PARAM = Pattern.compile("^\\s*## @param (\\S+) (.+)$", Pattern.MULTILINE);

    @Test
    void shouldDocumentEveryValueWithAParamLine() throws IOException {
        Set<String> params = params();
        List<String> undocumented = new ArrayList<>();
        walk(values(), "", params, undocumented);

        assertThat(undocumented).as("values without a ## @param line").isEmpty();
        for (String param : params) {
            assertThat(at(values(), param).isMissingNode()).as("@param %s names no value", param).isFalse();
        }
    }

    @Test
    void shouldDescribeEveryDocumentedValueInTheSchema() throws IOException {
        JsonNode schema = schema();
        for (String param : params()) {
            JsonNode node = schema;
            for (String key : param.split("\\.")) {
                node = node.path("properties").path(key);
            }
            assertThat(node.isMissingNode()).as("values.schema.json lacks %s", param).isFalse();
            assertThat(node.path("description").asText()).as("schema description of %s", param).isNotBlank();
        }
    }

    @Test
    void shouldRefuseKeysTheSchemaDoesNotList() throws IOException {
        List<String> open = new ArrayList<>();
        closed(schema(), "", open);
        assertThat(open).as("schema objects that accept any key").isEmpty();
    }

    @Test
    void shouldListEveryValueInTheChartReadme() throws IOException {
        String readme = Tools.read(Tools.CHART.resolve("README.md"));
        for (String param : params()) {
            assertThat(readme).as("README row for %s", param).contains("| `" + param + "` |");
        }
    }

    static Set<String> params() {
        Set<String> params = new LinkedHashSet<>();
        Matcher matcher = PARAM.matcher(Tools.read(Tools.CHART.resolve("values.yaml")));
        while (matcher.find()) {
            assertThat(params.add(matcher.group(1))).as("@param %s twice", matcher.group(1)).isTrue();
        }
        return params;
    }

    private static JsonNode values() throws IOException {
        return Chart.YAML.readTree(Tools.CHART.resolve("values.yaml").toFile());
    }

    private static JsonNode schema() throws IOException {
        return new ObjectMapper().readTree(Tools.CHART.resolve("values.schema.json").toFile());
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String key : path.split("\\.")) {
            node = node.path(key);
        }
        return node;
    }

    /** A value is documented by its own @param, or by those of all its keys when it is a map. */
    private static void walk(JsonNode node, String path, Set<String> params, List<String> undocumented) {
        if (!path.isEmpty() && params.contains(path)) {
            return;
        }
        if (node.isObject() && node.size() > 0) {
            node.fields().forEachRemaining(e -> walk(e.getValue(),
                    path.isEmpty() ? e.getKey() : path + "." + e.getKey(), params, undocumented));
        } else {
            undocumented.add(path);
        }
    }

    /** Objects with listed properties must say additionalProperties: false (free-form maps list none). */
    private static void closed(JsonNode schema, String path, List<String> open) {
        if (schema.has("properties")) {
            if (!schema.path("additionalProperties").isBoolean() || schema.path("additionalProperties").asBoolean()) {
                if (!path.endsWith("[]")) {
                    open.add(path.isEmpty() ? "(root)" : path);
                }
            }
            schema.path("properties").fields().forEachRemaining(
                    e -> closed(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), open));
        }
        if (schema.has("items")) {
            closed(schema.path("items"), path + "[]", open);
        }
    }
}
