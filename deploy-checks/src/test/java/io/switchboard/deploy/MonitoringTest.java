package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Alerts with their runbooks, ServiceMonitors, and the dashboard the chart ships. */
class MonitoringTest {

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+)$", Pattern.MULTILINE);

    @Test
    void shouldGiveEveryAlertARunbookInOperationsGuide() {
        Set<String> anchors = new HashSet<>();
        Matcher heading = HEADING.matcher(Tools.read(Tools.ROOT.resolve("docs/operations.md")));
        while (heading.find()) {
            anchors.add(
                    heading.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        JsonNode rule = Chart.ofKind(Chart.Values.DEFAULT, "PrometheusRule").findFirst().orElseThrow();
        Set<String> alerts = new HashSet<>();
        for (JsonNode group : rule.path("spec").path("groups")) {
            for (JsonNode alert : group.path("rules")) {
                String name = alert.path("alert").asText();
                alerts.add(name);
                String runbook = alert.path("annotations").path("runbook_url").asText();
                assertThat(runbook).as(name).isEqualTo("docs/operations.md#" + name.toLowerCase(Locale.ROOT));
                assertThat(anchors).as("docs/operations.md has a heading for %s", name)
                        .contains(name.toLowerCase(Locale.ROOT));
                assertThat(alert.path("labels").path("severity").asText()).as(name).isIn("warning", "critical");
                assertThat(alert.path("expr").asText()).as(name).contains("namespace=\"" + Chart.NAMESPACE + "\"");
            }
        }
        assertThat(alerts).containsExactlyInAnyOrder("SwitchboardDueCallbackBacklogGrowing", "SwitchboardHigh5xxRatio",
                "SwitchboardOutboxLag", "SwitchboardKafkaConsumerLag", "SwitchboardEwtErrorHigh",
                "SwitchboardImportFailures");
    }

    @Test
    void shouldScrapeEveryServiceAsItsOwnJob() {
        List<JsonNode> monitors = Chart.ofKind(Chart.Values.DEFAULT, "ServiceMonitor").toList();
        assertThat(monitors).hasSize(Tools.SERVICES.size());
        for (JsonNode monitor : monitors) {
            assertThat(monitor.path("spec").path("jobLabel").asText()).isEqualTo("app.kubernetes.io/component");
            assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText()).isEqualTo("/q/metrics");
            assertThat(monitor.path("spec").path("endpoints").get(0).path("port").asText()).isEqualTo("http");
        }
    }

    @Test
    void shouldShipTheDashboardOfDeployGrafana() {
        String dashboard = Tools.read(Tools.ROOT.resolve("deploy/grafana/switchboard.json"));
        assertThat(Tools.read(Tools.CHART.resolve("dashboards/switchboard.json")))
                .as("helm/switchboard/dashboards/switchboard.json is a copy of deploy/grafana/switchboard.json: cp it")
                .isEqualTo(dashboard);
        JsonNode configMap = Chart.ofKind(Chart.Values.EVERYTHING_ON, "ConfigMap")
                .filter(c -> c.path("data").has("switchboard.json")).findFirst().orElseThrow();
        assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        assertThat(configMap.path("data").path("switchboard.json").asText().strip()).isEqualTo(dashboard.strip());
        assertThat(Chart.ofKind(Chart.Values.DEFAULT, "ConfigMap").filter(c -> c.path("data").has("switchboard.json")))
                .as("the dashboard only when asked for").isEmpty();
    }
}
