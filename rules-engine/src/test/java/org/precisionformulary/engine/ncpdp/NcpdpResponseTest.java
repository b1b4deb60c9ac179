// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.ncpdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.testing.TestEngines;
import org.precisionformulary.model.decision.CoverageDecision;

/** Decisions of the demo formulary as the NCPDP D.0 response fields a switch sends back to the pharmacy. */
class NcpdpResponseTest {

    private static PrecisionFormulary engine;

    @BeforeAll
    static void engine() {
        engine = TestEngines.withFormulary(null);
    }

    private static CoverageDecision decide(String drug, String genotypes) {
        return engine.evaluate(TestEngines.request(drug, genotypes, ""));
    }

    @Test
    void aHardStopIsRejectedWith88AndNamesTheAlternatives() {
        CoverageDecision stop = decide("codeine", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}");
        assertThat(stop.errors()).isEmpty();
        Map<String, Object> f = NcpdpResponse.fields(stop);
        assertThat(f.get("112-AN")).isEqualTo("R");
        assertThat(f.get("510-FA")).isEqualTo(1);
        assertThat(f.get("511-FB")).isEqualTo(List.of("88"));
        assertThat(f).doesNotContainKey("567-J6");
        assertThat((List<?>) f.get("526-FQ")).singleElement().asString().startsWith("PGx hard stop")
                .contains("Alternatives: ").contains("(tier ");
    }

    @Test
    void aPaidClaimWithAnAlertCarriesTheDurResponseCutToTheFieldsLength() {
        CoverageDecision d = decide("ondansetron", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*1x2/*2\"}");
        assertThat(d.errors()).isEmpty();
        assertThat(d.durAlerts()).isNotEmpty();
        Map<String, Object> f = NcpdpResponse.fields(d);
        assertThat(f.get("112-AN")).isEqualTo("P");
        assertThat(f).doesNotContainKeys("510-FA", "511-FB");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> dur = (List<Map<String, Object>>) f.get("567-J6");
        assertThat(dur).hasSize(d.durAlerts().size()).allSatisfy(r -> {
            assertThat(r.get("439-E4")).isEqualTo("DL");
            assertThat(r.get("528-FS")).isIn("1", "2", "3");
            assertThat((String) r.get("544-FY")).hasSizeLessThanOrEqualTo(30).startsWith("ondansetron");
        });
    }

    @Test
    void aClaimTheEngineCouldNotDecideIsRejectedWithTheLayoutsCode() {
        CoverageDecision review = engine.evaluate("{not json");
        assertThat(NcpdpResponse.fields(review).get("511-FB")).isEqualTo(List.of("85"));
        var layout = new NcpdpResponse.Layout(9, 30, 200, 25, "99");
        assertThat(NcpdpResponse.fields(review, layout).get("511-FB")).isEqualTo(List.of("99"));
        assertThatThrownBy(() -> new NcpdpResponse.Layout(0, 30, 200, 25, "85"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLongMessageIsSplitAtWordsIntoAtMostTheRepetitionsAllowed() {
        String text = "word ".repeat(100).strip();
        List<String> pieces = NcpdpResponse.split(text, 42, 3);
        assertThat(pieces).hasSize(3).allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(42).doesNotStartWith(" "));
        assertThat(NcpdpResponse.split("short", 42, 3)).containsExactly("short");
        assertThat(NcpdpResponse.split("", 42, 3)).isEmpty();
    }

    @Test
    void theSameDecisionAlwaysGivesTheSameFieldsInTheSameOrder() {
        CoverageDecision d = decide("codeine", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}");
        assertThat(NcpdpResponse.fields(d).keySet()).containsExactly("112-AN", "510-FA", "511-FB", "526-FQ");
        assertThat(NcpdpResponse.fields(d)).isEqualTo(NcpdpResponse.fields(d));
    }
}
