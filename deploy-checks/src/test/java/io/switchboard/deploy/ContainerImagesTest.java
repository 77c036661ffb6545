package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The container files parse, run as a non-root user from a pinned UBI base, and the chart names the images the build
 * makes (the root pom's container-image profile: {@code quarkus.container-image.*}; each service's
 * {@code quarkus.application.name}, the project version). No container engine runs here, so the images themselves are
 * not built by these checks.
 */
class ContainerImagesTest {

    private static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD",
            "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");
    private static final Pattern FROM = Pattern.compile(
            "FROM\\s+(?:--platform=\\S+\\s+)?registry\\.access\\.redhat\\.com/ubi9/([\\w.-]+):([\\w.-]+)(\\s+AS\\s+\\w+)?");

    record Instruction(String keyword, String arguments, int line) {
    }

    static List<Path> dockerfiles() {
        List<Path> files = new ArrayList<>();
        for (String service : Tools.SERVICES) {
            files.add(Tools.ROOT.resolve(service + "-service/src/main/docker/Dockerfile.jvm"));
            files.add(Tools.ROOT.resolve(service + "-service/src/main/docker/Dockerfile.native"));
        }
        return files;
    }

    @ParameterizedTest
    @MethodSource("dockerfiles")
    void shouldParseAndRunAsANonRootUserFromAPinnedUbiBase(Path dockerfile) throws IOException {
        assertThat(dockerfile).exists();
        List<Instruction> instructions = parse(dockerfile);
        String service = dockerfile.getParent().getParent().getParent().getParent().getFileName().toString()
                .replace("-service", "");

        assertThat(instructions.stream().filter(i -> !i.keyword.equals("ARG")).findFirst().orElseThrow().keyword)
                .isEqualTo("FROM");
        for (Instruction from : instructions.stream().filter(i -> i.keyword.equals("FROM")).toList()) {
            Matcher matcher = FROM.matcher("FROM " + from.arguments);
            assertThat(matcher.matches()).as("%s:%d base image %s", dockerfile, from.line, from.arguments).isTrue();
            assertThat(matcher.group(1)).as("a UBI minimal-based image").isIn("ubi-minimal", "openjdk-17-runtime",
                    "openjdk-21-runtime");
            assertThat(matcher.group(2)).isNotEqualTo("latest");
        }
        List<Instruction> users = instructions.stream().filter(i -> i.keyword.equals("USER")).toList();
        assertThat(users).as("%s sets a USER", dockerfile).isNotEmpty();
        assertThat(users.get(users.size() - 1).arguments).as("the last USER is numeric and not root")
                .matches("[1-9][0-9]*(:[0-9]+)?");
        Instruction entrypoint = instructions.stream().filter(i -> i.keyword.equals("ENTRYPOINT")).reduce((a, b) -> b)
                .orElseThrow();
        JsonNode exec = new ObjectMapper().readTree(entrypoint.arguments);
        assertThat(exec.isArray() && exec.size() > 0).as("ENTRYPOINT in exec form").isTrue();
        for (Instruction copy : instructions.stream().filter(i -> i.keyword.equals("COPY")).toList()) {
            String[] words = copy.arguments.split("\\s+");
            assertThat(words.length).as("COPY at line %d", copy.line).isGreaterThanOrEqualTo(2);
            for (int i = 0; i < words.length - 1; i++) {
                if (!words[i].startsWith("--")) {
                    assertThat(words[i]).as("COPY source at line %d comes from the build", copy.line)
                            .startsWith("target/");
                }
            }
        }
        String port = applicationProperties(service).getProperty("quarkus.http.port");
        assertThat(instructions).as("EXPOSE %s", port)
                .anyMatch(i -> i.keyword.equals("EXPOSE") && i.arguments.equals(port));
    }

    @Test
    void shouldNameTheImagesTheBuildMakes() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Tools.ROOT.resolve("pom.xml").toFile());
        Element properties = null;
        var profiles = pom.getDocumentElement().getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            if (profile.getElementsByTagName("id").item(0).getTextContent().trim().equals("container-image")) {
                properties = (Element) profile.getElementsByTagName("properties").item(0);
            }
        }
        assertThat(properties).as("the root pom's container-image profile").isNotNull();
        String registry = property(properties, "quarkus.container-image.registry");
        String group = property(properties, "quarkus.container-image.group");
        assertThat(property(properties, "quarkus.container-image.tag")).isEqualTo("${project.version}");
        String version = System.getProperty("switchboard.version");
        assertThat(version).isNotBlank();

        JsonNode chart = Chart.YAML.readTree(Tools.CHART.resolve("Chart.yaml").toFile());
        assertThat(chart.path("appVersion").asText()).as("Chart.yaml appVersion is the Maven version")
                .isEqualTo(version);
        JsonNode values = Chart.YAML.readTree(Tools.CHART.resolve("values.yaml").toFile());
        assertThat(values.path("image").path("registry").asText()).isEqualTo(registry);
        assertThat(values.path("image").path("tag").asText()).as("empty: the chart's appVersion").isEmpty();

        for (String service : Tools.SERVICES) {
            Properties application = applicationProperties(service);
            String name = application.getProperty("quarkus.application.name");
            assertThat(name).isEqualTo(service + "-service");
            assertThat(values.path(service).path("image").path("repository").asText()).isEqualTo(group + "/" + name);
            assertThat(values.path(service).path("service").path("port").asText())
                    .isEqualTo(application.getProperty("quarkus.http.port"));
            String image = Chart.ofKind(Chart.Values.DEFAULT, "Deployment")
                    .filter(d -> Chart.serviceOf(d).equals(service)).findFirst().orElseThrow().path("spec")
                    .path("template").path("spec").path("containers").get(0).path("image").asText();
            assertThat(image).isEqualTo(registry + "/" + group + "/" + name + ":" + version);
        }
    }

    private static String property(Element properties, String name) {
        assertThat(properties.getElementsByTagName(name).getLength()).as("root pom property %s", name).isEqualTo(1);
        return properties.getElementsByTagName(name).item(0).getTextContent().trim();
    }

    private static Properties applicationProperties(String service) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(
                Tools.read(Tools.ROOT.resolve(service + "-service/src/main/resources/application.properties"))));
        return properties;
    }

    /** A Dockerfile's instructions: comments and blank lines dropped, continuation lines joined. */
    static List<Instruction> parse(Path dockerfile) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        List<String> lines = Files.readAllLines(dockerfile);
        StringBuilder current = null;
        int start = 0;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            String trimmed = line.trim();
            if (current == null && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (current == null) {
                current = new StringBuilder();
                start = n + 1;
            } else if (trimmed.startsWith("#")) {
                continue;
            }
            boolean continues = trimmed.endsWith("\\");
            current.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continues) {
                String text = current.toString().trim();
                String keyword = text.split("\\s+", 2)[0];
                assertThat(INSTRUCTIONS).as("%s:%d: unknown instruction %s", dockerfile, start, keyword)
                        .contains(keyword);
                String arguments = text.length() > keyword.length() ? text.substring(keyword.length()).trim() : "";
                assertThat(arguments).as("%s:%d: %s without arguments", dockerfile, start, keyword).isNotEmpty();
                instructions.add(new Instruction(keyword, arguments, start));
                current = null;
            }
        }
        assertThat(current).as("%s ends inside a continued line", dockerfile).isNull();
        return instructions;
    }
}
