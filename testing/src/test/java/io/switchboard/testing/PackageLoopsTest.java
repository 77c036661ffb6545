package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageLoopsTest {

    private static final String ROOT = "io.example.svc";

    @TempDir
    Path sources;

    @Test
    void shouldReportEachLoopOnceWithItsPath() throws IOException {
        write("io/example/svc/Thing.java", "package io.example.svc;\nimport io.example.svc.dialler.Claims;\n");
        write("io/example/svc/dialler/Claims.java",
                "package io.example.svc.dialler;\nimport io.example.svc.Thing;\nimport io.example.svc.queue.Queue;\n");
        write("io/example/svc/request/Intake.java", "package io.example.svc.request;\n"
                + "class Intake { Object q = io.example.svc.queue.Queue.LIMIT; }\n");
        write("io/example/svc/queue/Queue.java",
                "package io.example.svc.queue;\nimport static io.example.svc.request.Intake.rule;\n");

        Map<String, Set<String>> uses = PackageLoops.uses(sources, ROOT);

        assertThat(uses).containsEntry("io.example.svc", Set.of("io.example.svc.dialler"))
                .containsEntry("io.example.svc.dialler", Set.of("io.example.svc", "io.example.svc.queue"))
                .containsEntry("io.example.svc.request", Set.of("io.example.svc.queue"))
                .containsEntry("io.example.svc.queue", Set.of("io.example.svc.request"));
        assertThat(PackageLoops.loops(uses)).containsExactly(
                "io.example.svc -> io.example.svc.dialler -> io.example.svc",
                "io.example.svc.queue -> io.example.svc.request -> io.example.svc.queue");
    }

    @Test
    void shouldFindNoLoopWhenDependenciesPointOneWay() throws IOException {
        write("io/example/svc/Thing.java", "package io.example.svc;\n");
        write("io/example/svc/dialler/Claims.java", "package io.example.svc.dialler;\nimport io.example.svc.Thing;\n"
                + "import io.example.svc.queue.Queue;\nimport io.example.other.Elsewhere;\n");
        write("io/example/svc/queue/Queue.java", "package io.example.svc.queue;\nimport io.example.svc.Thing;\n");

        Map<String, Set<String>> uses = PackageLoops.uses(sources, ROOT);

        assertThat(uses).containsEntry("io.example.svc.dialler", Set.of("io.example.svc", "io.example.svc.queue"));
        assertThat(PackageLoops.loops(uses)).isEmpty();
    }

    @Test
    void shouldFollowLongerLoops() {
        Map<String, Set<String>> uses = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d",
                Set.of());

        assertThat(PackageLoops.loops(uses)).containsExactly("a -> b -> c -> a");
    }

    private void write(String file, String text) throws IOException {
        Path path = sources.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
