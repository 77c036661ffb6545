package io.switchboard.common.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LegacyPasswordsTest {

    @Test
    void shouldVerifyTheRightPasswordOnlyAndNeverStoreItInClear() {
        String stored = LegacyPasswords.hash("P@ssword");
        assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain("P@ssword");
        assertThat(LegacyPasswords.verify("P@ssword", stored)).isTrue();
        assertThat(LegacyPasswords.verify("P@sswordX", stored)).isFalse();
        assertThat(LegacyPasswords.verify("password", stored)).isFalse();
        assertThat(LegacyPasswords.verify(null, stored)).isFalse();
        assertThat(LegacyPasswords.verify("P@ssword", "garbage")).isFalse();
    }

    @Test
    void shouldSaltEachHash() {
        assertThat(LegacyPasswords.hash("same")).isNotEqualTo(LegacyPasswords.hash("same"));
    }
}
