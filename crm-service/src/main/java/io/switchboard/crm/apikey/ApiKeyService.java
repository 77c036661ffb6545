package io.switchboard.crm.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.logging.LogContext;
import io.switchboard.crm.CrmConfig;
import io.switchboard.crm.tenant.TenantSettings;
import io.switchboard.crm.tenant.TenantSettingsRepository;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Issues, lists, revokes and checks SwitchTransact API keys.
 * <p>
 * A key is {@code sbk_} and 256 random bits (base64url). Only its SHA-256 is stored: with that much entropy a
 * precomputed or brute-force search is hopeless, so a slow password hash would add nothing but latency to every call,
 * and a keyed hash (HMAC with a server secret) would add a secret whose loss invalidates every key. Every call looks
 * the key up by that hash through its unique index (one round trip, joined with the tenant's settings); no replica
 * caches a key, so a revocation is in force on every replica from its commit.
 * </p>
 */
@ApplicationScoped
public class ApiKeyService {

    private static final String PREFIX = "sbk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyRepository keys;
    private final TenantSettingsRepository settings;
    private final CrmConfig config;

    public ApiKeyService(ApiKeyRepository keys, TenantSettingsRepository settings, CrmConfig config) {
        this.keys = keys;
        this.settings = settings;
        this.config = config;
    }

    /** A new key and its record: the only time the key exists outside the caller's hands. */
    public record Issued(ApiKey record, String key) {
    }

    /** The caller of a SwitchTransact call, once its key checked out. */
    public record Caller(ApiKey key, TenantSettings settings) {

        public String tenantId() {
            return key.tenantId();
        }
    }

    public Uni<Issued> issue(String tenantId, String name, List<Permission> permissions, String createdBy) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return keys.insert(UUID.randomUUID(), tenantId, name, hash(key), key.substring(0, PREFIX.length() + 6),
                permissions, createdBy).map(record -> new Issued(record, key));
    }

    public Uni<List<ApiKey>> list(String tenantId) {
        return keys.list(tenantId);
    }

    public Uni<Boolean> revoke(String tenantId, UUID id) {
        return keys.revoke(tenantId, id);
    }

    /**
     * Checks a presented key and the permission the call needs.
     *
     * @throws ApiKeyRejectedException
     *             (as the Uni's failure) when the key is missing, unknown or revoked
     * @throws PermissionDeniedException
     *             when it lacks {@code needed}
     */
    public Uni<Caller> authorize(String presentedKey, Permission needed) {
        if (presentedKey == null || presentedKey.isBlank()) {
            return Uni.createFrom()
                    .failure(new ApiKeyRejectedException("An API key is required: send it in the X-Api-Key header."));
        }
        return keys.findByHash(hash(presentedKey.trim())).map(row -> {
            if (row == null || row.getOffsetDateTime("revoked_at") != null) {
                throw new ApiKeyRejectedException("The API key is not valid.");
            }
            ApiKey key = ApiKey.of(row);
            LogContext.tenant(key.tenantId());
            if (!key.allows(needed)) {
                throw new PermissionDeniedException(needed);
            }
            touch(key);
            return new Caller(key, settingsOf(key.tenantId(), row));
        });
    }

    private TenantSettings settingsOf(String tenantId, Row row) {
        String region = row.getString("default_region");
        return region == null ? settings.defaults(tenantId)
                : new TenantSettings(tenantId, region, row.getString("time_zone"));
    }

    private void touch(ApiKey key) {
        long resolution = config.apiKeys().lastUsedResolution().toMillis();
        if (key.lastUsedAt() != null
                && key.lastUsedAt().toInstant().toEpochMilli() > System.currentTimeMillis() - resolution) {
            return;
        }
        keys.touch(key.id(), resolution / 1000.0).subscribe().with(ignored -> {
        }, failure -> Log.debugf("Could not record the use of API key %s: %s", key.id(), failure.toString()));
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
