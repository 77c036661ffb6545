package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

/** What matters in the rendered objects, for every value set the checks cover. */
class RenderedObjectsTest {

    private static final Set<String> SELECTOR_KEYS = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/component");
    private static final Pattern SECRET_NAME = Pattern
            .compile(".*(PASSWORD|SECRET|TOKEN|JAAS|PEPPER|PRIVATE|CREDENTIAL).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET_VALUE = Pattern
            .compile("(?is).*(password\\s*=|BEGIN [A-Z ]*PRIVATE KEY|aws_secret|secret_access_key\\s*=).*");

    @ParameterizedTest
    @EnumSource(Chart.Values.class)
    void shouldRenderEveryObjectOfEveryService(Chart.Values values) {
        for (String kind : List.of("Deployment", "Service", "ServiceAccount", "ConfigMap", "PodDisruptionBudget",
                "HTTPRoute", "ServiceMonitor")) {
            assertThat(Chart.ofKind(values, kind).map(o -> o.path("metadata").path("name").asText()))
                    .as("%s objects", kind).containsAll(Tools.SERVICES.stream().map(Chart::objectName).toList());
        }
        assertThat(Chart.ofKind(values, "PrometheusRule")).hasSize(1);
        assertThat(Chart.ofKind(values, "Secret")).as("the chart never holds a credential").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Chart.Values.class)
    void shouldSelectPodsByNameInstanceAndComponentOnly(Chart.Values values) {
        List<JsonNode> selectors = new ArrayList<>();
        Chart.ofKind(values, "Deployment").forEach(d -> {
            selectors.add(d.path("spec").path("selector").path("matchLabels"));
            d.path("spec").path("template").path("spec").path("topologySpreadConstraints")
                    .forEach(t -> selectors.add(t.path("labelSelector").path("matchLabels")));
        });
        Chart.ofKind(values, "PodDisruptionBudget")
                .forEach(p -> selectors.add(p.path("spec").path("selector").path("matchLabels")));
        Chart.ofKind(values, "ServiceMonitor")
                .forEach(m -> selectors.add(m.path("spec").path("selector").path("matchLabels")));
        Chart.ofKind(values, "Service").forEach(s -> selectors.add(s.path("spec").path("selector")));

        assertThat(selectors).hasSizeGreaterThanOrEqualTo(4 * Tools.SERVICES.size());
        for (JsonNode selector : selectors) {
            Set<String> keys = new java.util.HashSet<>();
            selector.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as("selector %s: a version in it would make upgrades fail", selector)
                    .isEqualTo(SELECTOR_KEYS);
            assertThat(selector.path("app.kubernetes.io/component").asText()).endsWith("-service");
        }
    }

    @ParameterizedTest
    @EnumSource(Chart.Values.class)
    void shouldGiveEveryContainerProbesLimitsAndALockedDownSecurityContext(Chart.Values values) {
        List<JsonNode> deployments = Chart.ofKind(values, "Deployment").toList();
        assertThat(deployments).hasSize(Tools.SERVICES.size());
        for (JsonNode deployment : deployments) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            String name = deployment.path("metadata").path("name").asText();
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(name).isTrue();
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).as(name).isFalse();
            Set<String> emptyDirs = new java.util.HashSet<>();
            pod.path("volumes").forEach(v -> {
                if (v.has("emptyDir")) {
                    emptyDirs.add(v.path("name").asText());
                }
            });
            List<JsonNode> containers = new ArrayList<>();
            pod.path("initContainers").forEach(containers::add);
            pod.path("containers").forEach(containers::add);
            assertThat(containers).isNotEmpty();
            for (JsonNode container : containers) {
                String what = name + "/" + container.path("name").asText();
                assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).as(what)
                        .isEqualTo("/q/health/started");
                assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as(what)
                        .isEqualTo("/q/health/live");
                assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as(what)
                        .isEqualTo("/q/health/ready");
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(container.path("resources").path("limits").path(resource).asText()).as(what)
                            .isNotEmpty();
                    assertThat(container.path("resources").path("requests").path(resource).asText()).as(what)
                            .isNotEmpty();
                }
                JsonNode security = container.path("securityContext");
                assertThat(security.path("runAsNonRoot").asBoolean()).as(what).isTrue();
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).as(what).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(what).isFalse();
                assertThat(security.path("privileged").asBoolean(false)).as(what).isFalse();
                assertThat(security.path("capabilities").path("drop").toString()).as(what).isEqualTo("[\"ALL\"]");
                assertThat(security.path("capabilities").has("add")).as(what).isFalse();
                JsonNode tmp = null;
                for (JsonNode mount : container.path("volumeMounts")) {
                    if (mount.path("mountPath").asText().equals("/tmp")) {
                        tmp = mount;
                    }
                }
                assertThat(tmp).as("%s mounts /tmp", what).isNotNull();
                assertThat(emptyDirs).as(what).contains(tmp.path("name").asText());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Chart.Values.class)
    void shouldAutoscaleExactlyTheDiallerFacingServices(Chart.Values values) {
        Set<String> scaled = Chart.ofKind(values, "HorizontalPodAutoscaler")
                .map(h -> h.path("spec").path("scaleTargetRef").path("name").asText()).collect(Collectors.toSet());
        assertThat(scaled).isEqualTo(Tools.DIALLER_FACING.stream().map(Chart::objectName).collect(Collectors.toSet()));

        Chart.ofKind(values, "HorizontalPodAutoscaler").forEach(hpa -> {
            JsonNode metrics = hpa.path("spec").path("metrics");
            assertThat(metrics.get(0).path("resource").path("name").asText()).isEqualTo("cpu");
        });
        Chart.ofKind(values, "Deployment").forEach(d -> {
            String name = d.path("metadata").path("name").asText();
            assertThat(d.path("spec").has("replicas")).as("%s has replicas while an HPA scales it", name)
                    .isEqualTo(!scaled.contains(name));
        });
    }

    @ParameterizedTest
    @EnumSource(value = Chart.Values.class, names = { "PRODUCTION", "EVERYTHING_ON" })
    void shouldScaleCallbackServiceOnTheDueBacklogWhereAMetricsAdapterExists(Chart.Values values) {
        JsonNode hpa = Chart.ofKind(values, "HorizontalPodAutoscaler")
                .filter(h -> Chart.serviceOf(h).equals("callback")).findFirst().orElseThrow();
        assertThat(hpa.path("spec").path("metrics").toString()).contains("switchboard_callbacks_due_backlog");
        JsonNode defaults = Chart.ofKind(Chart.Values.DEFAULT, "HorizontalPodAutoscaler")
                .filter(h -> Chart.serviceOf(h).equals("callback")).findFirst().orElseThrow();
        assertThat(defaults.path("spec").path("metrics")).as("no custom metric without an adapter").hasSize(1);
    }

    @org.junit.jupiter.api.Test
    void shouldRunThreeReplicasOfEverythingOverTlsInTheProductionExample() {
        Chart.ofKind(Chart.Values.PRODUCTION, "HorizontalPodAutoscaler")
                .forEach(hpa -> assertThat(hpa.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(3));
        Chart.ofKind(Chart.Values.PRODUCTION, "Deployment").filter(d -> d.path("spec").has("replicas"))
                .forEach(d -> assertThat(d.path("spec").path("replicas").asInt()).isEqualTo(3));
        Chart.ofKind(Chart.Values.PRODUCTION, "ConfigMap").filter(c -> !Chart.serviceOf(c).isEmpty()).forEach(c -> {
            assertThat(c.path("data").path("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
            assertThat(c.path("data").path("KAFKA_SSL_TRUSTSTORE_LOCATION").asText()).isNotEmpty();
            assertThat(c.path("data").path("QUARKUS_DATASOURCE_JDBC_URL").asText()).contains("sslmode=require");
        });
    }

    @ParameterizedTest
    @EnumSource(Chart.Values.class)
    void shouldNameEveryImageByAFixedTag(Chart.Values values) {
        List<JsonNode> containers = new ArrayList<>();
        Chart.ofKind(values, "Deployment").forEach(d -> {
            d.path("spec").path("template").path("spec").path("containers").forEach(containers::add);
            d.path("spec").path("template").path("spec").path("initContainers").forEach(containers::add);
        });
        for (JsonNode container : containers) {
            String image = container.path("image").asText();
            String last = image.substring(image.lastIndexOf('/') + 1);
            assertThat(last).as(image).contains(":");
            String tag = last.substring(last.indexOf(':') + 1);
            assertThat(tag).as(image).isNotBlank().isNotEqualToIgnoringCase("latest");
        }
    }

    /** notification-service refuses to start without the key that encrypts webhook secrets at rest. */
    @ParameterizedTest
    @EnumSource(Chart.Values.class)
    void shouldGiveNotificationServiceItsWebhookEncryptionKeyFromASecret(Chart.Values values) {
        JsonNode deployment = Chart.ofKind(values, "Deployment").filter(d -> Chart.serviceOf(d).equals("notification"))
                .findFirst().orElseThrow();
        List<String> keyRefs = new ArrayList<>();
        deployment.path("spec").path("template").path("spec").path("containers")
                .forEach(c -> c.path("env").forEach(env -> {
                    if (env.path("name").asText().equals("SWITCHBOARD_NOTIFICATION_WEBHOOKS_ENCRYPTION_KEY")) {
                        keyRefs.add(env.path("valueFrom").path("secretKeyRef").path("name").asText());
                    }
                }));
        assertThat(keyRefs).hasSize(1).allSatisfy(name -> assertThat(name).isNotBlank());
    }

    @ParameterizedTest
    @EnumSource(Chart.Values.class)
    void shouldKeepSecretsOutOfConfigMapsAndTakeThemFromSecrets(Chart.Values values) {
        Chart.ofKind(values, "ConfigMap").forEach(configMap -> {
            configMap.path("data").fields().forEachRemaining(entry -> {
                String what = configMap.path("metadata").path("name").asText() + " " + entry.getKey();
                assertThat(entry.getKey()).as(what).doesNotMatch(SECRET_NAME);
                assertThat(entry.getValue().asText()).as(what).doesNotMatch(SECRET_VALUE);
            });
        });
        Chart.ofKind(values, "Deployment").forEach(d -> d.path("spec").path("template").path("spec").path("containers")
                .forEach(container -> container.path("env").forEach(env -> {
                    String name = env.path("name").asText();
                    if (name.equals("KAFKA_SASL_JAAS_CONFIG")) {
                        assertThat(env.path("value").asText()).as("the JAAS line refers to the password")
                                .contains("password=\"$(KAFKA_SASL_PASSWORD)\"");
                    } else if (SECRET_NAME.matcher(name).matches()) {
                        assertThat(env.path("valueFrom").path("secretKeyRef").path("name").asText())
                                .as("%s comes from a Secret", name).isNotEmpty();
                    }
                })));
    }

    @ParameterizedTest
    @EnumSource(Chart.Values.class)
    void shouldWireEveryServiceToItsDatabaseKafkaAndIssuer(Chart.Values values) {
        Map<String, JsonNode> configs = new TreeMap<>();
        Chart.ofKind(values, "ConfigMap").filter(c -> !Chart.serviceOf(c).isEmpty())
                .forEach(c -> configs.put(Chart.serviceOf(c), c.path("data")));
        assertThat(configs.keySet()).containsExactlyInAnyOrderElementsOf(Tools.SERVICES);
        configs.forEach((service, data) -> {
            for (String key : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                    "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SECURITY_PROTOCOL", "SWITCHBOARD_JWT_ISSUER",
                    "SWITCHBOARD_JWT_PUBLIC_KEY", "SWITCHBOARD_LOG_JSON")) {
                assertThat(data.path(key).asText()).as("%s %s", service, key).isNotEmpty();
            }
            assertThat(data.path("QUARKUS_DATASOURCE_JDBC_URL").asText()).startsWith("jdbc:postgresql://");
            assertThat(data.path("QUARKUS_DATASOURCE_REACTIVE_URL").asText()).startsWith("postgresql://");
        });
        assertThat(configs.get("crm").path("SWITCHBOARD_CRM_MEDIA_STORAGE").asText()).isIn("filesystem", "s3");
    }
}
