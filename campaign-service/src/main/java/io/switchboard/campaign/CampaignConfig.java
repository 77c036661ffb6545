package io.switchboard.campaign;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.switchboard.campaign.ewt.estimator.RateHistory;

/** Business settings of the campaign service. */
@ConfigMapping(prefix = "switchboard.campaign")
public interface CampaignConfig {

    Ewt ewt();

    QueueEvents queueEvents();

    /** What a queue event may say, whichever way it arrives. */
    interface QueueEvents {

        /**
         * How long ago an event may have happened (its {@code occurredAt}); an older one is refused, not clamped: it
         * would rewrite statistics long closed, and a year-1 date overflowed every later computation of the queue.
         */
        @WithDefault("P7D")
        Duration maxAge();

        /** How far ahead of this service's clock an event may claim to have happened (clock skew of diallers). */
        @WithDefault("PT1H")
        Duration maxAhead();
    }

    interface Ewt {

        default RateHistory.Memory rateMemories() {
            return new RateHistory.Memory(rateMemory().toMillis() / 1000.0, settledRateMemory().toMillis() / 1000.0);
        }

        /** How long a value set through UpdateEWTRecord wins over the computed estimate. */
        @WithDefault("PT15M")
        Duration manualValidity();

        /**
         * Recent memory of the mu and theta estimates (history this old counts 1/e as much as the present): how fast
         * the estimate follows a queue that has changed.
         */
        @WithDefault("PT2H")
        Duration rateMemory();

        /**
         * Settled memory of the same estimates, used while the recent evidence agrees with it: the longer, the more
         * precise the estimate of a queue that has not changed.
         */
        @WithDefault("P30D")
        Duration settledRateMemory();

        /**
         * How long an ACD may take to route a call to a free agent. Only once the longest-waiting caller has waited
         * this long are all agents known to be busy, so that an answer shows an agent finishing a call.
         */
        @WithDefault("PT5S")
        Duration routingAllowance();

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
