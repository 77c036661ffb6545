package io.switchboard.crm.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTermsTest {

    @Test
    void shouldReadANationalStartInTheTenantsRegionAndAsInternationalDigits() {
        assertThat(SearchTerms.phonePrefixes("07400 12", "GB")).containsExactly("+44740012", "+0740012");
        assertThat(SearchTerms.phonePrefixes("072-123", "ZA")).containsExactly("+2772123", "+072123");
        assertThat(SearchTerms.phonePrefixes("447400", "GB")).containsExactly("+447400");
    }

    @Test
    void shouldReadAPlusOrDoubleZeroAsInternational() {
        assertThat(SearchTerms.phonePrefixes("+44 (0)7400", "GB")).containsExactly("+4407400");
        assertThat(SearchTerms.phonePrefixes("+44 7400", "GB")).containsExactly("+447400");
        assertThat(SearchTerms.phonePrefixes("0044 74", "GB")).containsExactly("+4474");
    }

    @Test
    void shouldNotReadWordsOrTooFewDigitsAsANumber() {
        assertThat(SearchTerms.phonePrefixes("james", "GB")).isEmpty();
        assertThat(SearchTerms.phonePrefixes("07", "GB")).isEmpty();
        assertThat(SearchTerms.phonePrefixes("0740a", "GB")).isEmpty();
    }
}
