// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.cpic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The ceilings table against CPIC's own text: every row quotes its recommendation, and none is missing. */
class DoseCeilingsTest {

    /** How CPIC words a daily-dose ceiling in its recommendations. */
    private static final Pattern LIMIT = Pattern.compile("limit (?:the )?dose to ([<≤])\\s*(\\d+(?:\\.\\d+)?)\\s*mg");

    @Test
    void everyRowQuotesItsRecommendationAndSaysWhatItsWordsSay() {
        CpicData cpic = CpicData.builtIn();
        assertThat(DoseCeilings.builtIn().all()).isNotEmpty();
        for (DoseCeilings.Ceiling c : DoseCeilings.builtIn().all().values()) {
            CpicRecommendation r = cpic.recommendation(c.recommendationId()).orElseThrow();
            assertThat(r.drug()).as(c.recommendationId()).isEqualTo(c.drug());
            assertThat(r.text()).as(c.recommendationId()).contains(c.quote());
            var m = LIMIT.matcher(c.quote());
            assertThat(m.find()).as(c.quote()).isTrue();
            assertThat(Double.parseDouble(m.group(2))).isEqualTo(c.maxDailyMg());
            assertThat(c.inclusive()).isEqualTo(m.group(1).equals("≤"));
        }
    }

    @Test
    void everyRecommendationThatLimitsTheDailyDoseHasARow() {
        List<String> limiting = CpicData.builtIn().recommendations().stream()
                .filter(r -> LIMIT.matcher(r.text()).find()).map(CpicRecommendation::recommendationId).sorted().toList();

        assertThat(limiting).isNotEmpty().containsExactlyElementsOf(
                DoseCeilings.builtIn().all().keySet().stream().sorted().toList());
    }

    @Test
    void aStrictCeilingRefusesItsOwnValueAndAnInclusiveOneAllowsIt() {
        assertThat(new DoseCeilings.Ceiling("r", "simvastatin", 20, false, "<20").exceededBy(20)).isTrue();
        assertThat(new DoseCeilings.Ceiling("r", "simvastatin", 20, false, "<20").exceededBy(19.99)).isFalse();
        assertThat(new DoseCeilings.Ceiling("r", "lovastatin", 20, true, "≤20").exceededBy(20)).isFalse();
        assertThat(new DoseCeilings.Ceiling("r", "lovastatin", 20, true, "≤20").exceededBy(20.5)).isTrue();
    }
}
