package io.switchboard.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.testing.PackageLoops;

/**
 * House rule "packages without loops": no package of crm-service uses, directly or through others, a package that uses
 * it back.
 */
class PackageCyclesTest {

    @Test
    void shouldHaveNoPackageLoops() {
        Map<String, Set<String>> uses = PackageLoops.uses(Path.of("src/main/java"), "io.switchboard.crm");

        // the scan read this service's sources and their references
        assertThat(uses).containsKeys("io.switchboard.crm.erasure", "io.switchboard.crm.switchtransact");
        assertThat(uses.get("io.switchboard.crm.switchtransact")).contains("io.switchboard.crm.contact");
        assertThat(PackageLoops.loops(uses)).as("package loops").isEmpty();
    }
}
