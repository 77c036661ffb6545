package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every metric the chart's alerts and the Grafana dashboard read is one a service registers, under the name
 * Micrometer's Prometheus registry exports it: a meter {@code switchboard.outbox.oldest.unpublished.age} with base unit
 * seconds is scraped as {@code switchboard_outbox_oldest_unpublished_age_seconds}, a counter
 * {@code switchboard.lead.imports} as {@code switchboard_lead_imports_total}. An alert on a name nobody exports never
 * fires, and nothing else says so.
 * <p>
 * This is the source-side check; the running services' {@code /q/metrics} are checked by lead-service's
 * {@code MetricsTest} (outbox age, imports, Kafka consumer and HTTP metrics) and system-tests' {@code CallbackSliceIT}
 * (every metric the dashboard plots and the alerts read, on the whole suite).
 * </p>
 */
class MetricsExistTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A metric name in PromQL: an identifier followed by a selector, a range, or the end of an aggregation. */
    private static final Pattern PROMQL_IDENTIFIER = Pattern
            .compile("(?<![\\w{\"=])([a-zA-Z_:][a-zA-Z0-9_:]*)(?=\\s*[{\\[)]|\\s*$)");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset");
    /** A meter name in Java source: a string literal such as "switchboard.lead.imports" (not a config key). */
    private static final Pattern METER_LITERAL = Pattern.compile("(?<!name = )\"(switchboard\\.[a-z0-9.\\-]+)\"");
    /**
     * The suffixes Micrometer's Prometheus naming adds: counters' _total, timers' and summaries' series. A gauge's base
     * unit is added to the meter names found (see {@link #meterNamesInSources()}), not assumed here.
     */
    private static final List<String> SUFFIXES = List.of("_total", "_seconds_count", "_seconds_sum", "_seconds_max",
            "_count", "_sum", "_max", "");
    /**
     * Metrics that Quarkus' Micrometer binders export without a line of ours, and the setting that would switch each
     * off (which no service may set to false).
     */
    private static final Map<String, String> FRAMEWORK = Map.of("http_server_requests_seconds_",
            "quarkus.micrometer.binder.http-server.enabled", "kafka_consumer_",
            "quarkus.micrometer.binder.kafka.enabled");

    @Test
    void shouldReadOnlyMetricsThatAServiceRegisters() throws IOException {
        Set<String> read = new TreeSet<>();
        read.addAll(alertMetrics());
        read.addAll(dashboardMetrics());
        assertThat(read).as("metric names found in the PrometheusRule and the dashboard").contains(
                "switchboard_outbox_oldest_unpublished_age_seconds", "switchboard_lead_imports_total",
                "switchboard_callbacks_due_backlog", "http_server_requests_seconds_count",
                "kafka_consumer_fetch_manager_records_lag_max");

        Set<String> meters = meterNamesInSources();
        String settings = serviceSettings();
        List<String> missing = new ArrayList<>();
        for (String metric : read) {
            var framework = FRAMEWORK.entrySet().stream().filter(f -> metric.startsWith(f.getKey())).findFirst();
            if (framework.isPresent()) {
                assertThat(settings).as("%s comes from Quarkus' binder; no service may switch it off", metric)
                        .doesNotContainPattern(Pattern.quote(framework.get().getValue()) + "\\s*=\\s*false");
                continue;
            }
            if (SUFFIXES.stream().filter(metric::endsWith)
                    .map(suffix -> metric.substring(0, metric.length() - suffix.length()))
                    .noneMatch(meters::contains)) {
                missing.add(metric);
            }
        }
        assertThat(missing).as("metrics read by helm/switchboard's PrometheusRule or deploy/grafana/switchboard.json"
                + " that no service registers (meter names found: %s)", meters).isEmpty();
    }

    @Test
    void shouldFindMetricNamesTheWayPrometheusReadsThem() {
        assertThat(metricsIn("sum(increase(switchboard_lead_imports_total{namespace=\"x\", outcome=\"failed\"}[1h]))"
                + " > 2 and deriv(max by (tenant) (switchboard_callbacks_due_backlog{a=\"b\"})[15m:1m]) > 0"))
                        .containsExactlyInAnyOrder("switchboard_lead_imports_total",
                                "switchboard_callbacks_due_backlog");
        assertThat(metricsIn("sum(switchboard_notification_live_subscribers)"))
                .containsExactly("switchboard_notification_live_subscribers");
        assertThat(metricsIn("label_values(switchboard_callbacks_requested_total, tenant)"))
                .contains("switchboard_callbacks_requested_total");
    }

    private static Set<String> alertMetrics() {
        JsonNode rule = Chart.ofKind(Chart.Values.DEFAULT, "PrometheusRule").findFirst().orElseThrow();
        Set<String> names = new TreeSet<>();
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode alert : group.path("rules")) {
                Set<String> found = metricsIn(alert.path("expr").asText());
                assertThat(found).as("metrics of %s", alert.path("alert").asText()).isNotEmpty();
                names.addAll(found);
            }
        }
        return names;
    }

    private static Set<String> dashboardMetrics() throws IOException {
        JsonNode dashboard = JSON.readTree(Tools.read(Tools.CHART.resolve("dashboards/switchboard.json")));
        Set<String> names = new TreeSet<>();
        for (String expr : dashboard.findValuesAsText("expr")) {
            names.addAll(metricsIn(expr));
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                names.addAll(metricsIn(variable.path("query").asText()));
            }
        }
        return names;
    }

    /** The metric names of a PromQL expression (or a Grafana label_values query). */
    static Set<String> metricsIn(String expr) {
        // label_values(metric, label): the metric is the first argument.
        String text = expr.replaceAll("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,[^)]*\\)", "$1 ")
                // strings, label matchers and grouping clauses hold label names, not metrics
                .replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\{[^}]*\\}", "{}")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = PROMQL_IDENTIFIER.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (!PROMQL_WORDS.contains(name) && name.contains("_")) {
                names.add(name);
            }
        }
        return names;
    }

    /** Meter names in the services' and common's main sources, in Prometheus' spelling without suffixes. */
    private static Set<String> meterNamesInSources() throws IOException {
        Set<String> names = new TreeSet<>();
        List<Path> roots = new ArrayList<>(List.of(Tools.ROOT.resolve("common/src/main/java")));
        Tools.SERVICES.forEach(s -> roots.add(Tools.ROOT.resolve(s + "-service/src/main/java")));
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String source = Tools.read(file);
                    if (!source.contains("io.micrometer.core.instrument")) {
                        continue;
                    }
                    Matcher m = METER_LITERAL.matcher(source);
                    while (m.find()) {
                        String prometheus = m.group(1).replace('.', '_').replace('-', '_');
                        names.add(prometheus);
                        // a meter with base unit seconds gains _seconds in Prometheus
                        if (source.contains(".baseUnit(\"seconds\")")) {
                            names.add(prometheus + "_seconds");
                        }
                    }
                }
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return names;
    }

    private static String serviceSettings() throws IOException {
        StringBuilder all = new StringBuilder(
                Tools.read(Tools.ROOT.resolve("common/src/main/resources/META-INF/microprofile-config.properties")));
        for (String service : Tools.SERVICES) {
            all.append('\n').append(
                    Tools.read(Tools.ROOT.resolve(service + "-service/src/main/resources/application.properties")));
        }
        return all.toString();
    }
}
