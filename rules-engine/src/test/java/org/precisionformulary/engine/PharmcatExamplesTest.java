// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.content.pharmcat.PharmcatImport;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Classification;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.genotype.GenotypeInput;
import org.precisionformulary.model.json.ContractJson;
import org.precisionformulary.model.json.FormularyReader;
import org.precisionformulary.model.json.ParsedRequest;
import org.precisionformulary.model.json.RequestReader;
import org.precisionformulary.model.request.CoverageRequest;

/**
 * PharmCAT's published example results, imported and decided by the real engine for every CPIC drug: the
 * findings for the requested drug are exactly the CPIC rows that the file's calls select, worked out here from
 * CPIC's recommendation table and the calls each file holds (its README), not from the engine's output.
 */
class PharmcatExamplesTest {

    private static final Path FIXTURES = Path.of("../rules-content/src/test/resources/pharmcat");
    private static final String NO_RESULT = GeneResult.NO_RESULT;

    /**
     * Example 1: reference calls from the VCF plus outside calls CYP2D6 *1/*3, HLA-B *15:02/*57:01, MT-RNR1 1555A>G
     * (n/a in PharmCAT; m.1555A>G, increased risk, in CPIC's MT-RNR1 table).
     */
    private static final Map<String, String> EXAMPLE_1 = calls("""
            ABCG2=Normal Function
            CACNA1S=Uncertain Susceptibility
            CFTR=ivacaftor non-responsive in CF patients
            CYP2B6=Normal Metabolizer
            CYP2C19=Normal Metabolizer
            CYP2C9=2.0
            CYP2D6=1.0
            CYP3A5=Normal Metabolizer
            DPYD=2.0
            G6PD=Normal
            HLA-A=No Result
            HLA-B=*15:02 positive|*57:01 positive|*58:01 negative
            MT-RNR1=increased risk of aminoglycoside-induced hearing loss
            NUDT15=Normal Metabolizer
            RYR1=Uncertain Susceptibility
            SLCO1B1=Normal Function
            TPMT=Normal Metabolizer
            UGT1A1=Normal Metabolizer
            """);

    /** Example 2: CYP2C19 *2/*2, CYP2B6 *1/*6, the rest reference; no call for CYP2D6, HLA-A, HLA-B or MT-RNR1. */
    private static final Map<String, String> EXAMPLE_2 = with(EXAMPLE_1, """
            CYP2B6=Intermediate Metabolizer
            CYP2C19=Poor Metabolizer
            CYP2D6=No Result
            HLA-B=No Result
            MT-RNR1=No Result
            """);

    /** Sample_1, as its README table gives it (NUDT15 *1/*14 is n/a in PharmCAT's older tables). */
    private static final Map<String, String> SAMPLE_1 = calls("""
            ABCG2=No Result
            CACNA1S=No Result
            CFTR=ivacaftor responsive in CF patients
            CYP2B6=Normal Metabolizer
            CYP2C19=No Result
            CYP2C9=1.0
            CYP2D6=No Result
            CYP3A5=No Result
            DPYD=0.0
            G6PD=Deficient with CNSHA
            HLA-A=No Result
            HLA-B=No Result
            MT-RNR1=No Result
            NUDT15=No Result
            RYR1=Malignant Hyperthermia Susceptibility
            SLCO1B1=No Result
            TPMT=No Result
            UGT1A1=Poor Metabolizer
            """);

    private static final Map<String, Map<String, String>> CALLS = Map.of(
            "v2.11-example1", EXAMPLE_1, "v3.1-example1", EXAMPLE_1,
            "v2.11-example2", EXAMPLE_2, "v3.1-example2", EXAMPLE_2,
            "Sample_1", SAMPLE_1);

    private static final String ANTICONVULSANTS = """
            { "formularyId": "TEST-ANTICONVULSANTS",
              "drugs": [ { "drug": "carbamazepine", "tier": 1, "class": "anticonvulsant" },
                         { "drug": "oxcarbazepine", "tier": 1, "class": "anticonvulsant" },
                         { "drug": "phenytoin",     "tier": 1, "class": "anticonvulsant" },
                         { "drug": "levetiracetam", "tier": 1, "class": "anticonvulsant" } ] }
            """;

    private static final CpicData CPIC = CpicData.builtIn();
    private static PrecisionFormulary demo;
    private static PrecisionFormulary anticonvulsants;

    @BeforeAll
    static void build() {
        demo = PrecisionFormulary.builder().build();
        anticonvulsants = PrecisionFormulary.builder().formulary(FormularyReader.read(ANTICONVULSANTS, "anticonvulsants")).build();
    }

    private static Map<String, String> calls(String lines) {
        Map<String, String> calls = new LinkedHashMap<>();
        lines.lines().filter(l -> !l.isBlank()).forEach(l -> calls.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return Map.copyOf(calls);
    }

    private static Map<String, String> with(Map<String, String> base, String changes) {
        Map<String, String> calls = new LinkedHashMap<>(base);
        calls.putAll(calls(changes));
        return Map.copyOf(calls);
    }

    private static Set<String> genesCpicKeysOn() {
        return CPIC.recommendations().stream().flatMap(r -> r.lookupKey().keySet().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Whether a CPIC row applies to a member with these calls: every gene of its lookup key has the row's value. */
    private static boolean applies(CpicRecommendation row, Map<String, String> calls) {
        return row.lookupKey().entrySet().stream().allMatch(key -> {
            String call = calls.get(key.getKey());
            boolean alleleStatus = Gene.of(key.getKey()).kind() == Gene.Kind.ALLELE_POSITIVITY && !key.getValue().equals(NO_RESULT);
            return alleleStatus ? List.of(call.split("\\|")).contains(key.getValue()) : call.equals(key.getValue());
        });
    }

    private static PharmcatImport.Imported imported(String example) throws Exception {
        return PharmcatImport.phenotyper(FIXTURES.resolve(example + ".phenotype.json"));
    }

    /** A request for one drug whose genotypes are the imported entries, joined as {@code evaluate --pharmcat} joins them. */
    private static CoverageRequest request(String example, String drug, String indication) throws Exception {
        String json = "{\"requestId\": \"" + example + "/" + drug + "\", \"member\": {\"id\": \"M-pharmcat\"}, "
                + "\"drug\": {\"name\": \"" + drug + "\"}" + (indication == null ? "" : ", \"indication\": \"" + indication + "\"") + "}";
        ParsedRequest parsed = RequestReader.read(json);
        assertThat(parsed.errors()).isEmpty();
        return parsed.request().withGenotypes(imported(example).genotypes().toArray(GenotypeInput[]::new));
    }

    private static List<Finding> findingsFor(CoverageDecision decision, String drug) {
        return decision.findings().stream().filter(f -> f.drug().equals(drug)).toList();
    }

    @Test
    void theExpectedCallsNameEveryGeneCpicKeysOn() {
        CALLS.forEach((example, calls) -> assertThat(calls.keySet()).as(example).containsExactlyInAnyOrderElementsOf(genesCpicKeysOn()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v2.11-example1", "v2.11-example2", "v3.1-example1", "v3.1-example2", "Sample_1"})
    void everyCpicDrugGetsTheRowsTheFilesCallsSelect(String example) throws Exception {
        Map<String, String> calls = CALLS.get(example);
        Set<String> drugs = CPIC.recommendations().stream().map(CpicRecommendation::drug).collect(Collectors.toCollection(TreeSet::new));
        List<String> failures = new ArrayList<>();
        int findings = 0;
        for (String drug : drugs) {
            CoverageDecision decision = demo.evaluate(request(example, drug, null));
            if (!decision.errors().isEmpty() || decision.outcome() == Outcome.PHARMACIST_REVIEW) {
                failures.add(drug + ": " + decision.outcome() + " " + decision.errors());
                continue;
            }
            Map<String, CpicRecommendation> expected = CPIC.recommendations().stream()
                    .filter(r -> r.drug().equals(drug) && applies(r, calls))
                    .collect(Collectors.toMap(CpicRecommendation::recommendationId, r -> r));
            List<Finding> found = findingsFor(decision, drug);
            findings += found.size();
            Set<String> foundIds = found.stream().map(Finding::recommendationId).collect(Collectors.toCollection(TreeSet::new));
            if (!foundIds.equals(new TreeSet<>(expected.keySet()))) {
                failures.add(drug + ": expected " + new TreeSet<>(expected.keySet()) + ", found " + foundIds);
                continue;
            }
            for (Finding f : found) {
                CpicRecommendation r = expected.get(f.recommendationId());
                if (!r.classification().equals(f.classification().label()) || !r.text().equals(f.recommendation())
                        || !r.lookupKey().equals(f.lookupKey()) || !r.population().equals(f.population())) {
                    failures.add(drug + ": " + f.recommendationId() + " is not CPIC's row: " + f);
                }
            }
        }
        assertThat(failures).as("%s, %d drugs", example, drugs.size()).isEmpty();
        assertThat(findings).as("findings across all drugs").isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v2.11-example2", "v3.1-example2"})
    void clopidogrelForTheCyp2c19PoorMetabolizerAfterPciIsAHardStop(String example) throws Exception {
        CoverageDecision decision = demo.evaluate(request(example, "clopidogrel", "CVI ACS PCI"));

        assertThat(findingsFor(decision, "clopidogrel")).singleElement().satisfies(f -> {
            assertThat(f.genes()).containsEntry("CYP2C19", "Poor Metabolizer");
            assertThat(f.classification()).isEqualTo(Classification.STRONG);
            assertThat(f.action()).isEqualTo(Action.AVOID);
        });
        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.rejectCodes()).containsExactly("88");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v2.11-example1", "v3.1-example1"})
    void abacavirForTheHlaB5701CarrierIsAHardStop(String example) throws Exception {
        CoverageDecision decision = demo.evaluate(request(example, "abacavir", null));

        assertThat(findingsFor(decision, "abacavir")).singleElement().satisfies(f -> {
            assertThat(f.lookupKey()).containsExactlyEntriesOf(Map.of("HLA-B", "*57:01 positive"));
            assertThat(f.classification()).isEqualTo(Classification.STRONG);
            assertThat(f.action()).isEqualTo(Action.AVOID);
        });
        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.rejectCodes()).containsExactly("88");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "v2.11-example1, carbamazepine, CBZ naive", "v3.1-example1, carbamazepine, CBZ naive",
        "v2.11-example1, oxcarbazepine, OXC naive", "v3.1-example1, oxcarbazepine, OXC naive",
        "v2.11-example1, phenytoin, PHT naive",     "v3.1-example1, phenytoin, PHT naive"})
    void theAromaticAnticonvulsantsStopOnHlaB1502(String example, String drug, String indication) throws Exception {
        CoverageDecision decision = anticonvulsants.evaluate(request(example, drug, indication));

        assertThat(findingsFor(decision, drug)).singleElement().satisfies(f -> {
            assertThat(f.lookupKey()).containsEntry("HLA-B", "*15:02 positive");
            assertThat(f.classification()).isEqualTo(Classification.STRONG);
            assertThat(f.action()).isEqualTo(Action.AVOID);
        });
        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.rejectCodes()).containsExactly("88");
        assertThat(decision.alternatives()).extracting(a -> a.drug()).containsExactly("levetiracetam");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"amikacin", "gentamicin", "kanamycin", "paromomycin", "plazomicin", "streptomycin", "tobramycin"})
    void anAminoglycosideForAnMtRnr1_1555CarrierIsAdvisedAgainstThoughPharmcatGaveNoPhenotype(String drug) throws Exception {
        PharmcatImport.Imported imported = imported("v3.1-example1");
        CoverageDecision decision = demo.evaluate(request("v3.1-example1", drug, null));

        assertThat(decision.errors()).isEmpty();
        assertThat(decision.outcome()).isNotEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(findingsFor(decision, drug)).isNotEmpty().allSatisfy(f -> {
            assertThat(f.genes().get("MT-RNR1")).contains("increased risk of aminoglycoside-induced hearing loss");
            assertThat(f.action()).isEqualTo(org.precisionformulary.model.decision.Action.AVOID);
        });
        assertThat(imported.genotypes()).filteredOn(g -> g.gene() == Gene.MT_RNR1)
                .singleElement().satisfies(g -> assertThat(g.diplotype()).isEqualTo("m.1555A>G"));
        assertThat(imported.notes()).anyMatch(n -> n.contains("MT-RNR1") && n.contains("1555A>G") && n.contains("n/a"));
    }

    /** The genes PharmCAT called in a file (a call source other than NONE and a lookup key that is a result). */
    private static Map<String, List<String>> calledGenes(String example) throws Exception {
        JsonNode reports = ContractJson.mapper().readTree(
                Files.readString(FIXTURES.resolve(example + ".phenotype.json"), StandardCharsets.UTF_8)).path("geneReports");
        if (reports.has("CPIC")) {
            reports = reports.path("CPIC");
        }
        Map<String, List<String>> called = new LinkedHashMap<>();
        for (var gene : reports.properties()) {
            List<String> keys = new ArrayList<>();
            gene.getValue().path("recommendationDiplotypes").forEach(d -> d.path("lookupKey").forEach(k -> keys.add(k.asText())));
            if (!gene.getValue().path("callSource").asText().equals("NONE") && !keys.isEmpty() && !keys.equals(List.of(NO_RESULT))) {
                called.put(gene.getKey(), keys);
            }
        }
        return called;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v2.11-example1", "v2.11-example2", "v3.1-example1", "v3.1-example2", "Sample_1"})
    void noGenePharmcatCalledThatACpicRuleUsesIsSilentlyDropped(String example) throws Exception {
        PharmcatImport.Imported imported = imported(example);
        Set<String> used = genesCpicKeysOn();
        Map<String, List<String>> called = calledGenes(example);
        assertThat(called).as("the file calls genes CPIC rules use").containsKey("CYP2C9");
        for (String gene : called.keySet()) {
            if (!used.contains(gene)) {
                continue;
            }
            List<GenotypeInput> entries = imported.genotypes().stream().filter(g -> g.gene().symbol().equals(gene)).toList();
            assertThat(entries).as("%s %s reaches the genotype entries", example, gene).isNotEmpty();
            if (entries.stream().allMatch(g -> NO_RESULT.equals(g.phenotype()))) {
                assertThat(imported.notes()).as("%s %s, taken as No Result, is named in a note", example, gene)
                        .anyMatch(n -> n.contains(gene) && called.get(gene).stream().anyMatch(n::contains));
            }
        }
        // Every entry reaches the rules: the engine reads all of them without an error.
        CoverageDecision decision = demo.evaluate(request(example, "codeine", null));
        assertThat(decision.errors()).isEmpty();
    }

    @Test
    void aCalledGeneWhoseReportIsBrokenFailsTheImportNamingIt(@TempDir Path dir) throws Exception {
        ObjectNode root = (ObjectNode) ContractJson.mapper().readTree(
                Files.readString(FIXTURES.resolve("v2.11-example2.phenotype.json"), StandardCharsets.UTF_8));
        ((ObjectNode) root.path("geneReports").path("CPIC").path("CYP2C19").path("recommendationDiplotypes").get(0)).remove("lookupKey");
        Path broken = Files.writeString(dir.resolve("broken.phenotype.json"), ContractJson.mapper().writeValueAsString(root));

        assertThatThrownBy(() -> PharmcatImport.phenotyper(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken.phenotype.json")
                .hasMessageContaining("geneReports.CPIC.CYP2C19.recommendationDiplotypes[0].lookupKey is missing");
    }
}
