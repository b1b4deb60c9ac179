// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.DemoFormulary;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.genotype.GenotypeInterpreter;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.json.ParsedRequest;
import org.precisionformulary.model.json.RequestReader;

class WorkloadTest {

    private static final Workload STANDARD = Workload.standard();

    @Test
    void theSameSeedGivesTheSameWorkloadAndAnotherSeedAnother() {
        Workload again = Workload.create(Workload.DEFAULT_SEED, Workload.DEFAULT_DRUGS, Workload.DEFAULT_GENOTYPES);
        Workload other = Workload.create(Workload.DEFAULT_SEED + 1, Workload.DEFAULT_DRUGS, Workload.DEFAULT_GENOTYPES);

        assertThat(again.formularyJson()).isEqualTo(STANDARD.formularyJson());
        assertThat(again.requests(50)).isEqualTo(STANDARD.requests(50));
        assertThat(other.requests(50)).isNotEqualTo(STANDARD.requests(50));
        assertThat(STANDARD.request(123_456)).isEqualTo(again.request(123_456));
    }

    @Test
    void theFormularyListsTheDemoPlanEveryCpicDrugAndTwoThousandDrugsInAll() {
        Set<String> listed = STANDARD.formulary().drugs().stream().map(FormularyDrug::drug).collect(Collectors.toSet());
        Set<String> cpicDrugs = CpicData.builtIn().recommendations().stream().map(r -> r.drug()).collect(Collectors.toSet());

        assertThat(STANDARD.formulary().drugs()).hasSize(2_000);
        assertThat(listed).containsAll(cpicDrugs);
        assertThat(STANDARD.formulary().drugs()).containsAll(DemoFormulary.load().drugs());
        assertThat(STANDARD.formulary().drugs()).filteredOn(d -> d.priorAuth() != null).hasSizeGreaterThan(50);
        assertThat(STANDARD.formulary().drugs()).filteredOn(d -> d.stepTherapy() != null && d.stepTherapy().anyOf()
                .stream().anyMatch(cpicDrugs::contains)).hasSizeGreaterThan(50);
    }

    @Test
    void membersCarrySixteenGenotypesThatInterpretAndAboutTwoPercentOfRequestsAreBad() {
        GenotypeInterpreter interpreter = new GenotypeInterpreter(CpicData.builtIn());
        List<ParsedRequest> parsed = STANDARD.requests(2_000).stream().map(RequestReader::read).toList();
        List<ParsedRequest> wellFormed = parsed.stream().filter(ParsedRequest::isValid)
                .filter(p -> p.request().genotypes().size() == Workload.DEFAULT_GENOTYPES).toList();

        assertThat(wellFormed).hasSizeGreaterThan(1_900);
        assertThat(wellFormed).allSatisfy(p ->
                assertThat(interpreter.interpret(p.request().genotypes()).errors()).isEmpty());
        assertThat(parsed.size() - wellFormed.size()).isBetween(15, 70);
    }

    @Test
    void refusesMoreGenotypesThanThereAreGenes() {
        assertThatThrownBy(() -> Workload.create(1, 100, Workload.MAX_GENOTYPES + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("genotypes per request");
    }
}
