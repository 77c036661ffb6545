package io.switchboard.callback.ameyo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.callback.legacy.LegacyCredentials;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Sessions of the Ameyo API: opened with the tenant's legacy credentials, expiring, stored as hashes. */
@ApplicationScoped
public class AmeyoSessions {

    private final SecureRandom random = new SecureRandom();
    private final LegacyCredentials credentials;
    private final Pool pool;
    private final AmeyoConfig config;

    public AmeyoSessions(LegacyCredentials credentials, Pool pool, AmeyoConfig config) {
        this.credentials = credentials;
        this.pool = pool;
        this.config = config;
    }

    public record Session(String sessionId, OffsetDateTime expiresAt) {
    }

    /** A new session for the company, or null when the credentials do not match. */
    public Uni<Session> open(String company, String password) {
        return credentials.authenticate(company, password).flatMap(tenant -> {
            if (tenant == null) {
                return Uni.createFrom().nullItem();
            }
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            String sessionId = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            OffsetDateTime expiresAt = OffsetDateTime.now().plus(config.sessionTtl());
            // expired sessions are swept as new ones open, so the table stays small without a job of its own
            return pool.preparedQuery("DELETE FROM ameyo_session WHERE expires_at < now() - interval '1 day'").execute()
                    .flatMap(
                            swept -> pool
                                    .preparedQuery("INSERT INTO ameyo_session (token_hash, tenant_id, expires_at)"
                                            + " VALUES ($1, $2, $3)")
                                    .execute(Tuple.of(hash(sessionId), tenant, expiresAt)))
                    .replaceWith(new Session(sessionId, expiresAt));
        });
    }

    /** The tenant of a live session; null for a missing, unknown or expired one. */
    public Uni<String> tenantOf(String sessionId) {
        if (sessionId == null || sessionId.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("SELECT tenant_id FROM ameyo_session WHERE token_hash = $1 AND expires_at > now()")
                .execute(Tuple.of(hash(sessionId.trim())))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("tenant_id"));
    }

    static String hash(String sessionId) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
