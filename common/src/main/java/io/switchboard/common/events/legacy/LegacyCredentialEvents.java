package io.switchboard.common.events.legacy;

import java.time.OffsetDateTime;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.switchboard.common.events.EventType;
import io.switchboard.common.events.Topics;

/**
 * The legacy company credentials ({@code company} + {@code password} of the Buzzeasy methods), owned by
 * callback-service and published on {@code switchboard.service-queue-events} beside the queues (same tenant key, so a
 * tenant's credential and queue changes stay in order); the subject is the company. The event carries only the PBKDF2
 * hash in {@link io.switchboard.common.legacy.LegacyPasswords}' format (scheme, iterations, salt, hash), never a
 * password; campaign-service verifies the legacy EWT methods against its read model of these hashes.
 */
@RegisterForReflection
public final class LegacyCredentialEvents {

    /** A company's password was set or changed. */
    public static final EventType<CredentialChanged> CHANGED = EventType.of(Topics.SERVICE_QUEUE_EVENTS,
            "switchboard.legacy-credential.changed", CredentialChanged.class);
    /** A company's legacy access was withdrawn. */
    public static final EventType<CredentialRevoked> REVOKED = EventType.of(Topics.SERVICE_QUEUE_EVENTS,
            "switchboard.legacy-credential.revoked", CredentialRevoked.class);

    private LegacyCredentialEvents() {
    }

    /**
     * @param passwordHash
     *            {@code pbkdf2-sha256$iterations$salt$hash}, as {@link io.switchboard.common.legacy.LegacyPasswords}
     *            writes it
     */
    public record CredentialChanged(String company, String passwordHash, OffsetDateTime changedAt) {
    }

    public record CredentialRevoked(String company, OffsetDateTime revokedAt) {
    }
}
