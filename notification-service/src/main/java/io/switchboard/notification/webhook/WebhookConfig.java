package io.switchboard.notification.webhook;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Delivery policy of tenant webhooks. */
@ConfigMapping(prefix = "switchboard.notification.webhooks")
public interface WebhookConfig {

    /** Attempts before a delivery is parked as a dead letter. */
    @WithDefault("8")
    int maxAttempts();

    /** Delay before the first retry; each further retry waits twice as long. */
    @WithDefault("1s")
    Duration backoffBase();

    /** How long a receiver may take to answer one POST. */
    @WithDefault("10s")
    Duration timeout();

    /** How often each replica looks for due deliveries. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Deliveries one replica claims per poll. */
    @WithDefault("20")
    int batchSize();
}
