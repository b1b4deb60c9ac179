// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.pharmcat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.genotype.GenotypeInterpretation;
import org.precisionformulary.content.genotype.GenotypeInterpreter;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.genotype.GenotypeInput;

/** Real PharmCAT outputs (test resources, from PharmCAT's own tests and examples) become gene results CPIC rules can match. */
class PharmcatImportTest {

    private static final Path FIXTURES = Path.of("src/test/resources/pharmcat");
    private final GenotypeInterpreter interpreter = new GenotypeInterpreter(CpicData.builtIn());

    private Map<String, GeneResult> interpret(PharmcatImport.Imported imported) {
        GenotypeInterpretation interpretation = interpreter.interpret(imported.genotypes());
        assertThat(interpretation.errors()).isEmpty();
        return interpretation.results().stream()
                .collect(Collectors.toMap(r -> r.gene() + (r.tested() && r.lookupKey() != null
                        && r.gene().kind() == Gene.Kind.ALLELE_POSITIVITY ? " " + r.lookupKey().split(" ")[0] : ""), r -> r, (a, b) -> a));
    }

    /** One expected gene of {@code expected-imports.tsv}. */
    record Expected(String gene, String importedAs, String note) {
    }

    static Stream<Arguments> examples() throws Exception {
        Map<String, List<Expected>> byFile = new LinkedHashMap<>();
        for (String line : Files.readAllLines(FIXTURES.resolve("expected-imports.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.startsWith("file\t") || line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            byFile.computeIfAbsent(cells[0], f -> new ArrayList<>()).add(new Expected(cells[1], cells[2], cells[3]));
        }
        assertThat(byFile).containsOnlyKeys("v2.11-example1", "v2.11-example2", "v3.1-example1", "v3.1-example2", "Sample_1");
        return byFile.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    /** What an entry says, in the words of {@code expected-imports.tsv}. */
    private static String describe(GenotypeInput entry) {
        if (entry.allele() != null) {
            return "allele " + entry.allele() + " " + entry.result().label();
        }
        if (entry.diplotype() != null) {
            return "diplotype " + entry.diplotype();
        }
        if (entry.activityScore() != null) {
            return "activity score " + entry.activityScore();
        }
        return entry.phenotype().equals(GeneResult.NO_RESULT) ? GeneResult.NO_RESULT : "phenotype " + entry.phenotype();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void eachExampleImportsGeneByGeneAsItsCallsSay(String example, List<Expected> expected) throws Exception {
        PharmcatImport.Imported imported = PharmcatImport.phenotyper(FIXTURES.resolve(example + ".phenotype.json"));

        Map<String, String> got = new LinkedHashMap<>();
        for (GenotypeInput entry : imported.genotypes()) {
            got.merge(entry.gene().symbol(), describe(entry), (a, b) -> a + "; " + b);
            assertThat(entry.source()).as("source of %s", entry).startsWith("PharmCAT phenotyper").doesNotEndWith(" ");
        }
        Map<String, String> want = new LinkedHashMap<>();
        for (Expected e : expected) {
            if (!e.importedAs().equals("skipped")) {
                want.put(e.gene(), e.importedAs());
            }
            if (!e.note().isEmpty()) {
                assertThat(imported.notes()).as("notes").anyMatch(n -> n.contains(e.note()));
            }
        }
        assertThat(got).as("genes in file order, each as imported").containsExactlyEntriesOf(want);
        // The container keys of the older layout are sections, not genes.
        assertThat(imported.notes()).noneMatch(n -> n.contains("CPIC,") || n.contains("reported CPIC") || n.contains("DPWG"));
        // Every entry is one the interpreter reads without an error: nothing invented that the engine would refuse.
        assertThat(interpreter.interpret(imported.genotypes()).errors()).isEmpty();
    }

    @Test
    void theOlderLayoutReadsTheCpicSectionAndNeverDpwgs() throws Exception {
        Map<String, GeneResult> r = interpret(PharmcatImport.phenotyper(FIXTURES.resolve("v2.11-example2.phenotype.json")));
        assertThat(r.get("CYP2C19").lookupKey()).isEqualTo("Poor Metabolizer");
        assertThat(r.get("CYP2B6").lookupKey()).isEqualTo("Intermediate Metabolizer");
        assertThat(r.get("CYP2D6").tested()).isFalse();
    }

    @Test
    void anHlaStatusListBecomesOneAlleleResultEach() throws Exception {
        for (String example : List.of("v2.11-example1", "v3.1-example1")) {
            Map<String, GeneResult> r = interpret(PharmcatImport.phenotyper(FIXTURES.resolve(example + ".phenotype.json")));
            assertThat(r.get("HLA-B *15:02").lookupKey()).isEqualTo("*15:02 positive");
            assertThat(r.get("HLA-B *57:01").lookupKey()).isEqualTo("*57:01 positive");
            assertThat(r.get("HLA-B *58:01").lookupKey()).isEqualTo("*58:01 negative");
            assertThat(r.get("HLA-A").tested()).isFalse();
        }
    }

    @Test
    void notApplicableIsNoResultWithANoteAndNeverAPhenotype() throws Exception {
        // Sample_1's NUDT15 *1/*14 was called with 2022 tables; CPIC's 2024 table has no *14.
        PharmcatImport.Imported imported = PharmcatImport.phenotyper(FIXTURES.resolve("Sample_1.phenotype.json"));
        Map<String, GeneResult> r = interpret(imported);
        assertThat(r.get("NUDT15").tested()).isFalse();
        assertThat(r.get("NUDT15").phenotype()).isEqualTo(GeneResult.NO_RESULT);
        assertThat(imported.genotypes()).noneMatch(g -> "Indeterminate".equals(g.phenotype()));
        assertThat(imported.notes()).anyMatch(n -> n.contains("NUDT15") && n.contains("*1/*14") && n.contains("(n/a)"));
    }

    @Test
    void aNotApplicableCallCpicsOwnTableReadsReachesTheRules() throws Exception {
        // PharmCAT gives MT-RNR1 1555A>G no phenotype; CPIC's MT-RNR1 allele table lists m.1555A>G as increased risk.
        PharmcatImport.Imported imported = PharmcatImport.phenotyper(FIXTURES.resolve("v3.1-example1.phenotype.json"));
        Map<String, GeneResult> r = interpret(imported);
        assertThat(r.get("MT-RNR1").tested()).isTrue();
        assertThat(r.get("MT-RNR1").phenotype()).isEqualTo("increased risk of aminoglycoside-induced hearing loss");
        assertThat(imported.notes()).anyMatch(n -> n.contains("MT-RNR1") && n.contains("1555A>G") && n.contains("(n/a)")
                && n.contains("which the rules use"));
    }

    @Test
    void thePhenotyperResultGivesEachCalledGeneAndMarksUncalledGenesUntested() throws Exception {
        PharmcatImport.Imported imported = PharmcatImport.phenotyper(FIXTURES.resolve("Sample_1.phenotype.json"));
        Map<String, GeneResult> r = interpret(imported);
        assertThat(r.get("DPYD").lookupKey()).isEqualTo("0.0");
        assertThat(r.get("DPYD").phenotype()).isEqualTo("Poor Metabolizer");
        assertThat(r.get("CYP2C9").lookupKey()).isEqualTo("1.0");
        assertThat(r.get("G6PD").lookupKey()).isEqualTo("Deficient with CNSHA");
        assertThat(r.get("RYR1").lookupKey()).isEqualTo("Malignant Hyperthermia Susceptibility");
        assertThat(r.get("CFTR").lookupKey()).isEqualTo("ivacaftor responsive in CF patients");
        assertThat(r.get("UGT1A1").lookupKey()).isEqualTo("Poor Metabolizer"); // four diplotypes, one phenotype
        assertThat(r.get("NUDT15").tested()).isFalse(); // *1/*14 has no phenotype in PharmCAT's tables (n/a)
        assertThat(r.get("CYP2D6").tested()).isFalse();
        assertThat(r.get("CYP2D6").lookupKey()).isEqualTo("No Result");
        assertThat(r.get("CYP2C19").tested()).isFalse();
        assertThat(imported.notes()).anyMatch(n -> n.contains("could not call") && n.contains("CYP2D6") && n.contains("not as normal"));
    }

    private static Path phenotyperFile(Path dir, String geneReports) throws Exception {
        return Files.writeString(dir.resolve("result.phenotype.json"), "{\"geneReports\": " + geneReports + "}");
    }

    private static String report(String callSource, String label, String... lookupKey) {
        String keys = Stream.of(lookupKey).map(k -> "\"" + k + "\"").collect(Collectors.joining(", "));
        return "{\"callSource\": \"" + callSource + "\", \"phenotypeVersion\": \"test\", \"recommendationDiplotypes\": "
                + "[{\"label\": \"" + label + "\", \"lookupKey\": [" + keys + "]}]}";
    }

    @Test
    void dpwgsResultsAreNeverReadEvenWhenTheyDiffer(@TempDir Path dir) throws Exception {
        Path file = phenotyperFile(dir, "{\"CPIC\": {\"CYP2C19\": " + report("MATCHER", "*2/*2", "Poor Metabolizer") + "}, "
                + "\"DPWG\": {\"CYP2C19\": " + report("MATCHER", "*1/*1", "Normal Metabolizer") + ", "
                + "\"CYP3A4\": " + report("MATCHER", "*1/*1", "Normal Metabolizer") + "}}");
        PharmcatImport.Imported imported = PharmcatImport.phenotyper(file);
        assertThat(imported.genotypes()).extracting(PharmcatImportTest::describe).containsExactly("phenotype Poor Metabolizer");
        assertThat(imported.notes()).isEmpty();
    }

    @Test
    void anActivityScoreOfNotApplicableIsCpicsIndeterminateKey(@TempDir Path dir) throws Exception {
        // CPIC's CYP2D6 and CYP2C9 tables key their Indeterminate rows on the score n/a, as PharmCAT does.
        Path file = phenotyperFile(dir, "{\"CYP2D6\": " + report("MATCHER", "*1/*22", "n/a") + "}");
        Map<String, GeneResult> r = interpret(PharmcatImport.phenotyper(file));
        assertThat(r.get("CYP2D6").lookupKey()).isEqualTo("n/a");
        assertThat(r.get("CYP2D6").phenotype()).isEqualTo("Indeterminate");
    }

    @Test
    void hlaStatusesThatDisagreeLeaveTheGeneUntestedWithANote(@TempDir Path dir) throws Exception {
        Path file = phenotyperFile(dir, "{\"HLA-B\": {\"callSource\": \"OUTSIDE\", \"recommendationDiplotypes\": ["
                + "{\"label\": \"*57:01/*08:01\", \"lookupKey\": [\"*57:01 positive\", \"*58:01 negative\"]},"
                + "{\"label\": \"*08:01/*08:01\", \"lookupKey\": [\"*57:01 negative\", \"*58:01 negative\"]}]}}");
        PharmcatImport.Imported imported = PharmcatImport.phenotyper(file);
        assertThat(imported.genotypes()).extracting(PharmcatImportTest::describe).containsExactly("No Result");
        assertThat(imported.notes()).anyMatch(n -> n.contains("HLA-B") && n.contains("untested rather than guessed"));
    }

    @Test
    void anHlaValueThatIsNoAlleleStatusReachesTheEngineWhichRefusesIt(@TempDir Path dir) throws Exception {
        Path file = phenotyperFile(dir, "{\"HLA-B\": " + report("OUTSIDE", "*57:01/*08:01", "*57:01 present") + "}");
        GenotypeInterpretation interpretation = interpreter.interpret(PharmcatImport.phenotyper(file).genotypes());
        assertThat(interpretation.errors()).singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("genotypes[0].phenotype"));
    }

    @Test
    void severalPossibleResultsThatDisagreeAreNotGuessed(@TempDir Path dir) throws Exception {
        Path file = phenotyperFile(dir, "{\"CYP2C19\": {\"callSource\": \"MATCHER\", \"recommendationDiplotypes\": ["
                + "{\"label\": \"*1/*2\", \"lookupKey\": [\"Intermediate Metabolizer\"]},"
                + "{\"label\": \"*2/*17\", \"lookupKey\": [\"Likely Intermediate Metabolizer\"]}]}}");
        PharmcatImport.Imported imported = PharmcatImport.phenotyper(file);
        assertThat(imported.genotypes()).extracting(PharmcatImportTest::describe).containsExactly("No Result");
        assertThat(imported.notes()).anyMatch(n -> n.contains("CYP2C19") && n.contains("Likely Intermediate Metabolizer"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not an object               | []                                                                  | geneReports is missing
            no geneReports              | {"results": {}}                                                     | geneReports is missing
            geneReports not an object   | {"geneReports": []}                                                 | geneReports is not an object
            empty geneReports           | {"geneReports": {}}                                                 | geneReports has no report for a gene this library knows (it is empty)
            neither layout              | {"geneReports": {"sample": {"CYP2C19": {}}}}                        | geneReports has no report for a gene this library knows
            DPWG only                   | {"geneReports": {"DPWG": {"CYP2C19": {}}}}                          | no CPIC section
            CPIC not an object          | {"geneReports": {"CPIC": [], "DPWG": {}}}                           | geneReports.CPIC is not an object
            empty CPIC section          | {"geneReports": {"CPIC": {}, "DPWG": {}}}                           | geneReports.CPIC has no report for a gene this library knows
            both layouts at once        | {"geneReports": {"CPIC": {"TPMT": {"recommendationDiplotypes": []}}, "CYP2C19": {}}} | geneReports.CYP2C19 is a gene report beside geneReports.CPIC
            gene not an object          | {"geneReports": {"CYP2C19": "Poor Metabolizer"}}                    | geneReports.CYP2C19 is not a gene report
            no diplotypes               | {"geneReports": {"CYP2C19": {"callSource": "MATCHER"}}}             | geneReports.CYP2C19.recommendationDiplotypes is missing
            diplotypes not a list       | {"geneReports": {"CPIC": {"CYP2C19": {"recommendationDiplotypes": {}}}}} | geneReports.CPIC.CYP2C19.recommendationDiplotypes is not a list
            diplotype not an object     | {"geneReports": {"CYP2C19": {"recommendationDiplotypes": ["*2/*2"]}}} | geneReports.CYP2C19.recommendationDiplotypes[0] is not an object
            no lookup key               | {"geneReports": {"CYP2C19": {"recommendationDiplotypes": [{"label": "*2/*2"}]}}} | geneReports.CYP2C19.recommendationDiplotypes[0].lookupKey is missing
            lookup key not a list       | {"geneReports": {"CYP2C19": {"recommendationDiplotypes": [{"lookupKey": "Poor Metabolizer"}]}}} | geneReports.CYP2C19.recommendationDiplotypes[0].lookupKey is not a list
            lookup key value not text   | {"geneReports": {"CYP2D6": {"recommendationDiplotypes": [{"lookupKey": [1.0]}]}}} | geneReports.CYP2D6.recommendationDiplotypes[0].lookupKey[0] is not a string
            """)
    void aFileOfAnotherShapeIsRefusedNamingTheFileAndTheField(String what, String json, String field, @TempDir Path dir)
            throws Exception {
        Path file = Files.writeString(dir.resolve("odd.phenotype.json"), json);
        assertThatThrownBy(() -> PharmcatImport.phenotyper(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": not a PharmCAT phenotyper result this import can read: ")
                .hasMessageContaining(field);
    }

    @Test
    void everyWrongFieldIsNamedNotJustTheFirst(@TempDir Path dir) throws Exception {
        Path file = phenotyperFile(dir, "{\"CYP2C19\": {}, \"TPMT\": " + report("MATCHER", "*1/*1", "Normal Metabolizer")
                + ", \"DPYD\": {\"recommendationDiplotypes\": [{}]}}");
        assertThatThrownBy(() -> PharmcatImport.phenotyper(file))
                .hasMessageContaining("geneReports.CYP2C19.recommendationDiplotypes is missing")
                .hasMessageContaining("geneReports.DPYD.recommendationDiplotypes[0].lookupKey is missing")
                .hasMessageNotContaining("TPMT");
    }

    @Test
    void outsideCallsWithGenePrefixesSubAllelesAndLongHlaNames() throws Exception {
        assertThat(interpret(PharmcatImport.outsideCalls(FIXTURES.resolve("outside_CYP2D6.tsv"))).get("CYP2D6").phenotype())
                .isEqualTo("Poor Metabolizer");
        Map<String, GeneResult> sub = interpret(PharmcatImport.outsideCalls(FIXTURES.resolve("PharmCATTest-outsideCallsSuballeles.tsv")));
        assertThat(sub.get("CYP2D6").lookupKey()).isEqualTo("2.0");
        assertThat(sub.get("HLA-A *31:01").lookupKey()).isEqualTo("*31:01 negative");
        assertThat(sub.get("HLA-B *57:01").lookupKey()).isEqualTo("*57:01 negative");
        Map<String, GeneResult> noRecs = interpret(PharmcatImport.outsideCalls(FIXTURES.resolve("PharmCATTest-outsideCallsNoRecs.tsv")));
        assertThat(noRecs.get("IFNL3").tested()).isTrue();
        assertThat(noRecs.get("IFNL3").lookupKey()).isNull();
        assertThat(noRecs.get("CYP4F2").display()).isEqualTo("*1/*3");
    }

    @Test
    void anUnknownGeneInAnOutsideCallFileNamesTheLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calls.tsv");
        Files.writeString(file, "# comment\nCYP2D6\t*1/*1\nCYPXYZ\t*1/*1\n");
        assertThatThrownBy(() -> PharmcatImport.outsideCalls(file)).hasMessageContaining("calls.tsv:3").hasMessageContaining("CYPXYZ");
    }
}
