package io.switchboard.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared Kafka broker when the JUnit session ends, before the JVM's shutdown hooks run, so that the test JVM
 * exits cleanly. Registered through META-INF/services.
 */
public class StopBrokerAfterTests implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        KafkaBroker.stop();
    }
}
