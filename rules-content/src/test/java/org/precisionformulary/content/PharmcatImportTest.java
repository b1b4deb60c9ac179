// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;

/** Real PharmCAT outputs (test resources, from PharmCAT's own tests) become gene results CPIC rules can match. */
class PharmcatImportTest {

    private static final Path FIXTURES = Path.of("src/test/resources/pharmcat");
    private final GenotypeInterpreter interpreter = new GenotypeInterpreter(CpicData.builtIn());

    private Map<String, GeneResult> interpret(PharmcatImport.Imported imported) {
        GenotypeInterpretation interpretation = interpreter.interpret(imported.genotypes());
        assertThat(interpretation.errors()).isEmpty();
        return interpretation.results().stream()
                .collect(Collectors.toMap(r -> r.gene() + (r.lookupKey() != null && r.gene().kind() == Gene.Kind.ALLELE_POSITIVITY
                        ? " " + r.lookupKey().split(" ")[0] : ""), r -> r, (a, b) -> a));
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
        assertThat(r.get("NUDT15").phenotype()).isEqualTo("Indeterminate");
        assertThat(r.get("CYP2D6").tested()).isFalse();
        assertThat(r.get("CYP2D6").lookupKey()).isEqualTo("No Result");
        assertThat(r.get("CYP2C19").tested()).isFalse();
        assertThat(imported.notes()).anyMatch(n -> n.contains("could not call") && n.contains("CYP2D6") && n.contains("not as normal"));
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
