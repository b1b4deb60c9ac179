// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.ContentException;
import org.precisionformulary.content.cpic.CpicData;
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
        // Twenty days of a course is not three months of tolerance: the member is still in the risk window.
        List<Fill> shortUse = List.of(new Fill("carbamazepine", DAY.minusDays(20), 30));
        assertThat(pick("carbamazepine", null, null, List.of(), shortUse)).containsExactly("CBZ naive");
    }

    @Test
    void aCourseYearsAgoIsNotEvidenceOfTolerance() {
        // Ninety-one days, but three years ago: outside the two-year look-back.
        List<Fill> old = List.of(new Fill("phenytoin", DAY.minusYears(3), 91));
        assertThat(pick("phenytoin", null, null, List.of(), old)).containsExactly("PHT naive");
    }

    @Test
    void daysAddedUpAcrossBrokenCoursesAreNotContinuousUse() {
        // 30 + 30 + 40 days supplied, but with 60-day gaps between the fills.
        List<Fill> broken = List.of(new Fill("phenytoin", DAY.minusDays(300), 30),
                new Fill("phenytoin", DAY.minusDays(210), 30), new Fill("phenytoin", DAY.minusDays(120), 40));
        assertThat(pick("phenytoin", null, null, List.of(), broken)).containsExactly("PHT naive");
        // The same supply refilled within the 7-day grace is one course of more than three months.
        List<Fill> refilled = List.of(new Fill("phenytoin", DAY.minusDays(200), 30),
                new Fill("fosphenytoin", DAY.minusDays(165), 30), new Fill("phenytoin", DAY.minusDays(130), 40));
        assertThat(pick("phenytoin", null, null, List.of(), refilled)).containsExactly("PHT use >3mos");
    }

    @Test
    void moreThanThreeMonthsMeansNinetyOneDaysOfUseUpToTheServiceDate() {
        assertThat(PopulationSelector.longestContinuousUse(List.of(new Fill("phenytoin", DAY.minusDays(91), 90)),
                List.of("phenytoin"), 7, DAY.minusDays(730), DAY)).isEqualTo(90);
        assertThat(pick("phenytoin", null, null, List.of(), List.of(new Fill("phenytoin", DAY.minusDays(91), 90))))
                .containsExactly("PHT naive");
        // Supply that runs past the service date is not use yet.
        assertThat(pick("phenytoin", null, null, List.of(), List.of(new Fill("phenytoin", DAY.minusDays(30), 180))))
                .containsExactly("PHT naive");
        assertThat(pick("phenytoin", null, null, List.of(), List.of(new Fill("phenytoin", DAY.minusDays(95), 180))))
                .containsExactly("PHT use >3mos");
    }

    @Test
    void aPlanMayWidenTheLookBackAndGraceForItsMembers() {
        String plan = "drug\tpopulation\tselector\tvalues\twhy\n"
                + "phenytoin\tPHT use >3mos\tcontinuous_use\tdrugs=phenytoin,fosphenytoin min_days=91 max_gap_days=7"
                + " lookback_days=3650\tP&T 2026-10: our members' history goes back ten years\n";
        PopulationSelector widened = new PopulationSelector(CpicData.builtIn(), plan, "plan/populations.tsv");
        List<Fill> old = List.of(new Fill("phenytoin", DAY.minusYears(3), 91));
        assertThat(widened.candidates("phenytoin", null, null, List.of(), old, DAY)).containsExactly("PHT use >3mos");
        // Rows the plan does not name stay as built in.
        assertThat(widened.candidates("carbamazepine", null, null, List.of(),
                List.of(new Fill("carbamazepine", DAY.minusYears(3), 91)), DAY)).containsExactly("CBZ naive");
    }

    @Test
    void aPlanRowThatCannotBeReadIsRefusedWithItsLine() {
        String header = "drug\tpopulation\tselector\tvalues\twhy\n";
        assertThatThrownBy(() -> new PopulationSelector(CpicData.builtIn(), header
                + "phenytoin\tPHT use >3mos\tcontinuous_use\tdrugs=phenytoin min_days=three max_gap_days=7 lookback_days=1\tx\n",
                "plan/populations.tsv")).isInstanceOf(ContentException.class)
                .hasMessageContaining("plan/populations.tsv:2").hasMessageContaining("min_days must be a whole number");
        assertThatThrownBy(() -> new PopulationSelector(CpicData.builtIn(), header
                + "phenytoin\tPHT use >3mos\tcontinuous_use\tdrugs=phenytoin\tx\n", "plan/populations.tsv"))
                .hasMessageContaining("needs min_days");
        assertThatThrownBy(() -> new PopulationSelector(CpicData.builtIn(), header
                + "phenytoin\tPHT forever\tmin_age\t18\tx\n", "plan/populations.tsv"))
                .hasMessageContaining("CPIC has no population 'PHT forever'");
    }

    @Test
    void aPopulationThatNeedsDataTheRequestLacksSaysSo() {
        assertThat(selector.notes("efavirenz", LocalDate.of(1980, 1, 1), DAY)).isEmpty();
        assertThat(selector.notes("efavirenz", LocalDate.of(2016, 1, 1), DAY)).singleElement().asString()
                .contains("child >40kg_adult").contains("40 kg").contains("age is 10");
        assertThat(selector.notes("efavirenz", null, DAY)).singleElement().asString().contains("age is not known");
        assertThat(selector.notes("codeine", null, DAY)).isEmpty();
    }
}
