package io.switchboard.crm;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Business settings of the CRM service. */
@ConfigMapping(prefix = "switchboard.crm")
public interface CrmConfig {

    /** How a tenant without a row in {@code tenant_settings} reads national numbers and local times. */
    Tenants tenants();

    ApiKeys apiKeys();

    Media media();

    Erasure erasure();

    interface Tenants {

        /** ISO 3166 region national phone numbers are read in when the tenant has not set one. */
        @WithDefault("GB")
        String defaultRegion();

        /** IANA zone SwitchTransact call-log times are read in when the tenant has not set one. */
        @WithDefault("Europe/London")
        String defaultTimeZone();
    }

    interface ApiKeys {

        /**
         * A key's {@code lastUsedAt} is written at most this often per key (a write per request would cost more than
         * the lookup it serves).
         */
        @WithDefault("PT1M")
        Duration lastUsedResolution();
    }

    interface Media {

        /** Where media bytes live: {@code filesystem} (local) or {@code s3} (any S3-compatible store). */
        @WithDefault("filesystem")
        String storage();

        /** The largest recording or voicemail accepted, in bytes (larger uploads get 413). */
        @WithDefault("104857600")
        long maxBytes();

        /** Directory of the filesystem store. */
        @WithDefault("${java.io.tmpdir}/switchboard/media")
        String directory();

        /** How often bytes whose delete failed (store unreachable) are tried again. */
        @WithDefault("PT1M")
        Duration purgeInterval();

        S3 s3();

        interface S3 {

            /** The store's URL, e.g. {@code https://s3.eu-west-2.amazonaws.com} or a MinIO / Ceph endpoint. */
            Optional<String> endpoint();

            /** The bucket media objects are written to (it must exist). */
            @WithDefault("switchboard-media")
            String bucket();

            /** The signing region. */
            @WithDefault("us-east-1")
            String region();

            /** Path-style addressing ({@code endpoint/bucket/key}), which most self-hosted stores need. */
            @WithDefault("true")
            boolean pathStyle();

            /** Static credentials; without them the SDK's default chain (environment, web identity) is used. */
            Optional<String> accessKeyId();

            Optional<String> secretAccessKey();
        }
    }

    interface Erasure {

        /** The services whose answer on {@code switchboard.erasure-results} completes an erasure. */
        @WithDefault("callback-service,lead-service")
        List<String> participants();

        /** How long {@code DELETE /platform-api/v3.0/customer} waits for every answer before it answers 202. */
        @WithDefault("PT5S")
        Duration answerWithin();
    }
}
