// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.testing;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated requests over a formulary the tests define, for the properties that must hold on every request:
 * the GINA properties of the engine and the GINA guard's argument against the routing it skips.
 */
public final class GeneratedRequests {

    /**
     * A formulary with a class at tiers 1 to 3 or 4 for each of opioids, P2Y12 inhibitors and statins, a step
     * therapy, a biomarker prior authorization and a gene the plan needs before it pays (abacavir, HLA-B).
     */
    public static final String FORMULARY = """
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
                { "drug": "abacavir", "tier": 2, "class": "nrti", "genotypeRequired": ["HLA-B"] }, { "drug": "lamivudine", "tier": 1, "class": "nrti" },
                { "drug": "osimertinib", "tier": 5, "class": "egfr", "priorAuth": { "anyOf": [ { "biomarker": "EGFR", "result": "positive" } ] } }
              ] }""";

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

    /** The entries of {@code GENOTYPES} before this index are valid. */
    private static final int VALID_GENOTYPES = 15;

    /**
     * @return requests with valid and invalid genotype entries, fills in the past and in the future
     */
    public static Arbitrary<String> requests() {
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
     * Requests the engine decides: valid entries only, one per gene, fills in the past. The GINA properties run on
     * these, so that every try reaches the guard instead of stopping at a bad entry.
     *
     * @return decidable requests
     */
    public static Arbitrary<String> decidableRequests() {
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

    private GeneratedRequests() {
    }
}
