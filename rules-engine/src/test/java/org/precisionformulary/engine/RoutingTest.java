// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Alternative;
import org.precisionformulary.model.decision.Classification;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.decision.Severity;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.json.FormularyReader;

/**
 * The contract's routing semantics (§3), on a formulary written here from the documented format rather
 * than the demo data: not covered, the Strong-avoid hard stop and its policy switch, DUR alerts,
 * alternatives and the tier charged.
 */
class RoutingTest {

    private static final String FORMULARY = """
            { "formularyId": "TEST-1",
              "policy": { "pgxStrongAvoid": "%s", "pgxDurReasonCode": "%s" },
              "drugs": [
                { "drug": "codeine",      "tier": 1, "class": "opioid" },
                { "drug": "tramadol",     "tier": 1, "class": "opioid" },
                { "drug": "tapentadol",   "tier": 4, "class": "opioid" },
                { "drug": "oxycodone",    "tier": 3, "class": "opioid" },
                { "drug": "abacavir",     "tier": 2, "class": "nrti" },
                { "drug": "lamivudine",   "tier": 1, "class": "nrti" },
                { "drug": "clopidogrel",  "tier": 1, "class": "antiplatelet" },
                { "drug": "ticagrelor",   "tier": 3, "class": "antiplatelet" },
                { "drug": "azathioprine", "tier": 1, "class": "thiopurine" }
              ] }""";

    private static PrecisionFormulary rejecting;
    private static PrecisionFormulary alerting;

    @BeforeAll
    static void build() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
        rejecting = PrecisionFormulary.builder().formulary(formulary("REJECT", "DL")).clock(clock).build();
        alerting = PrecisionFormulary.builder().formulary(formulary("ALERT", "PP")).clock(clock).build();
    }

    private static Formulary formulary(String strongAvoid, String durCode) {
        return FormularyReader.read(FORMULARY.formatted(strongAvoid, durCode), "test");
    }

    private static String request(String drug, String genotypes) {
        return "{\"requestId\":\"R\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"" + drug + "\"},\"genotypes\":["
                + genotypes + "]}";
    }

    @Test
    void aDrugTheFormularyDoesNotListIsNotCovered() {
        CoverageDecision d = rejecting.evaluate(request("hydrocodone", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*1\"}"));
        assertThat(d.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(d.rejectCodes()).containsExactly("70");
        assertThat(d.tier()).isNull();
        assertThat(d.memberExplanation()).doesNotContain("CYP2D6").contains("does not cover hydrocodone");
    }

    @Test
    void aStrongAvoidRejectsWith88AndListsTheClassAlternativesTheGenotypeAllows() {
        CoverageDecision d = rejecting.evaluate(request("codeine", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}"));
        assertThat(d.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(d.rejectCodes()).containsExactly("88");
        assertThat(d.findings()).filteredOn(f -> f.drug().equals("codeine")).singleElement().satisfies(f -> {
            assertThat(f.genes()).containsEntry("CYP2D6", "Poor Metabolizer");
            assertThat(f.classification()).isEqualTo(Classification.STRONG);
            assertThat(f.action()).isEqualTo(Action.AVOID);
            assertThat(f.guidelineId()).isEqualTo("PA166104996");
            assertThat(f.pmids()).isNotEmpty();
        });
        // tramadol is also a Strong avoid for a CYP2D6 poor metabolizer; ordered by tier, then name
        assertThat(d.alternatives()).extracting(Alternative::drug).containsExactly("oxycodone", "tapentadol");
        assertThat(d.durAlerts()).isEmpty();
        assertThat(d.memberExplanation()).doesNotContain("CYP2D6", "*4", "Poor Metabolizer");
    }

    @Test
    void underAnAlertPolicyTheStrongAvoidPaysWithAMajorDurAlertCarryingThePlansCode() {
        CoverageDecision d = alerting.evaluate(request("codeine", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}"));
        assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(d.tier()).isEqualTo(1);
        assertThat(d.durAlerts()).singleElement().satisfies(a -> {
            assertThat(a.reasonCode()).isEqualTo("PP");
            assertThat(a.severity()).isEqualTo(Severity.MAJOR);
            assertThat(a.drug()).isEqualTo("codeine");
        });
    }

    @Test
    void hlaB5701PositiveStopsAbacavirAndNegativePays() {
        CoverageDecision positive = rejecting.evaluate(request("abacavir",
                "{\"gene\":\"HLA-B\",\"allele\":\"*57:01\",\"result\":\"positive\"}"));
        assertThat(positive.rejectCodes()).containsExactly("88");
        assertThat(positive.alternatives()).extracting(Alternative::drug).containsExactly("lamivudine");
        CoverageDecision negative = rejecting.evaluate(request("abacavir",
                "{\"gene\":\"HLA-B\",\"allele\":\"*57:01\",\"result\":\"negative\"}"));
        assertThat(negative.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(negative.tier()).isEqualTo(2);
        assertThat(negative.findings()).singleElement().extracting(f -> f.action()).isEqualTo(Action.STANDARD);
    }

    @Test
    void aGenomicStopHoldsOnlyWhenItHoldsInEveryCandidatePopulation() {
        String pm = "{\"gene\":\"CYP2C19\",\"diplotype\":\"*2/*2\"}";
        CoverageDecision unknownPopulation = rejecting.evaluate(request("clopidogrel", pm));
        // CVI ACS PCI and NVI say avoid strongly, but non-ACS non-PCI does not: no hard stop, alerts instead
        assertThat(unknownPopulation.findings()).hasSize(3);
        assertThat(unknownPopulation.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(unknownPopulation.durAlerts()).isNotEmpty();
        CoverageDecision acs = rejecting.evaluate(request("clopidogrel", pm).replace("\"genotypes\"",
                "\"indication\":\"CVI ACS PCI\",\"genotypes\""));
        assertThat(acs.findings()).singleElement().extracting(f -> f.population()).isEqualTo("CVI ACS PCI");
        assertThat(acs.rejectCodes()).containsExactly("88");
        assertThat(acs.alternatives()).extracting(Alternative::drug).containsExactly("ticagrelor");
    }

    @Test
    void diagnosesSelectThePopulationWhenNoIndicationIsGiven() {
        CoverageDecision stroke = rejecting.evaluate(request("clopidogrel", "{\"gene\":\"CYP2C19\",\"diplotype\":\"*2/*2\"}")
                .replace("\"genotypes\"", "\"diagnoses\":[\"I63.9\"],\"genotypes\""));
        assertThat(stroke.findings()).singleElement().extracting(f -> f.population()).isEqualTo("NVI");
    }

    @Test
    void doseAdviceForTheRequestedDrugPaysWithADurAlert() {
        CoverageDecision d = rejecting.evaluate(request("azathioprine", "{\"gene\":\"TPMT\",\"diplotype\":\"*1/*3A\"},"
                + "{\"gene\":\"NUDT15\",\"diplotype\":\"*1/*1\"}"));
        assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(d.findings()).singleElement().extracting(f -> f.action()).isEqualTo(Action.ADJUST_DOSE);
        assertThat(d.durAlerts()).singleElement().satisfies(a -> {
            assertThat(a.reasonCode()).isEqualTo("DL");
            assertThat(a.severity()).isEqualTo(org.precisionformulary.model.decision.Severity.MODERATE);
        });
    }

    @Test
    void withoutGenotypesTheClaimPaysAsSubmitted() {
        CoverageDecision d = rejecting.evaluate(request("codeine", ""));
        assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(d.findings()).isEmpty();
        assertThat(d.tier()).isEqualTo(1);
        // Nothing but the prompt to test CYP2D6, which CPIC's Strong codeine recommendations depend on.
        assertThat(d.audit().firedRules()).containsExactly(
                "testing prompt: a Strong CPIC recommendation for the drug depends on a gene with no result");
    }

    @Test
    void badGenotypeDataGoesToPharmacistReviewNamingTheFieldNeverApproval() {
        CoverageDecision d = rejecting.evaluate(request("codeine",
                "{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*999\"},{\"gene\":\"CYPX\",\"phenotype\":\"Poor Metabolizer\"}"));
        assertThat(d.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(d.errors()).extracting(e -> e.field()).containsExactly("genotypes[1].gene");
        CoverageDecision allele = rejecting.evaluate(request("codeine", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*999\"}"));
        assertThat(allele.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("genotypes[0].diplotype");
            assertThat(e.message()).contains("*999");
        });
        assertThat(allele.rejectCodes()).isEmpty();
    }

    @Test
    void everyDecisionCarriesItsAudit() {
        CoverageDecision d = rejecting.evaluate(request("codeine", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}"));
        assertThat(d.contractVersion()).isEqualTo(1);
        assertThat(d.audit().rulePackSha256()).hasSize(64);
        assertThat(d.audit().inputSha256()).hasSize(64);
        assertThat(d.audit().cpicDataVersion()).isEqualTo("2024-03-25");
        assertThat(d.audit().formularyId()).isEqualTo("TEST-1");
        assertThat(d.audit().firedRules()).contains("codeine / CYP2D6 activity score 0.0 -> avoid",
                "pgx hard stop: Strong CPIC avoid for the requested drug in every candidate population");
        assertThat(d.reasons()).anyMatch(r -> r.startsWith("pgx hard stop"));
    }

    @Test
    void futureServiceDatesAndResultsReportedAfterTheServiceAreErrors() {
        CoverageDecision future = rejecting.evaluate("{\"requestId\":\"F\",\"serviceDate\":\"2027-03-01\",\"member\":{\"id\":\"M\"},"
                + "\"drug\":{\"name\":\"codeine\"}}");
        assertThat(future.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(future.errors()).extracting(e -> e.field()).containsExactly("serviceDate");
        CoverageDecision late = rejecting.evaluate("{\"requestId\":\"L\",\"serviceDate\":\"2026-11-01\",\"member\":{\"id\":\"M\"},"
                + "\"drug\":{\"name\":\"codeine\"},\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\",\"resultDate\":\"2026-11-15\"}]}");
        assertThat(late.errors()).extracting(e -> e.field()).containsExactly("genotypes[0].resultDate");
    }
}
