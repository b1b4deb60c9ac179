// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precisionformulary.engine.testing.TestEngines;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.Outcome;

/**
 * A pharmacogenomic hard stop answered on resubmission: the plan's accepted DUR/PPS codes lift a stop CPIC
 * qualifies with a condition of use, never one it does not; a refused answer says why.
 */
class PgxOverrideTest {

    private static PrecisionFormulary engine;

    @BeforeAll
    static void engine() {
        engine = TestEngines.withFormulary("""
                { "formularyId": "OVR", "policy": { "pgxOverrides": [ { "professionalService": "M0", "resultOfService": "1G" } ] },
                  "drugs": [ { "drug": "amikacin", "tier": 1, "class": "aminoglycoside" },
                             { "drug": "aztreonam", "tier": 2, "class": "aminoglycoside" },
                             { "drug": "codeine", "tier": 1, "class": "opioid" },
                             { "drug": "hydromorphone", "tier": 2, "class": "opioid" } ] }
                """);
    }

    private static CoverageDecision claim(String drug, String genotype, String durPps) {
        return engine.evaluate("{\"requestId\":\"O-1\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M\"},"
                + "\"drug\":{\"name\":\"" + drug + "\"},\"genotypes\":[" + genotype + "]"
                + (durPps == null ? "" : ",\"durPps\":[" + durPps + "]") + "}");
    }

    private static final String M1555 = "{\"gene\":\"MT-RNR1\",\"diplotype\":\"m.1555A>G\"}";
    private static final String ACCEPTED = "{\"reasonForService\":\"DL\",\"professionalService\":\"M0\",\"resultOfService\":\"1G\"}";

    @Test
    void anAcceptedAnswerLiftsAStopCpicQualifies() {
        assertThat(claim("amikacin", M1555, null).rejectCodes()).containsExactly("88");
        CoverageDecision d = claim("amikacin", M1555, ACCEPTED);
        assertThat(d.outcome()).isEqualTo(Outcome.APPROVED_WITH_EXCEPTION);
        assertThat(d.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ExceptionType.PGX_OVERRIDE);
            assertThat(e.ground()).contains("DL/M0/1G accepted");
        });
        assertThat(d.durAlerts()).isNotEmpty();
        assertThat(d.audit().firedRules()).contains("pgx override: the prescriber confirmed the condition under which"
                + " CPIC allows the drug");
        assertThat(d.memberExplanation()).contains("checked with your prescriber");
    }

    @Test
    void anAnswerThePlanDoesNotAcceptSaysWhichItAccepts() {
        CoverageDecision d = claim("amikacin", M1555,
                "{\"reasonForService\":\"DL\",\"professionalService\":\"M0\",\"resultOfService\":\"1B\"}");
        assertThat(d.rejectCodes()).containsExactly("88");
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r).contains("DL/M0/1B is not an override the plan accepts")
                .contains("accepted: */M0/1G"));
    }

    @Test
    void aStopCpicDoesNotQualifyNeedsPriorAuthorization() {
        CoverageDecision d = claim("codeine", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}", ACCEPTED);
        assertThat(d.rejectCodes()).containsExactly("88");
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r).contains("cannot answer this stop")
                .contains("PA166297602").contains("prior authorization"));
    }

    @Test
    void aMalformedAnswerIsAFieldError() {
        CoverageDecision d = claim("amikacin", M1555, "{\"reasonForService\":\"DL\",\"professionalService\":\"M\"}");
        assertThat(d.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(d.errors()).extracting(e -> e.field())
                .contains("durPps[0].professionalService", "durPps[0].resultOfService");
    }
}
