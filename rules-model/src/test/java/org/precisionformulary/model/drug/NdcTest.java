// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.drug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.precisionformulary.model.json.RequestReader;

/** NDCs in each 10-digit layout pad to the same 11 digits a claim carries; anything ambiguous is refused. */
class NdcTest {

    @Test
    void eachTenDigitLayoutPadsItsShortSegment() {
        assertThat(Ndc.normalise("1234-5678-90")).isEqualTo("01234567890");
        assertThat(Ndc.normalise("12345-678-90")).isEqualTo("12345067890");
        assertThat(Ndc.normalise("12345-6789-0")).isEqualTo("12345678900");
        assertThat(Ndc.normalise("12345-6789-01")).isEqualTo("12345678901");
        assertThat(Ndc.normalise(" 12345678901 ")).isEqualTo("12345678901");
    }

    @Test
    void anAmbiguousOrMalformedNdcIsRefusedSayingWhy() {
        assertThatThrownBy(() -> Ndc.normalise("1234567890")).hasMessageContaining("no hyphens");
        assertThatThrownBy(() -> Ndc.normalise("123-4567-890")).hasMessageContaining("4-4-2, 5-3-2, 5-4-1");
        assertThatThrownBy(() -> Ndc.normalise("12345-6789-0A")).hasMessageContaining("digits and hyphens");
        assertThatThrownBy(() -> Ndc.normalise("123456789012")).hasMessageContaining("not in a layout");
    }

    @Test
    void aRequestMayNameItsDrugByNdcAndABadOneIsAFieldError() {
        var ok = RequestReader.read("{\"requestId\":\"R\",\"member\":{\"id\":\"M\"},\"drug\":{\"ndc\":\"1234-5678-90\"}}");
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.request().drug().ndc()).isEqualTo("01234567890");
        var bad = RequestReader.read("{\"requestId\":\"R\",\"member\":{\"id\":\"M\"},\"drug\":{\"ndc\":\"1234567890\"}}");
        assertThat(bad.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("drug.ndc");
            assertThat(e.message()).contains("no hyphens");
        });
    }
}
