package io.switchboard.campaign;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Business settings of the campaign service. */
@ConfigMapping(prefix = "switchboard.campaign")
public interface CampaignConfig {

    Ewt ewt();

    interface Ewt {

        /** How long a value set through UpdateEWTRecord wins over the computed estimate. */
        @WithDefault("PT15M")
        Duration manualValidity();

        /** Memory of the mu and theta estimates: history this old counts 1/e as much as the present. */
        @WithDefault("PT2H")
        Duration rateMemory();

        /** Average handling time assumed until enough answers have been seen (mu = 1 / this). */
        @WithDefault("PT5M")
        Duration defaultHandlingTime();

        /** Answers from a waiting queue needed before mu is estimated rather than assumed. */
        @WithDefault("20")
        int minimumCompletions();

        /** Caller-seconds of waiting needed before theta is estimated rather than taken as 0. */
        @WithDefault("600")
        int minimumWaitingSeconds();
    }
}
