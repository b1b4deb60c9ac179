// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Classification;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;

/**
 * FHIR resources in, decisions out: each fixture is mapped and then decided by the real engine with the
 * built-in CPIC pack and the demo formulary, as a point-of-prescribing service would.
 */
class FhirDecisionTest {

    private static final LocalDate SERVICE_DATE = LocalDate.of(2026, 11, 20);

    private static PrecisionFormulary engine;
    private static FhirRequestMapper mapper;

    @BeforeAll
    static void build() {
        engine = PrecisionFormulary.builder()
                .clock(Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC))
                .build();
        mapper = FhirRequestMapper.create();
    }

    private static CoverageDecision decide(String fixture) {
        FhirMapping mapping = mapper.fromBundle(Fixtures.text(fixture), SERVICE_DATE);
        assertThat(mapping.errors()).isEmpty();
        return engine.evaluate(mapping.request());
    }

    @Test
    void aCyp2d6PoorMetabolizerGenotypeRejectsCodeineWith88CitingCpic() {
        CoverageDecision d = decide("cyp2d6-poor-codeine.json");
        assertThat(d.requestId()).isEqualTo("mr-codeine");
        assertThat(d.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(d.rejectCodes()).containsExactly("88");
        assertThat(d.errors()).isEmpty();
        assertThat(d.findings()).filteredOn(f -> f.drug().equals("codeine")).isNotEmpty().allSatisfy(f -> {
            assertThat(f.genes()).containsEntry("CYP2D6", "Poor Metabolizer");
            assertThat(f.lookupKey()).containsEntry("CYP2D6", "0.0");
            assertThat(f.classification()).isEqualTo(Classification.STRONG);
            assertThat(f.action()).isEqualTo(Action.AVOID);
            assertThat(f.guidelineId()).isEqualTo("PA166104996");
        });
        assertThat(d.alternatives()).extracting(a -> a.drug()).doesNotContain("codeine", "tramadol");
    }

    @Test
    void anHlaB5701CarrierIsRefusedAbacavir() {
        CoverageDecision d = decide("hla-b-5701-abacavir.json");
        assertThat(d.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(d.rejectCodes()).containsExactly("88");
        assertThat(d.findings()).filteredOn(f -> f.drug().equals("abacavir")).isNotEmpty().allSatisfy(f -> {
            assertThat(f.lookupKey()).containsEntry("HLA-B", "*57:01 positive");
            assertThat(f.action()).isEqualTo(Action.AVOID);
        });
    }

    @Test
    void aMetabolizerPhenotypeObservationStandsInForTheGenotype() {
        CoverageDecision d = decide("cyp2d6-phenotype-codeine.json");
        assertThat(d.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(d.rejectCodes()).containsExactly("88");
        assertThat(d.findings()).filteredOn(f -> f.drug().equals("codeine")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.genes()).containsEntry("CYP2D6", "Poor Metabolizer"));
    }

    @Test
    void aPreliminaryGenotypeIsNotUsedSoCodeinePays() {
        FhirMapping mapping = mapper.fromBundle(Fixtures.text("preliminary-genotype.json"), SERVICE_DATE);
        assertThat(mapping.request().genotypes()).isEmpty();
        assertThat(mapping.messages()).anySatisfy(m -> assertThat(m)
                .startsWith("Observation/gt-cyp2d6: status preliminary"));
        CoverageDecision d = engine.evaluate(mapping.request());
        assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(d.findings()).noneSatisfy(f -> assertThat(f.action()).isEqualTo(Action.AVOID));
    }

    @Test
    void aLabsOwnCodesAreReadThroughAReplacedCodeMap() {
        FhirCodeMap local = FhirCodeMap.parse(Fixtures.text("code-map.tsv") + Fixtures.text("local-code-rows.tsv"),
                "local-code-map.tsv");
        FhirMapping mapping = FhirRequestMapper.create(local)
                .fromBundle(Fixtures.text("local-codes-hla.json"), SERVICE_DATE);
        assertThat(mapping.errors()).isEmpty();
        CoverageDecision d = engine.evaluate(mapping.request());
        assertThat(d.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(d.rejectCodes()).containsExactly("88");
    }
}
