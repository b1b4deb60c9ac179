// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.precisionformulary.model.decision.Action.ADJUST_DOSE;
import static org.precisionformulary.model.decision.Action.AVOID;
import static org.precisionformulary.model.decision.Action.CONSIDER_ALTERNATIVE;
import static org.precisionformulary.model.decision.Action.MEASURE_FIRST;
import static org.precisionformulary.model.decision.Action.MONITOR;
import static org.precisionformulary.model.decision.Action.NO_RECOMMENDATION;
import static org.precisionformulary.model.decision.Action.STANDARD;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.generator.ActionClassifier.Correction;
import org.precisionformulary.content.generator.ActionClassifier.Ground;
import org.precisionformulary.content.generator.ActionClassifier.GroundCorrection;
import org.precisionformulary.content.generator.ActionClassifier.Recommendation;
import org.precisionformulary.model.decision.Action;

/**
 * The committed action table covers every CPIC recommendation exactly once and is exactly what
 * {@link ActionClassifier} plus action-overrides.tsv and ground-overrides.tsv produce; every row that argues
 * against its drug names a statutory ground. {@code -Dcpic.regenerate=true} rewrites it.
 */
class ActionTableTest {

    private static final String GENERAL = "general";
    private static final List<String> TRICYCLICS = List.of("amitriptyline", "clomipramine", "desipramine", "doxepin",
            "imipramine", "nortriptyline", "trimipramine");

    private static List<Recommendation> recommendations;
    private static Map<String, Correction> corrections;
    private static Map<String, GroundCorrection> groundCorrections;
    private static String generated;
    private static List<Map<String, String>> table;

    @BeforeAll
    static void load() throws IOException {
        recommendations = ActionClassifier.readRecommendations(ActionClassifier.RECOMMENDATIONS);
        corrections = ActionClassifier.readCorrections(ActionClassifier.OVERRIDES);
        groundCorrections = ActionClassifier.readGroundCorrections(ActionClassifier.GROUND_OVERRIDES);
        generated = ActionClassifier.render(recommendations, corrections, groundCorrections,
                ActionClassifier.reviews(ActionClassifier.readTsv(ActionClassifier.ACTIONS)));
        if (Boolean.getBoolean("cpic.regenerate")) {
            Files.writeString(ActionClassifier.ACTIONS, generated, StandardCharsets.UTF_8);
        }
        table = ActionClassifier.readTsv(ActionClassifier.ACTIONS);
    }

    @Test
    void everyRecommendationHasExactlyOneValidAction() throws IOException {
        String header = Files.readAllLines(ActionClassifier.ACTIONS, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        assertThat(header).isEqualTo(ActionClassifier.HEADER);
        assertThat(recommendations).hasSize(1996);

        Map<String, Long> rowsPerId = table.stream()
                .collect(Collectors.groupingBy(r -> r.get("recommendation_id"), Collectors.counting()));
        assertThat(rowsPerId.keySet()).as("ids in actions.tsv")
                .containsExactlyInAnyOrderElementsOf(recommendations.stream().map(Recommendation::id).toList());
        assertThat(rowsPerId).allSatisfy((id, n) -> assertThat(n).as("rows for %s", id).isEqualTo(1L));
        List<String> valid = Arrays.stream(Action.values()).filter(a -> a != Action.INDETERMINATE).map(Enum::name).toList();
        assertThat(table).allSatisfy(r -> assertThat(r.get("action"))
                .as("action of %s (%s)", r.get("recommendation_id"), r.get("basis")).isIn(valid));
    }

    @Test
    void committedTableIsWhatTheClassifierWrites() throws IOException {
        assertThat(Files.readString(ActionClassifier.ACTIONS, StandardCharsets.UTF_8))
                .as("actions.tsv is stale; regenerate with -Dcpic.regenerate=true and review the diff")
                .isEqualTo(generated);
    }

    @Test
    void everyOverrideIsNeededAndExplained() {
        Map<String, Recommendation> byId = recommendations.stream()
                .collect(Collectors.toMap(Recommendation::id, r -> r));
        assertThat(corrections).allSatisfy((id, c) -> {
            assertThat(byId).as("override for unknown recommendation").containsKey(id);
            assertThat(c.reason()).as("reason for %s", id).isNotBlank();
            // An override that agrees with the rules is stale and would hide a later rule change.
            Recommendation r = byId.get(id);
            assertThat(ActionClassifier.classify(r.text(), r.classification()).action())
                    .as("override for %s repeats what the rules already say", id).isNotEqualTo(c.action());
        });
    }

    @Test
    void everyRowArguingAgainstItsDrugNamesOneGroundAndNoOtherRowDoes() {
        List<String> grounds = Arrays.stream(Ground.values()).map(Enum::name).toList();
        assertThat(table).allSatisfy(r -> {
            String what = r.get("recommendation_id") + " " + r.get("action") + " (" + r.get("ground_basis") + ")";
            if (Action.valueOf(r.get("action")).arguesAgainst()) {
                assertThat(r.get("ground")).as("ground of %s", what).isIn(grounds);
                assertThat(r.get("ground_basis")).as("ground basis of %s", what).isNotBlank().isNotEqualTo("-");
            } else {
                assertThat(r.get("ground")).as("ground of %s", what).isEqualTo("-");
                assertThat(r.get("ground_basis")).as("ground basis of %s", what).isEqualTo("-");
            }
        });
    }

    @Test
    void everyGroundOverrideIsNeededAndExplained() {
        Map<String, Recommendation> byId = recommendations.stream()
                .collect(Collectors.toMap(Recommendation::id, r -> r));
        assertThat(groundCorrections).allSatisfy((id, c) -> {
            assertThat(byId).as("ground override for unknown recommendation").containsKey(id);
            assertThat(c.reason()).as("reason for %s", id).isNotBlank();
            Recommendation r = byId.get(id);
            assertThat(ActionClassifier.classifyGround(r.text(), r.implications()).ground())
                    .as("ground override for %s repeats what the rules already say", id).isNotEqualTo(c.ground());
        });
    }

    @Test
    void groundSpotChecksFromCpicText() {
        SoftAssertions soft = new SoftAssertions();
        // HLA-B*15:02 / HLA-A*31:01: CPIC's implications name SJS/TEN (and DRESS, MPE).
        checkGround(soft, "carbamazepine", "CBZ naive", "{\"HLA-A\":\"*31:01 negative\",\"HLA-B\":\"*15:02 positive\"}",
                Ground.ADVERSE_REACTION);
        checkGround(soft, "carbamazepine", "CBZ naive", "{\"HLA-A\":\"*31:01 positive\",\"HLA-B\":\"*15:02 negative\"}",
                Ground.ADVERSE_REACTION);
        checkGround(soft, "oxcarbazepine", "OXC naive", "{\"HLA-B\":\"*15:02 positive\"}", Ground.ADVERSE_REACTION);
        checkAllGrounds(soft, "phenytoin and fosphenytoin with HLA-B*15:02 positive",
                r -> (r.drug().equals("phenytoin") || r.drug().equals("fosphenytoin"))
                        && r.lookupKey().contains("\"HLA-B\":\"*15:02 positive\"")
                        && Action.valueOf(actionOf(r)).arguesAgainst(), Ground.ADVERSE_REACTION);
        checkGround(soft, "abacavir", GENERAL, "{\"HLA-B\":\"*57:01 positive\"}", Ground.ADVERSE_REACTION);
        checkGround(soft, "allopurinol", GENERAL, "{\"HLA-B\":\"*58:01 positive\"}", Ground.CONTRAINDICATED);
        // Lower endoxifen, higher risk of recurrence: tamoxifen is expected not to work.
        checkGround(soft, "tamoxifen", GENERAL, "{\"CYP2D6\":\"0.0\"}", Ground.INEFFECTIVE);
        checkGround(soft, "codeine", GENERAL, "{\"CYP2D6\":\"0.0\"}", Ground.INEFFECTIVE);
        checkGround(soft, "codeine", GENERAL, "{\"CYP2D6\":\"≥3.0\"}", Ground.ADVERSE_REACTION);
        checkGround(soft, "clopidogrel", "CVI ACS PCI", "{\"CYP2C19\":\"Poor Metabolizer\"}", Ground.INEFFECTIVE);
        checkGround(soft, "paroxetine", GENERAL, "{\"CYP2D6\":\"≥3.0\"}", Ground.INEFFECTIVE);
        checkGround(soft, "vortioxetine", GENERAL, "{\"CYP2D6\":\"≥3.0\"}", Ground.INEFFECTIVE);
        checkGround(soft, "voriconazole", "adults", "{\"CYP2C19\":\"Rapid Metabolizer\"}", Ground.INEFFECTIVE);
        checkGround(soft, "voriconazole", "adults", "{\"CYP2C19\":\"Ultrarapid Metabolizer\"}", Ground.INEFFECTIVE);
        checkGround(soft, "ivacaftor", GENERAL, "{\"CFTR\":\"ivacaftor non-responsive in CF patients\"}", Ground.INEFFECTIVE);
        checkGround(soft, "meloxicam", GENERAL, "{\"CYP2C9\":\"0.0\"}", Ground.ADVERSE_REACTION);
        checkGround(soft, "fluorouracil", GENERAL, "{\"DPYD\":\"0.0\"}", Ground.ADVERSE_REACTION);
        checkGround(soft, "simvastatin", GENERAL, "{\"SLCO1B1\":\"Poor Function\"}", Ground.ADVERSE_REACTION);
        checkGround(soft, "desflurane", GENERAL,
                "{\"CACNA1S\":\"No Result\",\"RYR1\":\"Malignant Hyperthermia Susceptibility\"}", Ground.CONTRAINDICATED);
        checkAllGrounds(soft, "tricyclics with CYP2D6 ultrarapid (activity score above 2.25)",
                r -> TRICYCLICS.contains(r.drug()) && r.lookupKey().matches(".*\"CYP2D6\":\"(2\\.5|≥3\\.0)\".*")
                        && Action.valueOf(actionOf(r)).arguesAgainst(),
                Ground.INEFFECTIVE);
        checkAllGrounds(soft, "Avoid tricyclic use due to potential for side effects",
                r -> r.text().startsWith("Avoid tricyclic use due to potential for side effects"), Ground.ADVERSE_REACTION);
        soft.assertAll();
    }

    @Test
    void spotChecksAPharmacistWouldRecognise() {
        SoftAssertions soft = new SoftAssertions();
        check(soft, "codeine", GENERAL, "{\"CYP2D6\":\"0.0\"}", AVOID);
        check(soft, "codeine", GENERAL, "{\"CYP2D6\":\"1.0\"}", STANDARD);
        check(soft, "abacavir", GENERAL, "{\"HLA-B\":\"*57:01 positive\"}", AVOID);
        check(soft, "abacavir", GENERAL, "{\"HLA-B\":\"*57:01 negative\"}", STANDARD);
        check(soft, "allopurinol", GENERAL, "{\"HLA-B\":\"*58:01 positive\"}", AVOID);
        check(soft, "clopidogrel", "CVI ACS PCI", "{\"CYP2C19\":\"Poor Metabolizer\"}", AVOID);
        check(soft, "clopidogrel", "CVI ACS PCI", "{\"CYP2C19\":\"Normal Metabolizer\"}", STANDARD);
        check(soft, "clopidogrel", "NVI", "{\"CYP2C19\":\"Intermediate Metabolizer\"}", CONSIDER_ALTERNATIVE);
        check(soft, "mercaptopurine", GENERAL, "{\"NUDT15\":\"Normal Metabolizer\",\"TPMT\":\"Intermediate Metabolizer\"}",
                ADJUST_DOSE);
        check(soft, "fluorouracil", GENERAL, "{\"DPYD\":\"0.0\"}", AVOID);
        check(soft, "fluorouracil", GENERAL, "{\"DPYD\":\"1.0\"}", ADJUST_DOSE);
        check(soft, "fluorouracil", GENERAL, "{\"DPYD\":\"2.0\"}", STANDARD);
        check(soft, "simvastatin", GENERAL, "{\"SLCO1B1\":\"Poor Function\"}", AVOID);
        check(soft, "tacrolimus", GENERAL, "{\"CYP3A5\":\"Normal Metabolizer\"}", ADJUST_DOSE);
        // "Avoid moderate and strong CYP2D6 inhibitors" is about other drugs; tamoxifen itself is dosed as usual.
        check(soft, "tamoxifen", GENERAL, "{\"CYP2D6\":\"2.0\"}", STANDARD);
        check(soft, "tamoxifen", GENERAL, "{\"CYP2D6\":\"0.0\"}", AVOID);
        check(soft, "ondansetron", GENERAL, "{\"CYP2D6\":\"≥3.0\"}", AVOID);
        check(soft, "carbamazepine", "CBZ naive", "{\"HLA-A\":\"*31:01 negative\",\"HLA-B\":\"*15:02 positive\"}", AVOID);
        check(soft, "ivacaftor", GENERAL, "{\"CFTR\":\"ivacaftor non-responsive in CF patients\"}", AVOID);
        check(soft, "desflurane", GENERAL,
                "{\"CACNA1S\":\"No Result\",\"RYR1\":\"Malignant Hyperthermia Susceptibility\"}", AVOID);
        // "To ascertain G6PD status, enzyme activity must be measured": the activity test comes first.
        check(soft, "rasburicase", GENERAL, "{\"G6PD\":\"Indeterminate\"}", MEASURE_FIRST);
        check(soft, "pegloticase", GENERAL, "{\"G6PD\":\"Variable\"}", MEASURE_FIRST);
        check(soft, "nitrofurantoin", GENERAL, "{\"G6PD\":\"Deficient\"}", MONITOR);
        check(soft, "sertraline", GENERAL, "{\"CYP2B6\":\"Normal Metabolizer\",\"CYP2C19\":\"Intermediate Metabolizer\"}",
                ADJUST_DOSE);
        check(soft, "venlafaxine", GENERAL, "{\"CYP2D6\":\"1.0\"}", NO_RECOMMENDATION);
        check(soft, "ondansetron", GENERAL, "{\"CYP2D6\":\"0.0\"}", NO_RECOMMENDATION);

        checkAll(soft, "Consider alternative drug not metabolized by CYP2C19",
                r -> r.text().startsWith("Consider alternative drug not metabolized by CYP2C19"), CONSIDER_ALTERNATIVE);
        checkAll(soft, "Avoid tricyclic use due to potential lack of efficacy. Consider alternative ...",
                r -> r.text().startsWith("Avoid tricyclic use due to potential lack of efficacy."), AVOID);
        checkAll(soft, "Avoid amitriptyline use; If amitriptyline is warranted, utilize therapeutic drug monitoring",
                r -> r.text().startsWith("Avoid amitriptyline use; If amitriptyline is warranted, utilize"), AVOID);
        checkAll(soft, "text \"No recommendation\" classified Strong",
                r -> r.text().strip().equals("No recommendation") && r.classification().equals("Strong"),
                NO_RECOMMENDATION);
        checkAll(soft, "classification N/A", r -> r.classification().equals("N/A"), NO_RECOMMENDATION);
        soft.assertAll();
    }

    @Test
    void printsActionCounts() {
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        table.forEach(r -> counts.merge(Action.valueOf(r.get("action")), 1, Integer::sum));
        long overridden = table.stream().filter(r -> r.get("basis").startsWith("override:")).count();
        System.out.println("CPIC action table: " + table.size() + " rows, " + overridden + " overridden");
        counts.forEach((a, n) -> System.out.printf("  %-20s %4d%n", a, n));
        assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(recommendations.size());
        assertThat(counts).containsOnlyKeys(AVOID, CONSIDER_ALTERNATIVE, ADJUST_DOSE, STANDARD, MONITOR, MEASURE_FIRST,
                NO_RECOMMENDATION);
    }

    @Test
    void everyAvoidRowSaysWhetherCpicAllowsUseAndNoOtherRowDoes() {
        assertThat(table).allSatisfy(r -> {
            String what = r.get("recommendation_id") + " " + r.get("action");
            if (r.get("action").equals(AVOID.name())) {
                assertThat(r.get("condition")).as("condition of %s", what).isNotBlank().isNotEqualTo("-");
                assertThat(r.get("condition_basis")).as("condition basis of %s", what).isNotBlank().isNotEqualTo("-");
            } else {
                assertThat(r.get("condition")).as("condition of %s", what).isEqualTo("-");
            }
            assertThat(r.get("review_status")).as("review status of %s", what).isIn("machine", "reviewed");
        });
    }

    @Test
    void conditionSpotChecksFromCpicText() {
        SoftAssertions soft = new SoftAssertions();
        checkCondition(soft, "amikacin", GENERAL, "{\"MT-RNR1\":\"increased risk of aminoglycoside-induced hearing loss\"}",
                "unless the high risk of permanent hearing loss is outweighed");
        checkCondition(soft, "primaquine", GENERAL, "{\"G6PD\":\"Deficient\"}", "except in the following cases");
        checkCondition(soft, "fluorouracil", GENERAL, "{\"DPYD\":\"0.5\"}", "strongly reduced dose");
        checkCondition(soft, "simvastatin", GENERAL, "{\"SLCO1B1\":\"Decreased Function\"}", "limit dose to <20mg/day");
        checkCondition(soft, "simvastatin", GENERAL, "{\"SLCO1B1\":\"Poor Function\"}", "none");
        checkCondition(soft, "tamoxifen", GENERAL, "{\"CYP2D6\":\"0.0\"}", "tamoxifen (40 mg/day)");
        checkCondition(soft, "clopidogrel", "CVI ACS PCI", "{\"CYP2C19\":\"Poor Metabolizer\"}", "if possible");
        checkCondition(soft, "desflurane", GENERAL,
                "{\"CACNA1S\":\"No Result\",\"RYR1\":\"Malignant Hyperthermia Susceptibility\"}",
                "except in extraordinary circumstances");
        checkCondition(soft, "nortriptyline", GENERAL, "{\"CYP2D6\":\"0.0\"}", "consider a 50% reduction");
        // "If opioid use is warranted, consider a non-tramadol opioid" names an alternative, not a way to use codeine.
        checkCondition(soft, "codeine", GENERAL, "{\"CYP2D6\":\"0.0\"}", "none");
        checkCondition(soft, "abacavir", GENERAL, "{\"HLA-B\":\"*57:01 positive\"}", "none");
        checkCondition(soft, "allopurinol", GENERAL, "{\"HLA-B\":\"*58:01 positive\"}", "none");
        soft.assertAll();
    }

    @Test
    void aReviewedRowIsKeptAsItsReviewerWroteIt() {
        Recommendation codeine = find("codeine", "{\"CYP2D6\":\"0.0\"}");
        var review = new ActionClassifier.Review("CONSIDER_ALTERNATIVE", "INEFFECTIVE", "-", "A. Pharmacist, PharmD",
                "2026-11-02", "P&T: alternative first", codeine.text().strip());
        String table = ActionClassifier.render(recommendations, corrections, groundCorrections,
                Map.of(codeine.id(), review));
        String row = table.lines().filter(l -> l.startsWith(codeine.id() + "\t")).findFirst().orElseThrow();
        assertThat(row.split("\t", -1)).containsSequence("CONSIDER_ALTERNATIVE", "reviewed", "INEFFECTIVE")
                .contains("A. Pharmacist, PharmD", "2026-11-02", "P&T: alternative first", codeine.text().strip());
        assertThat(table).contains("# Review: 1 of 1996 rows reviewed");
    }

    @Test
    void aReviewedRowWhoseCpicTextChangedStopsRegenerationShowingBothTexts() {
        Recommendation codeine = find("codeine", "{\"CYP2D6\":\"0.0\"}");
        var review = new ActionClassifier.Review("AVOID", "INEFFECTIVE", "none", "A. Pharmacist", "2026-11-02",
                "read against the 2021 text", "Avoid codeine use (an older wording).");
        assertThatThrownBy(() -> ActionClassifier.render(recommendations, corrections, groundCorrections,
                Map.of(codeine.id(), review)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(codeine.id())
                .hasMessageContaining("old: Avoid codeine use (an older wording).")
                .hasMessageContaining("new: " + codeine.text().strip());
    }

    @Test
    void anIncompleteReviewIsRefused() {
        Map<String, String> row = new HashMap<>(table.get(0));
        row.put("review_status", "reviewed");
        row.put("reviewed_by", "-");
        row.put("reviewed_on", "last week");
        assertThatThrownBy(() -> ActionClassifier.reviews(List.of(row)))
                .hasMessageContaining("needs reviewed_by").hasMessageContaining("'last week' is not a date");
        row.put("review_status", "looked at");
        assertThatThrownBy(() -> ActionClassifier.reviews(List.of(row))).hasMessageContaining("'looked at'");
    }

    private static Recommendation find(String drug, String lookupKey) {
        return recommendations.stream().filter(r -> r.drug().equals(drug) && r.lookupKey().equals(lookupKey))
                .findFirst().orElseThrow();
    }

    private static void checkCondition(SoftAssertions soft, String drug, String population, String lookupKey,
                                       String expected) {
        List<Map<String, String>> rows = table.stream().filter(r -> r.get("drug").equals(drug)
                && r.get("population").equals(population) && r.get("lookup_key").equals(lookupKey)).toList();
        soft.assertThat(rows).as("%s %s %s", drug, population, lookupKey).isNotEmpty();
        rows.forEach(r -> soft.assertThat(r.get("condition")).as("%s %s %s (%s)", drug, population, lookupKey,
                r.get("condition_basis")).contains(expected));
        if (expected.equals("none")) {
            rows.forEach(r -> soft.assertThat(r.get("condition")).as("%s %s", drug, lookupKey).isEqualTo("none"));
        }
    }

    private static void check(SoftAssertions soft, String drug, String population, String lookupKey, Action expected) {
        Map<String, String> keyed = new HashMap<>();
        for (Map<String, String> r : table) {
            if (r.get("drug").equals(drug) && r.get("population").equals(population)
                    && r.get("lookup_key").equals(lookupKey)) {
                keyed = r;
            }
        }
        soft.assertThat(keyed.get("action")).as("%s %s %s (%s)", drug, population, lookupKey, keyed.get("basis"))
                .isEqualTo(expected.name());
    }

    private static String actionOf(Recommendation r) {
        return table.stream().filter(t -> t.get("recommendation_id").equals(r.id())).findFirst().orElseThrow().get("action");
    }

    private static void checkGround(SoftAssertions soft, String drug, String population, String lookupKey,
                                    Ground expected) {
        List<Map<String, String>> rows = table.stream().filter(r -> r.get("drug").equals(drug)
                && r.get("population").equals(population) && r.get("lookup_key").equals(lookupKey)).toList();
        soft.assertThat(rows).as("%s %s %s", drug, population, lookupKey).isNotEmpty();
        rows.forEach(r -> soft.assertThat(r.get("ground"))
                .as("%s %s %s (%s)", drug, population, lookupKey, r.get("ground_basis")).isEqualTo(expected.name()));
    }

    private static void checkAllGrounds(SoftAssertions soft, String what, Predicate<Recommendation> which, Ground expected) {
        Map<String, String> groundById = table.stream()
                .collect(Collectors.toMap(r -> r.get("recommendation_id"), r -> r.get("ground")));
        List<String> ids = recommendations.stream().filter(which).map(Recommendation::id).toList();
        soft.assertThat(ids).as("rows with %s", what).isNotEmpty();
        ids.forEach(id -> soft.assertThat(groundById.get(id)).as("%s: %s", id, what).isEqualTo(expected.name()));
    }

    private static void checkAll(SoftAssertions soft, String what, Predicate<Recommendation> which, Action expected) {
        Map<String, String> actionById = table.stream()
                .collect(Collectors.toMap(r -> r.get("recommendation_id"), r -> r.get("action")));
        List<String> ids = recommendations.stream().filter(which).map(Recommendation::id).toList();
        soft.assertThat(ids).as("rows with %s", what).isNotEmpty();
        ids.forEach(id -> soft.assertThat(actionById.get(id)).as("%s: %s", id, what).isEqualTo(expected.name()));
    }
}
