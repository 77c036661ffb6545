package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The HTTPRoutes and the Ingress route exactly what the local gateway (deploy/gateway/nginx.conf.template) routes: the
 * same paths, the same match kinds, to the same services, and the live paths (those nginx gives a long read timeout:
 * WebSocket, SSE, long polling) get the chart's live timeouts.
 */
class RoutesMatchGatewayTest {

    /** One routed path: PathPrefix, Exact or RegularExpression, to a service. */
    record Route(String type, String path, String service) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            return toString().compareTo(other.toString());
        }
    }

    private static final Pattern LOCATION = Pattern.compile("location\\s+(=|~\\*?|\\^~)?\\s*(\\S+)\\s*\\{");
    private static final Pattern PROXY_PASS = Pattern.compile("proxy_pass\\s+http://(\\w+)_service\\s*;");
    private static final Pattern READ_TIMEOUT = Pattern.compile("proxy_read_timeout\\s+(\\w+)\\s*;");
    private static final Pattern ALTERNATION = Pattern.compile("([^()|*+?\\[\\]]*)\\(([\\w|]+)\\)");

    @Test
    void shouldReadTheLocalGatewayTable() {
        Set<Route> nginx = nginxRoutes();
        assertThat(nginx).hasSizeGreaterThan(30).contains(new Route("PathPrefix", "/signalr", "notification"))
                .contains(new Route("Exact", "/RequestCallbackService/Service.svc/rest/GetEWTByServiceID", "campaign"))
                .contains(new Route("RegularExpression", "/api/v1/service-queues/[^/]+/ewt(/.*)?", "campaign"));
        assertThat(nginx.stream().map(Route::service).distinct()).containsExactlyInAnyOrderElementsOf(Tools.SERVICES);
    }

    @Test
    void shouldRouteTheSamePathsWithHttpRoutes() {
        Set<Route> routes = new TreeSet<>();
        Chart.ofKind(Chart.Values.DEFAULT, "HTTPRoute").forEach(route -> {
            for (JsonNode rule : route.path("spec").path("rules")) {
                assertThat(rule.path("backendRefs")).hasSize(1);
                String service = serviceOfBackend(rule.path("backendRefs").get(0).path("name").asText());
                for (JsonNode match : rule.path("matches")) {
                    routes.add(new Route(match.path("path").path("type").asText(),
                            match.path("path").path("value").asText(), service));
                }
            }
        });

        assertSameRoutes("HTTPRoutes", routes);
    }

    @Test
    void shouldRouteTheSamePathsWithTheIngressAlternative() {
        Set<Route> routes = new TreeSet<>();
        Chart.ofKind(Chart.Values.EVERYTHING_ON, "Ingress").forEach(ingress -> {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    String type = switch (path.path("pathType").asText()) {
                        case "Prefix" -> "PathPrefix";
                        case "Exact" -> "Exact";
                        case "ImplementationSpecific" -> "RegularExpression";
                        default -> throw new AssertionError("path type " + path.path("pathType").asText());
                    };
                    routes.add(new Route(type, path.path("path").asText(),
                            serviceOfBackend(path.path("backend").path("service").path("name").asText())));
                }
            }
        });

        assertSameRoutes("the Ingress", routes);
    }

    private static void assertSameRoutes(String what, Set<Route> routes) {
        Set<Route> nginx = new TreeSet<>(nginxRoutes());
        Set<Route> missing = new TreeSet<>(nginx);
        missing.removeAll(routes);
        Set<Route> extra = new TreeSet<>(routes);
        extra.removeAll(nginx);
        assertThat(missing).as("routed by deploy/gateway/nginx.conf.template but not by %s "
                + "(add them to helm/switchboard/templates/_routes.tpl)", what).isEmpty();
        assertThat(extra).as("routed by %s but not by deploy/gateway/nginx.conf.template", what).isEmpty();
    }

    @Test
    void shouldTimeOutEachPathAsTheGatewayDoes() {
        Map<String, String> readTimeouts = readTimeouts();
        assertThat(readTimeouts).containsKeys("/signalr", "/api/v1/notifications", "/api/v1/lists");
        Chart.ofKind(Chart.Values.DEFAULT, "HTTPRoute").forEach(route -> {
            for (JsonNode rule : route.path("spec").path("rules")) {
                String timeout = rule.path("timeouts").path("request").asText();
                for (JsonNode match : rule.path("matches")) {
                    String path = match.path("path").path("value").asText();
                    assertThat(timeout).as("request timeout of %s", path)
                            .isEqualTo(expectedRequestTimeout(readTimeouts.get(path)));
                }
            }
        });
    }

    /**
     * nginx's proxy_read_timeout of a location as the route's request timeout: an hour or more is a live connection
     * (WebSocket, SSE, long poll), which Gateway API leaves without a request timeout (0s); a shorter one (an upload)
     * carries over; none is the gateway's default of 60 s.
     */
    private static String expectedRequestTimeout(String nginxReadTimeout) {
        if (nginxReadTimeout == null) {
            return "60s";
        }
        return nginxReadTimeout.endsWith("h") ? "0s" : nginxReadTimeout;
    }

    private static String serviceOfBackend(String name) {
        assertThat(name).startsWith(Chart.RELEASE + "-");
        return name.substring(Chart.RELEASE.length() + 1);
    }

    static Set<Route> nginxRoutes() {
        Set<Route> routes = new HashSet<>();
        for (Location location : locations()) {
            if (location.service == null) {
                continue;
            }
            switch (location.modifier) {
                case "", "^~" -> routes.add(new Route("PathPrefix", trimSlash(location.path), location.service));
                case "=" -> routes.add(new Route("Exact", location.path, location.service));
                default -> routes.addAll(regexRoutes(location.path, location.service));
            }
        }
        return routes;
    }

    private static Map<String, String> readTimeouts() {
        Map<String, String> timeouts = new HashMap<>();
        for (Location location : locations()) {
            Matcher timeout = READ_TIMEOUT.matcher(location.body);
            if (location.service != null && timeout.find()) {
                timeouts.put(trimSlash(location.path), timeout.group(1));
            }
        }
        return timeouts;
    }

    /**
     * A regular expression location as Gateway API and Ingress express it: anchors dropped; one that only lists whole
     * paths ({@code ^/a/(B|C)$}) becomes their Exact matches, which every implementation supports.
     */
    private static List<Route> regexRoutes(String regex, String service) {
        String body = regex.replaceFirst("^\\^", "").replaceFirst("\\$$", "");
        Matcher alternation = ALTERNATION.matcher(body);
        if (regex.startsWith("^") && regex.endsWith("$") && alternation.matches()) {
            String prefix = alternation.group(1).replace("\\.", ".");
            if (!prefix.contains("\\")) {
                return java.util.Arrays.stream(alternation.group(2).split("\\|"))
                        .map(name -> new Route("Exact", prefix + name, service)).toList();
            }
        }
        return List.of(new Route("RegularExpression", body, service));
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private record Location(String modifier, String path, String body, String service) {
    }

    private static List<Location> locations() {
        String template = Tools.read(Tools.ROOT.resolve("deploy/gateway/nginx.conf.template"));
        List<Location> locations = new java.util.ArrayList<>();
        Matcher matcher = LOCATION.matcher(template);
        while (matcher.find()) {
            int depth = 1;
            int end = matcher.end();
            while (depth > 0) {
                char c = template.charAt(end++);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            }
            String body = template.substring(matcher.end(), end - 1);
            Matcher pass = PROXY_PASS.matcher(body);
            String service = pass.find() ? pass.group(1) : null;
            locations.add(
                    new Location(matcher.group(1) == null ? "" : matcher.group(1), matcher.group(2), body, service));
        }
        return locations;
    }
}
