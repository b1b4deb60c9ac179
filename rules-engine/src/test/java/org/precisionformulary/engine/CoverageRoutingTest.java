// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.model.decision.Alternative;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.FormularyReader;

/**
 * Step therapy with genomic waivers, biomarker prior authorization, tier exceptions and the GINA guard, on
 * a formulary written here from the contract's documented format (§3), not the demo data.
 */
class CoverageRoutingTest {

    private static final String FORMULARY = """
            { "formularyId": "TEST-ROUTING", "policy": { "stepTherapyRejectCode": "%s", "defaultLookbackDays": 120 },
              "drugs": [
                { "drug": "codeine",       "tier": 1, "class": "opioid" },
                { "drug": "tramadol",      "tier": 1, "class": "opioid" },
                { "drug": "morphine",      "tier": 2, "class": "opioid" },
                { "drug": "hydromorphone", "tier": 3, "class": "opioid",
                  "stepTherapy": { "anyOf": ["codeine", "tramadol"], "lookbackDays": 180 } },
                { "drug": "tapentadol",    "tier": 3, "class": "opioid", "stepTherapy": { "anyOf": ["morphine"] } },
                { "drug": "clopidogrel",   "tier": 1, "class": "p2y12" },
                { "drug": "prasugrel",     "tier": 3, "class": "p2y12" },
                { "drug": "osimertinib",   "tier": 5, "class": "egfr-tki",
                  "priorAuth": { "anyOf": [ { "biomarker": "EGFR", "result": "positive" } ] } },
                { "drug": "pembrolizumab", "tier": 5, "class": "pd-1",
                  "priorAuth": { "anyOf": [ { "biomarker": "PD-L1", "min": 50 }, { "biomarker": "MSI", "result": "high" } ] } }
              ] }""";

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
    private static PrecisionFormulary engine;
    private static PrecisionFormulary engine75;

    @BeforeAll
    static void build() {
        engine = PrecisionFormulary.builder().formulary(FormularyReader.read(FORMULARY.formatted("608"), "t")).clock(CLOCK).build();
        engine75 = PrecisionFormulary.builder().formulary(FormularyReader.read(FORMULARY.formatted("75"), "t")).clock(CLOCK).build();
    }

    private static String request(String drug, String extra) {
        return "{\"requestId\":\"R\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\""
                + drug + "\"}" + extra + "}";
    }

    private static final String CYP2D6_PM = ",\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}]";
    private static final String CYP2D6_NM = ",\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*1\"}]";

    @Test
    void aMissingStepWaitsWithThePlansCodeAndOffersTheStepDrugs() {
        CoverageDecision d = engine.evaluate(request("hydromorphone", CYP2D6_NM));
        assertThat(d.outcome()).isEqualTo(Outcome.STEP_THERAPY_REQUIRED);
        assertThat(d.rejectCodes()).containsExactly("608");
        assertThat(d.alternatives()).extracting(Alternative::drug).containsExactly("codeine", "tramadol");
        assertThat(engine75.evaluate(request("hydromorphone", "")).rejectCodes()).containsExactly("75");
    }

    @Test
    void aFillWithinTheLookBackMeetsTheStepAndAnOlderOneDoesNot() {
        CoverageDecision met = engine.evaluate(request("hydromorphone",
                ",\"history\":[{\"drug\":\"tramadol\",\"filledOn\":\"2026-06-01\",\"daysSupply\":30}]"));
        assertThat(met.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(met.tier()).isEqualTo(3);
        CoverageDecision old = engine.evaluate(request("hydromorphone",
                ",\"history\":[{\"drug\":\"tramadol\",\"filledOn\":\"2026-05-20\",\"daysSupply\":30}]"));
        assertThat(old.outcome()).isEqualTo(Outcome.STEP_THERAPY_REQUIRED);
        // tapentadol's protocol gives no look-back: the plan default (120 days) applies
        CoverageDecision defaultWindow = engine.evaluate(request("tapentadol",
                ",\"history\":[{\"drug\":\"morphine\",\"filledOn\":\"2026-07-01\",\"daysSupply\":30}]"));
        assertThat(defaultWindow.outcome()).isEqualTo(Outcome.STEP_THERAPY_REQUIRED);
    }

    @Test
    void theStepIsWaivedWhenTheGenotypeArguesAgainstEveryStepDrugNamingTheGroundPerDrug() {
        CoverageDecision d = engine.evaluate(request("hydromorphone", CYP2D6_PM));
        assertThat(d.outcome()).isEqualTo(Outcome.APPROVED_WITH_EXCEPTION);
        assertThat(d.rejectCodes()).isEmpty();
        assertThat(d.tier()).isEqualTo(3);
        assertThat(d.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ExceptionType.STEP_THERAPY_BYPASS);
            assertThat(e.ground()).contains("codeine: expected to be ineffective").contains("tramadol: expected to be ineffective");
            assertThat(e.ruleId()).startsWith("step therapy:");
        });
        assertThat(d.findings()).extracting(f -> f.drug()).contains("codeine", "tramadol");
        assertThat(d.memberExplanation()).doesNotContain("CYP2D6").contains("do not have to try them");
    }

    @Test
    void biomarkersMeetingACriterionApprovePriorAuthorizationAutomatically() {
        CoverageDecision egfr = engine.evaluate(request("osimertinib", ",\"biomarkers\":[{\"name\":\"EGFR\",\"result\":\"Positive\",\"detail\":\"exon 19 deletion\"}]"));
        assertThat(egfr.outcome()).isEqualTo(Outcome.APPROVED_WITH_EXCEPTION);
        assertThat(egfr.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ExceptionType.PRIOR_AUTH_AUTO_APPROVAL);
            assertThat(e.ground()).contains("EGFR positive");
        });
        CoverageDecision pdl1 = engine.evaluate(request("pembrolizumab", ",\"biomarkers\":[{\"name\":\"PD-L1\",\"value\":60}]"));
        assertThat(pdl1.outcome()).isEqualTo(Outcome.APPROVED_WITH_EXCEPTION);
        CoverageDecision msi = engine.evaluate(request("pembrolizumab", ",\"biomarkers\":[{\"name\":\"MSI\",\"result\":\"high\"}]"));
        assertThat(msi.outcome()).isEqualTo(Outcome.APPROVED_WITH_EXCEPTION);
    }

    @Test
    void missingOrUnmetCriteriaHoldForReviewWith75NeverADenial() {
        CoverageDecision negative = engine.evaluate(request("osimertinib", ",\"biomarkers\":[{\"name\":\"EGFR\",\"result\":\"negative\"}]"));
        assertThat(negative.outcome()).isEqualTo(Outcome.PRIOR_AUTH_REQUIRED);
        assertThat(negative.rejectCodes()).containsExactly("75");
        assertThat(negative.reasons()).anyMatch(r -> r.contains("on file: negative, not met"));
        CoverageDecision missing = engine.evaluate(request("osimertinib", ""));
        assertThat(missing.reasons()).anyMatch(r -> r.contains("no EGFR result on file"));
        CoverageDecision low = engine.evaluate(request("pembrolizumab", ",\"biomarkers\":[{\"name\":\"PD-L1\",\"value\":49.5}]"));
        assertThat(low.outcome()).isEqualTo(Outcome.PRIOR_AUTH_REQUIRED);
        assertThat(low.reasons()).anyMatch(r -> r.contains("PD-L1 >= 50 (on file: 49.5, not met)") && r.contains("no MSI result on file"));
    }

    @Test
    void aTierExceptionChargesTheLowestTierWhenEveryLowerTierDrugIsArguedAgainst() {
        String pm = ",\"indication\":\"CVI ACS PCI\",\"genotypes\":[{\"gene\":\"CYP2C19\",\"diplotype\":\"*2/*2\"}]";
        CoverageDecision d = engine.evaluate(request("prasugrel", pm));
        assertThat(d.outcome()).isEqualTo(Outcome.APPROVED_WITH_EXCEPTION);
        assertThat(d.tier()).isEqualTo(1);
        assertThat(d.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ExceptionType.TIER_EXCEPTION);
            assertThat(e.ground()).contains("clopidogrel");
        });
        assertThat(d.findings()).extracting(f -> f.drug()).contains("clopidogrel");
        // An intermediate metabolizer outside ACS/PCI has no recommendation there: no ground in every population.
        CoverageDecision im = engine.evaluate(request("prasugrel", ",\"genotypes\":[{\"gene\":\"CYP2C19\",\"diplotype\":\"*1/*2\"}]"));
        assertThat(im.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(im.tier()).isEqualTo(3);
    }

    @Test
    void theGinaGuardRefusesADecisionWhereGenotypesRaiseTheTier(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("local"));
        // A (wrong) plan rule that lowers the tier only for members WITHOUT a CYP2D6 result.
        Files.writeString(dir.resolve("local/untested-discount.drl"), """
                package local;
                import java.util.List;
                import org.precisionformulary.model.decision.ExceptionType;
                import org.precisionformulary.model.fact.RequestedDrug;
                import org.precisionformulary.model.fact.Waiver;
                import org.precisionformulary.model.genotype.Gene;
                import org.precisionformulary.model.genotype.GeneResult;

                rule "discount for members without a CYP2D6 test"
                    @concern("tier exception")
                when
                    RequestedDrug( drug == "hydromorphone" )
                    GeneResult( gene == Gene.CYP2D6, tested == false )
                then
                    insert( new Waiver( ExceptionType.TIER_EXCEPTION, List.of(), 1, "untested discount" ) );
                end
                """);
        PrecisionFormulary local = PrecisionFormulary.builder().rulePack(dir)
                .formulary(FormularyReader.read(FORMULARY.formatted("608"), "t")).clock(CLOCK).build();
        CoverageDecision d = local.evaluate(request("hydromorphone", CYP2D6_NM));
        assertThat(d.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(d.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("genotypes");
            assertThat(e.message()).contains("GINA guard").contains("tier 3").contains("tier 1");
        });
        // Without genotypes the rule applies and nothing is compared.
        assertThat(local.evaluate(request("hydromorphone", "")).tier()).isEqualTo(1);
    }
}
