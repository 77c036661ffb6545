package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** The chart rendered by {@code helm template} with the value sets the checks cover, each rendered once. */
final class Chart {

    static final String RELEASE = "switchboard";
    static final String NAMESPACE = "switchboard";
    static final YAMLMapper YAML = new YAMLMapper();

    /** The value sets: the defaults, the production example, and every optional part switched on. */
    enum Values {
        DEFAULT, PRODUCTION("-f", "helm/switchboard/values-production.yaml"),
        EVERYTHING_ON("--set", String.join(",", "ingress.enabled=true", "metrics.grafanaDashboard.enabled=true",
                "metricsAdapter.enabled=true", "kafka.securityProtocol=SSL", "kafka.tls.caSecret=kafka-ca",
                "kafka.tls.clientSecret=kafka-user", "legacyPasswords.pepper.existingSecret=legacy-pepper",
                "crm.media.filesystem.accessModes={ReadWriteMany}", "crm.replicaCount=2",
                "campaign.podAnnotations.example=yes", "extraEnv[0].name=EXAMPLE", "extraEnv[0].value=example"));

        final List<String> args;

        Values(String... args) {
            this.args = List.of(args);
        }
    }

    private static final Map<Values, String> RENDERED = new ConcurrentHashMap<>();

    private Chart() {
    }

    static String rendered(Values values) {
        return RENDERED.computeIfAbsent(values, v -> {
            Tools.Result result = template(v.args);
            assertThat(result.exitCode()).as("helm template with %s values:%n%s", v, result.output()).isZero();
            return result.output();
        });
    }

    static Tools.Result template(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Tools.helm().toString(), "template", RELEASE,
                Tools.CHART.toString(), "--namespace", NAMESPACE));
        command.addAll(args);
        return Tools.run(command);
    }

    static List<JsonNode> objects(Values values) {
        return parse(rendered(values));
    }

    static List<JsonNode> parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.isObject() && document.size() > 0) {
                    objects.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the rendered chart is not YAML", e);
        }
        return objects;
    }

    static Stream<JsonNode> ofKind(Values values, String kind) {
        return objects(values).stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    /** The service (callback, ...) an object belongs to, from its component label. */
    static String serviceOf(JsonNode object) {
        return object.path("metadata").path("labels").path("app.kubernetes.io/component").asText().replace("-service",
                "");
    }

    /** Object name of one service's objects. */
    static String objectName(String service) {
        return RELEASE + "-" + service;
    }
}
