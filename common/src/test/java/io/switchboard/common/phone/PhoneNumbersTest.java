package io.switchboard.common.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    @Test
    void shouldAcceptE164AsItIsWhateverTheRegion() {
        assertThat(PhoneNumbers.toE164("+447400123456", null)).contains("+447400123456");
        assertThat(PhoneNumbers.toE164("+44 7400 123456", "IE")).contains("+447400123456");
        assertThat(PhoneNumbers.toE164("0044 7400 123456", null)).contains("+447400123456");
    }

    @Test
    void shouldReadNationalNumbersInTheAppendixRegionsAndOthers() {
        assertThat(PhoneNumbers.toE164("07400 123456", "GB")).contains("+447400123456");
        assertThat(PhoneNumbers.toE164("07400 123456", "gb")).contains("+447400123456");
        assertThat(PhoneNumbers.toE164("085 123 4567", "IE")).contains("+353851234567");
        assertThat(PhoneNumbers.toE164("030 123456", "DE")).contains("+4930123456");
    }

    @Test
    void shouldRefuseWhatCannotBeFormatted() {
        assertThat(PhoneNumbers.toE164("07400 123456", null)).isEmpty();
        assertThat(PhoneNumbers.toE164("07400 123456", "XX")).isEmpty();
        assertThat(PhoneNumbers.toE164("12345", "GB")).isEmpty();
        assertThat(PhoneNumbers.toE164("call me", "GB")).isEmpty();
        assertThat(PhoneNumbers.toE164("+999 1234567", null)).isEmpty();
        assertThat(PhoneNumbers.toE164("+4412345678901234567", null)).isEmpty();
        // E.164 is checked like any other number: the seeds' own example has a digit too many for a UK mobile, the
        // next a digit too few.
        assertThat(PhoneNumbers.toE164("+4477794531150", null)).isEmpty();
        assertThat(PhoneNumbers.toE164("+447400 12345", "GB")).isEmpty();
        assertThat(PhoneNumbers.toE164("", "GB")).isEmpty();
        assertThat(PhoneNumbers.toE164(null, "GB")).isEmpty();
    }
}
