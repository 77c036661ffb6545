package io.switchboard.campaign.readmodel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.common.legacy.LegacyPasswords;

/**
 * Checks a legacy company + password against the read model, remembering successful checks: PBKDF2 is deliberately slow
 * (120,000 iterations: about 0.5 s of CPU a check, measured on the 2-core build machine under load, against 0.07 ms for
 * the SHA-256 of the cache key), and the legacy methods send the password on every call. An entry holds the hash it was
 * verified against and a SHA-256 of the password (never the password), and is used only while the read model still
 * holds that same hash, so a changed or revoked credential is never accepted from the cache, on any replica; the
 * consumer also drops the company's entry when its credential changes. At most {@link #CAPACITY} companies are
 * remembered, least recently used first out.
 */
@ApplicationScoped
public class VerifiedCredentials {

    static final int CAPACITY = 1_000;

    private record Entry(String hash, byte[] passwordDigest) {
    }

    private final LegacyCredentialRepository credentials;
    private final Map<String, Entry> verified = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    public VerifiedCredentials(LegacyCredentialRepository credentials) {
        this.credentials = credentials;
    }

    /** @return true when the company has a credential and the password matches it */
    public Uni<Boolean> verify(String company, String password) {
        if (company == null || password == null) {
            return Uni.createFrom().item(false);
        }
        return credentials.hashOf(company).flatMap(hash -> {
            if (hash == null) {
                return Uni.createFrom().item(false);
            }
            byte[] digest = sha256(password);
            Entry known;
            synchronized (verified) {
                known = verified.get(company);
            }
            if (known != null && known.hash().equals(hash) && MessageDigest.isEqual(known.passwordDigest(), digest)) {
                return Uni.createFrom().item(true);
            }
            // PBKDF2 is deliberately slow: keep it off the event loop.
            return Uni.createFrom().item(() -> LegacyPasswords.verify(password, hash))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).invoke(ok -> {
                        if (ok) {
                            synchronized (verified) {
                                verified.put(company, new Entry(hash, digest));
                            }
                        }
                    });
        });
    }

    /** Forgets the company's successful checks (its credential changed or was revoked). */
    public void invalidate(String company) {
        synchronized (verified) {
            verified.remove(company);
        }
    }

    /** True when a successful check of the company is remembered. */
    boolean remembers(String company) {
        synchronized (verified) {
            return verified.containsKey(company);
        }
    }

    private static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
