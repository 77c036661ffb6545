package io.switchboard.crm.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PermissionTest {

    @Test
    void shouldReadAreaAndAccessInAnyCaseAndRefuseAnythingElse() {
        assertThat(Permission.parse("General:Read")).isEqualTo(Permission.READ_GENERAL);
        assertThat(Permission.parse(" general : WRITE ")).isEqualTo(Permission.WRITE_GENERAL);
        assertThat(Permission.parse("General:Delete")).isNull();
        assertThat(Permission.parse("General")).isNull();
        assertThat(Permission.parse(null)).isNull();
    }

    @Test
    void shouldSayWhatIsRequestedInTheSeedsWords() {
        assertThat(new PermissionDeniedException(Permission.WRITE_GENERAL).getMessage())
                .isEqualTo("Not authorized to make this API call. Requesting Write on General.");
        assertThat(Permission.READ_GENERAL.toString()).isEqualTo("General:Read");
    }
}
