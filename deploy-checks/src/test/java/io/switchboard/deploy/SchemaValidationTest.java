package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * Every rendered object, of every value set, against its schema: Kubernetes (kubernetes-models), Gateway API and
 * Prometheus Operator, plus a check for fields the schemas do not know (src/test/node/validate.mjs).
 */
class SchemaValidationTest {

    @Test
    void shouldRenderOnlyObjectsTheirSchemasAccept() throws IOException {
        Path validator = Tools.nodeValidator();
        Path dir = Tools.ROOT.resolve("deploy-checks/target/rendered");
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of("node", validator.toString()));
        int objects = 0;
        for (Chart.Values values : Chart.Values.values()) {
            Path file = dir.resolve(values.name().toLowerCase(Locale.ROOT) + ".yaml");
            Files.writeString(file, Chart.rendered(values));
            command.add(file.toString());
            objects += Chart.objects(values).size();
        }

        Tools.Result result = Tools.run(command);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains(objects + " objects valid");
    }
}
