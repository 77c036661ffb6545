package io.switchboard.common.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxErasureTest {

    @Test
    void shouldEscapeEveryCharacterAPatternCouldReadAsAnOperator() {
        assertThat(OutboxErasure.literalPattern("a.b+c@example.com")).isEqualTo("a\\.b\\+c\\@example\\.com");
        assertThat(OutboxErasure.literalPattern("x(1)*[2]")).isEqualTo("x\\(1\\)\\*\\[2\\]");
        assertThat(OutboxErasure.literalPattern("zoë")).isEqualTo("zoë");
    }
}
