package io.switchboard.callback.dialler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How diallers claim callbacks and how due callbacks are announced. */
@ConfigMapping(prefix = "switchboard.dialler")
public interface DiallerConfig {

    /** The most callbacks one claim may take. */
    @WithDefault("50")
    int maxClaim();

    /** Lease length when a claim names none. */
    @WithDefault("120")
    int defaultLeaseSeconds();

    /** The longest lease a claim may ask for. */
    @WithDefault("3600")
    int maxLeaseSeconds();

    /** How many due callbacks one run of the announcer publishes at most (the next run takes the rest). */
    @WithDefault("200")
    int dueAnnouncementBatch();
}
