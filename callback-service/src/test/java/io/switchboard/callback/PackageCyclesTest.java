package io.switchboard.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.PackageLoops;

/**
 * House rule "packages without loops": no package of callback-service uses, directly or through others, a package that
 * uses it back.
 */
class PackageCyclesTest {

    @Test
    void shouldHaveNoPackageLoops() {
        Map<String, Set<String>> uses = PackageLoops.uses(Path.of("src/main/java"), "io.switchboard.callback");

        // the scan read this service's sources and their references
        assertThat(uses).containsKeys("io.switchboard.callback.request", "io.switchboard.callback.dialler");
        assertThat(uses.get("io.switchboard.callback.dialler")).contains("io.switchboard.callback.request");
        assertThat(PackageLoops.loops(uses)).as("package loops").isEmpty();
    }
}
