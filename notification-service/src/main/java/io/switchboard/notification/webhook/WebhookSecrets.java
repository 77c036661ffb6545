package io.switchboard.notification.webhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.notification.NotificationConfig;

/**
 * Webhook signing secrets at rest: AES-256-GCM with the key of
 * {@code switchboard.notification.webhooks.encryption-key}, a fresh 96-bit nonce per secret, and the webhook's id as
 * associated data (a ciphertext copied onto another webhook's row does not decrypt). Stored as
 * {@code v1:<base64(nonce || ciphertext || tag)>}. Also used by the migration that encrypted the rows stored in clear
 * before ({@code db.migration.V2__EncryptWebhookSecrets}).
 */
@ApplicationScoped
public class WebhookSecrets {

    static final String CONFIG_KEY = "switchboard.notification.webhooks.encryption-key";
    public static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public WebhookSecrets(NotificationConfig config) {
        this.key = key(config.webhooks().encryptionKey());
    }

    /** Reads the key at start-up, so that a missing or malformed key stops the service before it serves anything. */
    void check(@Observes StartupEvent started) {
        // the constructor has validated it
    }

    String encrypt(UUID webhookId, String secret) {
        return encrypt(key, webhookId, secret);
    }

    String decrypt(UUID webhookId, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new IllegalStateException("The secret of webhook " + webhookId + " is not encrypted");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(webhookId.toString().getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The secret of webhook " + webhookId + " does not decrypt with this key",
                    e);
        }
    }

    public static String encrypt(SecretKeySpec key, UUID webhookId, String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(webhookId.toString().getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The AES-256 key from its configured base64 form; refuses anything but 32 bytes. */
    public static SecretKeySpec key(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(CONFIG_KEY + " is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(
                    CONFIG_KEY + " must be the base64 of 32 random bytes (AES-256), not " + bytes.length + " bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
