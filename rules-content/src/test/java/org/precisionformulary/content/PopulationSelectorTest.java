// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.precisionformulary.model.request.Fill;

/** Candidate populations: indication first, then age, diagnoses and history, else all of the drug's. */
class PopulationSelectorTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private final PopulationSelector selector = new PopulationSelector(CpicData.builtIn());

    private List<String> pick(String drug, String indication, LocalDate birth, List<String> dx, List<Fill> history) {
        return selector.candidates(drug, indication, birth, dx, history, DAY);
    }

    @Test
    void drugsCpicDoesNotSplitAreGeneral() {
        assertThat(pick("codeine", "CVI ACS PCI", null, List.of(), List.of())).containsExactly("general");
        assertThat(pick("not-a-cpic-drug", null, null, List.of(), List.of())).containsExactly("general");
    }

    @Test
    void theIndicationNamesThePopulationCaseInsensitively() {
        assertThat(pick("clopidogrel", "cvi acs pci", null, List.of("I63.9"), List.of())).containsExactly("CVI ACS PCI");
    }

    @Test
    void withoutIndicationAgeAndDiagnosesSelectAndOtherwiseAllPopulationsStay() {
        assertThat(pick("atomoxetine", null, LocalDate.of(2015, 1, 1), List.of(), List.of())).containsExactly("pediatrics");
        assertThat(pick("atomoxetine", null, LocalDate.of(1980, 1, 1), List.of(), List.of())).containsExactly("adults");
        assertThat(pick("atomoxetine", null, null, List.of(), List.of())).containsExactly("adults", "pediatrics");
        assertThat(pick("clopidogrel", null, null, List.of("I21.4"), List.of())).containsExactly("CVI ACS PCI");
        assertThat(pick("clopidogrel", null, null, List.of("E11.9"), List.of())).hasSize(3);
    }

    @Test
    void fillHistorySeparatesNaiveFromLongTermUse() {
        List<Fill> longUse = List.of(new Fill("phenytoin", DAY.minusDays(100), 60), new Fill("phenytoin", DAY.minusDays(40), 40));
        assertThat(pick("phenytoin", null, null, List.of(), longUse)).containsExactly("PHT use >3mos");
        List<Fill> other = List.of(new Fill("lisinopril", DAY.minusDays(30), 30));
        assertThat(pick("phenytoin", null, null, List.of(), other)).containsExactly("PHT naive");
        assertThat(pick("phenytoin", null, null, List.of(), List.of())).containsExactly("PHT naive", "PHT use >3mos");
        List<Fill> shortUse = List.of(new Fill("carbamazepine", DAY.minusDays(20), 30));
        assertThat(pick("carbamazepine", null, null, List.of(), shortUse)).containsExactly("CBZ naive", "CBZ use >3mos", "CBZ-no alternatives");
    }
}
