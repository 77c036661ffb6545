package io.switchboard.callback.request;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Confirmation codes: the customer's reference and the key a web page subscribes to for live status, so they are
 * unguessable (random, about 5 bits a character) and easy to read aloud (no 0/O, 1/I/L).
 */
@ApplicationScoped
public class ConfirmationCodes {

    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final int length;

    public ConfirmationCodes(@ConfigProperty(name = "switchboard.callback.confirmation-code-length") int length) {
        this.length = length;
    }

    public String next() {
        char[] code = new char[length];
        for (int i = 0; i < length; i++) {
            code[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }
}
