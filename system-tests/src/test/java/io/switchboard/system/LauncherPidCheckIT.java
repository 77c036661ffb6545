package io.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The launcher ({@code deploy/local/switchboard}) decides from its pid files whether a service still runs; {@code up}
 * starts only what does not. A service killed with SIGKILL leaves its pid file behind, and its pid may answer
 * {@code kill -0} for a while (a zombie nobody has reaped yet) or for good (another process took the pid over): then
 * {@code up} used to report the service ready without starting it. This runs the launcher's own {@code alive} check
 * against each of those cases.
 */
class LauncherPidCheckIT {

    private static final Path ROOT = Path.of(System.getProperty("switchboard.root", ".."));

    @Test
    void shouldTreatAKilledServiceAsStoppedEvenWhileItsPidAnswers() throws Exception {
        Path dir = Files.createTempDirectory("launcher-pid");
        Path pidFile = dir.resolve("callback.pid");

        // A running process that is the one the pid file names.
        Process running = new ProcessBuilder("sleep", "300").start();
        try {
            Files.writeString(pidFile, Long.toString(running.pid()));
            assertThat(alive(pidFile, "sleep")).as("a running process with its marker").isTrue();
            assertThat(alive(pidFile, "quarkus-run.jar")).as("a pid taken over by another program").isFalse();
        } finally {
            running.destroyForcibly().waitFor();
        }
        assertThat(alive(pidFile, "sleep")).as("a pid nobody uses").isFalse();

        // A killed child whose parent does not reap it: a zombie, which answers kill -0.
        Process parent = new ProcessBuilder("bash", "-c", "sleep 300 & echo $!; kill -9 $!; exec sleep 30").start();
        try {
            String zombie = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            Files.writeString(pidFile, zombie);
            Thread.sleep(500);
            assertThat(new ProcessBuilder("kill", "-0", zombie).start().waitFor()).as("the zombie answers kill -0")
                    .isZero();
            assertThat(alive(pidFile, "sleep")).as("a killed, unreaped process").isFalse();
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }

    /** Runs the launcher's alive() on the pid file. */
    private static boolean alive(Path pidFile, String marker) throws Exception {
        Path launcher = ROOT.resolve("deploy/local/switchboard");
        String script = "source <(sed -n '/^alive() {/,/^}/p' '" + launcher + "'); alive '" + pidFile + "' '" + marker
                + "'";
        Process check = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return check.exitValue() == 0;
    }
}
