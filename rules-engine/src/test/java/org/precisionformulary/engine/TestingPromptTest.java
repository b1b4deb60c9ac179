// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precisionformulary.engine.testing.TestEngines;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.decision.Severity;

/**
 * A Strong CPIC recommendation that depends on a gene the request has no result for: an informational alert
 * suggesting the test, or, where the plan needs the result, a prior-authorization hold that a result lifts and
 * nothing else raises.
 */
class TestingPromptTest {

    private static PrecisionFormulary engine;

    @BeforeAll
    static void engine() {
        engine = TestEngines.withFormulary("""
                { "formularyId": "TP",
                  "drugs": [ { "drug": "abacavir", "tier": 2, "class": "nrti", "genotypeRequired": ["HLA-B"] },
                             { "drug": "tenofovir disoproxil", "tier": 1, "class": "nrti" },
                             { "drug": "amitriptyline", "tier": 1, "class": "tca" },
                             { "drug": "ondansetron", "tier": 1, "class": "antiemetic" } ] }
                """);
    }

    private static CoverageDecision claim(String drug, String genotypes) {
        return engine.evaluate(TestEngines.request(drug, genotypes, ""));
    }

    @Test
    void anUntestedGeneAStrongRecommendationDependsOnIsAMinorAlertNamingItAndTheGuideline() {
        CoverageDecision d = claim("amitriptyline", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*1\"}");

        assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
        // The member hears nothing of a test: the prompt is for the pharmacist.
        assertThat(d.memberExplanation()).isEqualTo("Your prescription for amitriptyline is covered at tier 1.");
        assertThat(d.durAlerts()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.MINOR);
            assertThat(a.reasonCode()).isEqualTo("DL");
            assertThat(a.message()).startsWith("No CYP2C19 result on file: CPIC makes a Strong recommendation for"
                    + " amitriptyline that depends on it; consider testing (CPIC guideline PA");
        });
        // Tested for both: nothing to prompt.
        assertThat(claim("amitriptyline", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*1\"},"
                + "{\"gene\":\"CYP2C19\",\"diplotype\":\"*1/*1\"}").durAlerts()).isEmpty();
        // A drug without CPIC recommendations prompts nothing; ondansetron's CYP2D6 recommendations do.
        assertThat(claim("tenofovir disoproxil", "").durAlerts()).isEmpty();
        assertThat(claim("ondansetron", "").durAlerts()).singleElement()
                .satisfies(a -> assertThat(a.message()).startsWith("No CYP2D6 result on file"));
    }

    @Test
    void aPlanThatNeedsTheResultHoldsForPriorAuthorizationAndTheResultLiftsTheHold() {
        CoverageDecision untested = claim("abacavir", "");
        assertThat(untested.outcome()).isEqualTo(Outcome.PRIOR_AUTH_REQUIRED);
        assertThat(untested.rejectCodes()).containsExactly("75");
        assertThat(untested.reasons()).anySatisfy(r -> assertThat(r).contains("the plan needs the member's HLA-B"
                + " result before it pays for abacavir"));
        assertThat(untested.durAlerts()).isEmpty();

        // Other genes on file do not stand in for HLA-B, and the guard sees the same hold without them.
        CoverageDecision otherGenes = claim("abacavir", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*1\"}");
        assertThat(otherGenes.outcome()).isEqualTo(Outcome.PRIOR_AUTH_REQUIRED);
        assertThat(otherGenes.errors()).isEmpty();

        assertThat(claim("abacavir", "{\"gene\":\"HLA-B\",\"allele\":\"*57:01\",\"result\":\"negative\"}").outcome())
                .isEqualTo(Outcome.APPROVED);
        assertThat(claim("abacavir", "{\"gene\":\"HLA-B\",\"allele\":\"*57:01\",\"result\":\"positive\"}").rejectCodes())
                .containsExactly("88");
    }
}
