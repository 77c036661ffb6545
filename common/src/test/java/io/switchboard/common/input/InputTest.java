package io.switchboard.common.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import io.switchboard.common.problem.Problem;
import io.switchboard.common.problem.ProblemException;
import io.switchboard.common.problem.ProblemTypes;

class InputTest {

    @Test
    void shouldNameEveryRejectedField() {
        var e = (ProblemException) org.assertj.core.api.Assertions.catchThrowable(
                () -> Input.check().text("name", "a\u0000", Input.NAME).text("email", "x".repeat(400), Input.EMAIL)
                        .text("ok", "fine", Input.NAME).text("absent", null, 1).done());
        Problem p = e.toProblem("/x");
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.type()).isEqualTo(ProblemTypes.INVALID_PARAMETERS);
        assertThat(p.errors()).extracting(Problem.FieldError::field).containsExactly("name", "email");
        assertThat(p.detail()).contains("name").contains("NUL").contains("email").contains("at most 320");
    }

    @Test
    void shouldRefuseNumbersOutOfRange() {
        assertThatThrownBy(() -> Input.parseLong("offset", "4294967295", 0, Integer.MAX_VALUE))
                .isInstanceOf(ProblemException.class).hasMessageContaining("offset");
        assertThatThrownBy(() -> Input.parseLong("offset", "99999999999999999999", 0, Integer.MAX_VALUE))
                .isInstanceOf(ProblemException.class).hasMessageContaining("offset");
        assertThat(Input.parseLong("offset", "12", 0, Integer.MAX_VALUE)).isEqualTo(12L);
        assertThat(Input.parseLong("offset", null, 0, 1)).isNull();
    }

    @Test
    void shouldRefuseTimesOutsideTheWindowWithoutClamping() {
        OffsetDateTime year1 = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        assertThatThrownBy(
                () -> Input.check().within("occurredAt", year1, Duration.ofDays(30), Duration.ofDays(1)).done())
                        .isInstanceOf(ProblemException.class).hasMessageContaining("occurredAt");
        assertThatThrownBy(() -> Input.check()
                .within("occurredAt", OffsetDateTime.now().plusDays(3), Duration.ofDays(30), Duration.ofDays(1)).done())
                        .isInstanceOf(ProblemException.class);
        Input.check().within("occurredAt", OffsetDateTime.now().minusDays(3), Duration.ofDays(30), Duration.ofDays(1))
                .done();
    }
}
