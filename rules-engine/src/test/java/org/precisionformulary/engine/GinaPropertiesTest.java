// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.FormularyReader;

/**
 * Over thousands of generated requests on a formulary the tests define: genotypes never add a barrier (a
 * rejection other than the hard stop, a hold, a higher tier), the GINA guard never has to refuse a decision of
 * the built-in pack, and a request with errors is never approved, let alone with an exception.
 */
class GinaPropertiesTest {

    private static final String FORMULARY = """
            { "formularyId": "PROPS",
              "drugs": [
                { "drug": "codeine", "tier": 1, "class": "opioid" }, { "drug": "tramadol", "tier": 1, "class": "opioid" },
                { "drug": "morphine", "tier": 2, "class": "opioid" },
                { "drug": "hydromorphone", "tier": 3, "class": "opioid", "stepTherapy": { "anyOf": ["codeine", "tramadol"] } },
                { "drug": "clopidogrel", "tier": 1, "class": "p2y12" }, { "drug": "prasugrel", "tier": 3, "class": "p2y12" },
                { "drug": "ticagrelor", "tier": 4, "class": "p2y12" },
                { "drug": "simvastatin", "tier": 1, "class": "statin" }, { "drug": "rosuvastatin", "tier": 2, "class": "statin" },
                { "drug": "atorvastatin", "tier": 3, "class": "statin" },
                { "drug": "azathioprine", "tier": 1, "class": "thiopurine" }, { "drug": "mercaptopurine", "tier": 2, "class": "thiopurine" },
                { "drug": "abacavir", "tier": 2, "class": "nrti" }, { "drug": "lamivudine", "tier": 1, "class": "nrti" },
                { "drug": "osimertinib", "tier": 5, "class": "egfr", "priorAuth": { "anyOf": [ { "biomarker": "EGFR", "result": "positive" } ] } }
              ] }""";

    private static final PrecisionFormulary ENGINE = PrecisionFormulary.builder()
            .formulary(FormularyReader.read(FORMULARY, "props"))
            .clock(Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC)).build();

    private static final List<String> DRUGS = List.of("codeine", "tramadol", "morphine", "hydromorphone", "clopidogrel",
            "prasugrel", "ticagrelor", "simvastatin", "rosuvastatin", "atorvastatin", "azathioprine", "mercaptopurine",
            "abacavir", "lamivudine", "osimertinib", "oxymorphone");

    private static final List<String> GENOTYPES = List.of(
            "{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*2x≥3\"}",
            "{\"gene\":\"CYP2D6\",\"activityScore\":\"1.0\"}", "{\"gene\":\"CYP2D6\",\"phenotype\":\"Normal Metabolizer\"}",
            "{\"gene\":\"CYP2C19\",\"diplotype\":\"*2/*2\"}", "{\"gene\":\"CYP2C19\",\"diplotype\":\"*1/*17\"}",
            "{\"gene\":\"CYP2C19\",\"phenotype\":\"Intermediate Metabolizer\"}",
            "{\"gene\":\"SLCO1B1\",\"diplotype\":\"*5/*5\"}", "{\"gene\":\"SLCO1B1\",\"diplotype\":\"*1/*1\"}",
            "{\"gene\":\"ABCG2\",\"phenotype\":\"Poor Function\"}", "{\"gene\":\"CYP2C9\",\"activityScore\":\"0.5\"}",
            "{\"gene\":\"TPMT\",\"diplotype\":\"*3A/*3A\"}", "{\"gene\":\"NUDT15\",\"diplotype\":\"*1/*3\"}",
            "{\"gene\":\"HLA-B\",\"allele\":\"*57:01\",\"result\":\"positive\"}",
            "{\"gene\":\"HLA-B\",\"allele\":\"*57:01\",\"result\":\"negative\"}",
            // invalid entries (from VALID_GENOTYPES on): an unknown allele, an unknown gene, an impossible score
            "{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*999\"}", "{\"gene\":\"CYP9Z9\",\"diplotype\":\"*1/*1\"}",
            "{\"gene\":\"CYP2C9\",\"activityScore\":\"9.5\"}");

    /** The entries of {@link #GENOTYPES} before this index are valid. */
    private static final int VALID_GENOTYPES = 15;

    @Provide
    Arbitrary<String> requests() {
        Arbitrary<String> drug = Arbitraries.of(DRUGS);
        Arbitrary<List<String>> genotypes = Arbitraries.of(GENOTYPES).list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<String> indication = Arbitraries.of("", ",\"indication\":\"CVI ACS PCI\"", ",\"indication\":\"NVI\"");
        Arbitrary<String> history = Arbitraries.of("", ",\"history\":[{\"drug\":\"codeine\",\"filledOn\":\"2026-10-01\",\"daysSupply\":30}]",
                ",\"history\":[{\"drug\":\"tramadol\",\"filledOn\":\"2027-01-01\",\"daysSupply\":30}]");
        Arbitrary<String> biomarkers = Arbitraries.of("", ",\"biomarkers\":[{\"name\":\"EGFR\",\"result\":\"positive\"}]");
        return Combinators.combine(drug, genotypes, indication, history, biomarkers).as((d, g, i, h, b) ->
                "{\"requestId\":\"P\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"" + d + "\"}"
                        + i + h + b + ",\"genotypes\":[" + String.join(",", g) + "]}");
    }

    /**
     * Requests the engine decides: valid entries only, one per gene, fills in the past. The GINA property runs on
     * these, so that every try reaches the guard instead of stopping at a bad entry.
     */
    @Provide
    Arbitrary<String> decidableRequests() {
        Arbitrary<String> drug = Arbitraries.of(DRUGS);
        Arbitrary<List<String>> genotypes = Arbitraries.of(GENOTYPES.subList(0, VALID_GENOTYPES)).list().ofMinSize(1)
                .ofMaxSize(4).uniqueElements(entry -> entry.substring(0, entry.indexOf(',')));
        Arbitrary<String> indication = Arbitraries.of("", ",\"indication\":\"CVI ACS PCI\"", ",\"indication\":\"NVI\"");
        Arbitrary<String> history = Arbitraries.of("", ",\"history\":[{\"drug\":\"codeine\",\"filledOn\":\"2026-10-01\",\"daysSupply\":30}]");
        Arbitrary<String> biomarkers = Arbitraries.of("", ",\"biomarkers\":[{\"name\":\"EGFR\",\"result\":\"positive\"}]");
        return Combinators.combine(drug, genotypes, indication, history, biomarkers).as((d, g, i, h, b) ->
                "{\"requestId\":\"P\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"" + d + "\"}"
                        + i + h + b + ",\"genotypes\":[" + String.join(",", g) + "]}");
    }

    private static String withoutGenotypes(String request) {
        return request.replaceFirst(",\"genotypes\":\\[.*\\]}$", "}");
    }

    private static boolean pays(CoverageDecision d) {
        return d.outcome() == Outcome.APPROVED || d.outcome() == Outcome.APPROVED_WITH_EXCEPTION;
    }

    private static boolean holds(Outcome outcome) {
        return outcome == Outcome.PRIOR_AUTH_REQUIRED || outcome == Outcome.STEP_THERAPY_REQUIRED;
    }

    /**
     * The built-in pack keeps GINA by construction, so its run-time guard never has to refuse a decision; and
     * seen from outside, genotypes add no rejection but the hard stop (88), no hold and no higher tier.
     */
    @Property(tries = 1500)
    void genotypesAddNoBarrierAndTheGuardNeverFiresOnTheBuiltInPack(@ForAll("decidableRequests") String request) {
        CoverageDecision with = ENGINE.evaluate(request);
        CoverageDecision without = ENGINE.evaluate(withoutGenotypes(request));
        Statistics.label("outcome with genotypes").collect(with.outcome());
        assertThat(with.errors()).as(request).noneMatch(e -> e.message().startsWith("GINA guard"));
        if (pays(with) && pays(without)) {
            assertThat(with.tier()).as(request).isLessThanOrEqualTo(without.tier());
        }
        if (with.tier() != null && without.tier() != null) {
            assertThat(with.tier()).as(request).isLessThanOrEqualTo(without.tier());
        }
        if (with.outcome() == Outcome.REJECTED && !with.rejectCodes().equals(List.of("88"))) {
            assertThat(without.outcome()).as(request).isEqualTo(Outcome.REJECTED);
            assertThat(without.rejectCodes()).as(request).isEqualTo(with.rejectCodes());
        }
        if (holds(with.outcome())) {
            assertThat(without.outcome()).as(request).isEqualTo(with.outcome());
        }
        // Every outcome a routing gives is reached, so the guard is exercised on each.
        Statistics.label("outcome with genotypes").coverage(checker -> {
            for (Outcome outcome : Outcome.values()) {
                if (outcome != Outcome.PHARMACIST_REVIEW) {
                    checker.check(outcome).count(n -> n > 0);
                }
            }
        });
    }

    @Property(tries = 1500)
    void aRequestWithErrorsIsNeverApproved(@ForAll("requests") String request) {
        CoverageDecision d = ENGINE.evaluate(request);
        if (!d.errors().isEmpty()) {
            assertThat(d.outcome()).as(request).isEqualTo(Outcome.PHARMACIST_REVIEW);
            assertThat(d.exceptions()).isEmpty();
            assertThat(d.rejectCodes()).isEmpty();
        } else {
            assertThat(d.outcome()).isNotEqualTo(Outcome.PHARMACIST_REVIEW);
        }
    }
}
