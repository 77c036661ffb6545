package io.switchboard.lead;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** lead-service's settings: phone regions, dialler claims, campaign dialling defaults and bulk imports. */
@ConfigMapping(prefix = "switchboard.lead")
public interface LeadConfig {

    /**
     * The region a phone number is read in when neither the lead's time zone nor its campaign's names a country (the
     * tenant's default; one for every tenant until tenants have settings of their own).
     */
    @WithDefault("GB")
    String defaultRegion();

    /** Dialler claims of leads. */
    Claims claims();

    /** A campaign's dialling policy until it is set with {@code PUT /api/v1/dialler/campaigns/{id}/policy}. */
    Dialling dialling();

    /** Bulk imports (JSON and CSV). */
    Imports imports();

    interface Claims {

        /** The most leads one claim may take. */
        @WithDefault("50")
        int maxClaim();

        /** Lease length when a claim names none. */
        @WithDefault("120")
        int defaultLeaseSeconds();

        /** The longest lease a claim may ask for. */
        @WithDefault("3600")
        int maxLeaseSeconds();
    }

    interface Dialling {

        /** Start of the calling window, in the lead's own time zone (its campaign's when it has none). */
        @WithDefault("08:00")
        LocalTime windowStart();

        /** End of the calling window (exclusive). */
        @WithDefault("21:00")
        LocalTime windowEnd();

        /** How long after an attempt that did not complete the lead it is due again. */
        @WithDefault("60")
        int retryMinutes();

        /** Attempts after which a lead is complete whatever their outcome. */
        @WithDefault("5")
        int maxAttempts();

        /** Dial status ids that complete a lead (1 is the Platform API sample's "Answered"). */
        @WithDefault("1")
        List<Integer> completingStatuses();

        /** A lead's {@code outcomeType}: how its campaign dials (the Platform API sample's {@code preview}). */
        @WithDefault("preview")
        String outcomeType();
    }

    interface Imports {

        /**
         * Rows validated, normalised and written with COPY per transaction; an interrupted import resumes after the
         * last committed batch.
         */
        @WithDefault("5000")
        int batchSize();

        /** Size of the pieces an upload is staged in, in bytes. */
        @WithDefault("1048576")
        int chunkBytes();

        /** Imports one replica runs at once. */
        @WithDefault("1")
        int concurrency();

        /** How long a replica holds an import between batches; a replica that dies loses it after this. */
        @WithDefault("30s")
        Duration lease();

        /** How often a replica looks for imports to run (queued, or abandoned by a replica that died). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Largest upload accepted, in bytes. */
        @WithDefault("2147483648")
        long maxUploadBytes();
    }
}
