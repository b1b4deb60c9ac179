// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.genotype.AlleleResult;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GenotypeInput;
import org.precisionformulary.model.json.FormularyReader;
import org.precisionformulary.model.request.CoverageRequest;

/**
 * The statutory ground a waiver cites for a step drug is the one the reviewed table gives its CPIC
 * recommendation. For every AVOID or CONSIDER_ALTERNATIVE row of {@code actions.tsv}, read here line by line
 * rather than through the generator or the engine, a drug that requires that row's drug as a step is
 * requested for a member with that row's genotype and population; the step must be waived citing exactly
 * that ground. The consequential rows are also stated one by one, with genotypes as a pharmacy sends them.
 */
class StatutoryGroundConformanceTest {

    private static final String ACTIONS = "/org/precisionformulary/content/cpic/actions.tsv";
    private static final String AFTER = "after ";

    /** The exception laws' wording, written out here so the test does not share the engine's constants. */
    private static final Map<String, String> WORDING = Map.of(
            "CONTRAINDICATED", "contraindicated or likely to cause an adverse reaction",
            "ADVERSE_REACTION", "contraindicated or likely to cause an adverse reaction",
            "INEFFECTIVE", "expected to be ineffective",
            "ADVISED_AGAINST", "advised against by CPIC for this genotype");

    private static List<Map<String, String>> grounded;
    private static PrecisionFormulary engine;

    @BeforeAll
    static void build() throws IOException {
        grounded = readActions().stream().filter(r -> !r.get("ground").equals("-")).toList();
        // One requested drug per CPIC drug, whose step-therapy protocol names that drug as its only step.
        String drugs = grounded.stream().map(r -> r.get("drug")).distinct().sorted()
                .map(d -> "{ \"drug\": \"" + AFTER + d + "\", \"tier\": 3, \"class\": \"step-after-" + d
                        + "\", \"stepTherapy\": { \"anyOf\": [\"" + d + "\"], \"lookbackDays\": 180 } },"
                        + " { \"drug\": \"" + d + "\", \"tier\": 1, \"class\": \"step-" + d + "\" }")
                .collect(Collectors.joining(",\n"));
        engine = PrecisionFormulary.builder()
                .formulary(FormularyReader.read("{ \"formularyId\": \"TEST-GROUNDS\", \"drugs\": [" + drugs + "] }", "t"))
                .build();
    }

    private static List<Map<String, String>> readActions() throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(StatutoryGroundConformanceTest.class.getResourceAsStream(ACTIONS));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> header = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = Arrays.asList(line.split("\t", -1));
                if (header == null) {
                    header = cells;
                    continue;
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), cells.get(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String groundFor(CoverageDecision d) {
        return d.exceptions().stream().filter(e -> e.type() == ExceptionType.STEP_THERAPY_BYPASS)
                .map(CoverageException::ground).findFirst().orElse(null);
    }

    @Test
    void everyWaiverCitesTheGroundOfTheReviewedTable() {
        Map<String, CpicRecommendation> byId = CpicData.builtIn().recommendations().stream()
                .collect(Collectors.toMap(CpicRecommendation::recommendationId, r -> r));
        List<String> failures = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map<String, String> row : grounded) {
            String id = row.get("recommendation_id");
            String drug = row.get("drug");
            String wording = WORDING.get(row.get("ground"));
            counts.merge(row.get("ground"), 1, Integer::sum);
            CpicRecommendation r = byId.get(id);
            CoverageRequest cpicRequest = CpicConformanceTest.requestFor(r, id);
            CoverageRequest request = CoverageRequest.of(id, "M-grounds", AFTER + drug)
                    .withGenotypes(cpicRequest.genotypes().toArray(GenotypeInput[]::new));
            if (!r.population().equals("general")) {
                request = request.withIndication(r.population());
            }
            CoverageDecision d = engine.evaluate(request);
            String ground = groundFor(d);
            if (d.outcome() != Outcome.APPROVED_WITH_EXCEPTION || ground == null) {
                failures.add(id + " " + drug + " " + r.population() + " " + r.lookupKey() + ": " + d.outcome()
                        + " " + d.exceptions() + " " + d.errors());
                continue;
            }
            // The ground names the drug with the table's wording, and no other wording.
            boolean cited = ground.contains(drug + ": " + wording + " (");
            boolean other = WORDING.values().stream().filter(w -> !w.equals(wording)).anyMatch(ground::contains);
            if (!cited || other) {
                failures.add(id + " " + drug + " " + row.get("ground") + ": cited \"" + ground + "\"");
            }
        }
        assertThat(failures).as("%d of %d grounded recommendations", failures.size(), grounded.size()).isEmpty();
        assertThat(grounded).hasSize(1004);
        assertThat(new TreeSet<>(counts.keySet())).containsExactlyInAnyOrderElementsOf(WORDING.keySet());
    }

    private static String stepGround(String drug, String indication, GenotypeInput... genotypes) {
        CoverageRequest request = CoverageRequest.of("R-" + drug, "M-grounds", AFTER + drug).withGenotypes(genotypes);
        CoverageDecision d = engine.evaluate(indication == null ? request : request.withIndication(indication));
        assertThat(d.outcome()).as("%s: %s", drug, d.reasons()).isEqualTo(Outcome.APPROVED_WITH_EXCEPTION);
        return groundFor(d);
    }

    @Test
    void hlaB1502AndHlaA3101AreGroundsOfAdverseReactionForTheAromaticAnticonvulsants() {
        String adverse = ": contraindicated or likely to cause an adverse reaction (";
        assertThat(stepGround("carbamazepine", "CBZ naive",
                GenotypeInput.ofAllele(Gene.of("HLA-B"), "*15:02", AlleleResult.of("positive")),
                GenotypeInput.ofAllele(Gene.of("HLA-A"), "*31:01", AlleleResult.of("negative"))))
                .contains("carbamazepine" + adverse);
        assertThat(stepGround("carbamazepine", "CBZ naive",
                GenotypeInput.ofAllele(Gene.of("HLA-B"), "*15:02", AlleleResult.of("negative")),
                GenotypeInput.ofAllele(Gene.of("HLA-A"), "*31:01", AlleleResult.of("positive"))))
                .contains("carbamazepine" + adverse);
        assertThat(stepGround("oxcarbazepine", "OXC naive",
                GenotypeInput.ofAllele(Gene.of("HLA-B"), "*15:02", AlleleResult.of("positive"))))
                .contains("oxcarbazepine" + adverse);
        for (String drug : List.of("phenytoin", "fosphenytoin")) {
            assertThat(stepGround(drug, "PHT naive",
                    GenotypeInput.ofAllele(Gene.of("HLA-B"), "*15:02", AlleleResult.of("positive")),
                    GenotypeInput.ofDiplotype(Gene.CYP2C9, "*1/*1")))
                    .contains(drug + adverse);
        }
    }

    @Test
    void reducedActivationOrFasterClearanceIsAGroundOfExpectedIneffectiveness() {
        String ineffective = ": expected to be ineffective (";
        assertThat(stepGround("tamoxifen", null, GenotypeInput.ofDiplotype(Gene.CYP2D6, "*4/*4")))
                .contains("tamoxifen" + ineffective);
        for (String tca : List.of("nortriptyline", "desipramine")) {
            assertThat(stepGround(tca, null, GenotypeInput.ofActivityScore(Gene.CYP2D6, "≥3.0")))
                    .contains(tca + ineffective);
        }
        assertThat(stepGround("amitriptyline", null, GenotypeInput.ofActivityScore(Gene.CYP2D6, "≥3.0"),
                GenotypeInput.ofDiplotype(Gene.CYP2C19, "*1/*1"))).contains("amitriptyline" + ineffective);
        assertThat(stepGround("vortioxetine", null, GenotypeInput.ofActivityScore(Gene.CYP2D6, "≥3.0")))
                .contains("vortioxetine" + ineffective);
        assertThat(stepGround("paroxetine", null, GenotypeInput.ofActivityScore(Gene.CYP2D6, "≥3.0")))
                .contains("paroxetine" + ineffective);
        assertThat(stepGround("voriconazole", "adults", GenotypeInput.ofDiplotype(Gene.CYP2C19, "*1/*17")))
                .contains("voriconazole" + ineffective);
        assertThat(stepGround("voriconazole", "adults", GenotypeInput.ofDiplotype(Gene.CYP2C19, "*17/*17")))
                .contains("voriconazole" + ineffective);
        assertThat(stepGround("ivacaftor", null,
                GenotypeInput.ofPhenotype(Gene.of("CFTR"), "ivacaftor non-responsive in CF patients")))
                .contains("ivacaftor" + ineffective);
        assertThat(stepGround("codeine", null, GenotypeInput.ofDiplotype(Gene.CYP2D6, "*4/*4")))
                .contains("codeine" + ineffective);
    }

    @Test
    void higherExposureNamedAsToxicityIsAGroundOfAdverseReaction() {
        assertThat(stepGround("meloxicam", null, GenotypeInput.ofDiplotype(Gene.CYP2C9, "*3/*3")))
                .contains("meloxicam: contraindicated or likely to cause an adverse reaction (");
        assertThat(stepGround("codeine", null, GenotypeInput.ofActivityScore(Gene.CYP2D6, "≥3.0")))
                .contains("codeine: contraindicated or likely to cause an adverse reaction (");
    }
}
