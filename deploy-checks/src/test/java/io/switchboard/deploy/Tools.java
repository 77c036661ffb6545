package io.switchboard.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The work tree and the tools the checks run: helm and node with the schema validators. Both are installed by
 * {@code .ci/prepare.d/deploy-checks} into git-ignored folders; CI runs that step before the build, and a developer
 * runs it once.
 */
final class Tools {

    static final String PREPARE_STEP = ".ci/prepare.d/deploy-checks";
    static final Path ROOT = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
    static final Path CHART = ROOT.resolve("helm/switchboard");
    static final Path NODE_DIR = ROOT.resolve("deploy-checks/src/test/node");
    static final List<String> SERVICES = List.of("callback", "campaign", "lead", "crm", "notification");
    static final List<String> DIALLER_FACING = List.of("callback", "lead", "notification");

    private Tools() {
    }

    record Result(int exitCode, String output) {
    }

    static Path helm() {
        Path helm = ROOT.resolve(".tools/helm/helm");
        if (!Files.isExecutable(helm)) {
            fail("helm is not installed at " + helm + ": run " + PREPARE_STEP + " (CI runs it before the build)");
        }
        return helm;
    }

    static Path nodeValidator() {
        Path modules = NODE_DIR.resolve("node_modules/kubernetes-models");
        if (!Files.isDirectory(modules)) {
            fail("the schema validators are not installed in " + NODE_DIR.resolve("node_modules") + ": run "
                    + PREPARE_STEP + " (CI runs it before the build)");
        }
        return NODE_DIR.resolve("validate.mjs");
    }

    static Result run(List<String> command) {
        try {
            Path log = Files.createTempFile("deploy-checks", ".log");
            try {
                Process process = new ProcessBuilder(new ArrayList<>(command)).directory(ROOT.toFile())
                        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail("timed out after 120 s: " + String.join(" ", command));
                }
                return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0) + " (helm and node come from "
                    + PREPARE_STEP + ", which CI runs before the build)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
