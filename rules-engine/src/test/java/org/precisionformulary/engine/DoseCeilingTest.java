// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.precisionformulary.engine.testing.TestEngines;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.DurAlert;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.decision.Severity;

/**
 * A daily dose above the ceiling CPIC states for the genotype: simvastatin with SLCO1B1 decreased function,
 * paid on the prescriber's confirmation, and lovastatin, whose ceiling allows the ceiling itself.
 */
class DoseCeilingTest {

    private static final PrecisionFormulary ENGINE = TestEngines.withFormulary("""
            { "formularyId": "HD", "policy": { "pgxOverrides": [ { "professionalService": "M0", "resultOfService": "1G" } ] },
              "drugs": [ { "drug": "simvastatin", "tier": 1, "class": "statin" },
                         { "drug": "lovastatin", "tier": 1, "class": "statin" },
                         { "drug": "pravastatin", "tier": 1, "class": "statin" } ] }
            """);
    private static final String DECREASED = "{\"gene\":\"SLCO1B1\",\"diplotype\":\"*1/*5\"}";
    private static final String OVERRIDE = ",\"durPps\":[{\"reasonForService\":\"DL\",\"professionalService\":\"M0\","
            + "\"resultOfService\":\"1G\"}]";

    private static CoverageDecision fill(String drug, int quantity, int days, double strength, String more) {
        return ENGINE.evaluate(TestEngines.request(drug, DECREASED, more + ",\"claim\":{\"quantityDispensed\":"
                + quantity + ",\"daysSupply\":" + days + ",\"strengthMg\":" + strength + "}"));
    }

    private static java.util.List<DurAlert> highDose(CoverageDecision d) {
        return d.durAlerts().stream().filter(a -> a.reasonCode().equals("HD")).toList();
    }

    @Test
    void aDailyDoseAtOrAboveAStrictCeilingIsAMajorHighDoseAlertNamingItAndCpicsWords() {
        CoverageDecision d = fill("simvastatin", 30, 30, 40, OVERRIDE);

        assertThat(d.outcome()).isEqualTo(Outcome.APPROVED_WITH_EXCEPTION);
        assertThat(highDose(d)).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.MAJOR);
            assertThat(a.drug()).isEqualTo("simvastatin");
            assertThat(a.message()).isEqualTo("Daily dose 40 mg is above the ceiling CPIC states for simvastatin with"
                    + " this genotype (below 20 mg/day: \"limit dose to <20mg/day\"; CPIC guideline PA166105005).");
        });
        // "<20": 20 mg a day is already too much; 10 mg is not.
        assertThat(highDose(fill("simvastatin", 60, 30, 10, OVERRIDE))).hasSize(1);
        assertThat(highDose(fill("simvastatin", 30, 30, 10, OVERRIDE))).isEmpty();
    }

    @Test
    void anInclusiveCeilingAllowsItsOwnValue() {
        assertThat(highDose(fill("lovastatin", 30, 30, 20, ""))).isEmpty();
        assertThat(highDose(fill("lovastatin", 45, 30, 20, ""))).singleElement()
                .satisfies(a -> assertThat(a.message()).startsWith("Daily dose 30 mg is above").contains("at most 20"));
    }

    @Test
    void withoutAStrengthOrACeilingThereIsNoDoseToCheck() {
        assertThat(highDose(ENGINE.evaluate(TestEngines.request("lovastatin", DECREASED,
                ",\"claim\":{\"quantityDispensed\":90,\"daysSupply\":30}")))).isEmpty();
        assertThat(highDose(fill("pravastatin", 30, 30, 80, ""))).isEmpty();
        CoverageDecision bad = ENGINE.evaluate(TestEngines.request("lovastatin", DECREASED,
                ",\"claim\":{\"quantityDispensed\":30,\"daysSupply\":30,\"strengthMg\":-5}"));
        assertThat(bad.errors()).extracting(e -> e.field()).containsExactly("claim.strengthMg");
    }
}
