// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.genotype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;

/**
 * Every row of every CPIC diplotype table, written as a caller would write it (allele1/allele2, and also
 * reversed), gets CPIC's phenotype, activity score and lookup key back: 100 %, no row skipped.
 */
class DiplotypeConformanceTest {

    private static final Path TABLES = Path.of("src/main/resources/org/precisionformulary/content/cpic/diplotypes");
    private static final GenotypeInterpreter INTERPRETER = new GenotypeInterpreter(CpicData.builtIn());

    static Stream<Gene> genesWithTables() throws IOException {
        try (Stream<Path> files = Files.list(TABLES)) {
            return files.map(p -> p.getFileName().toString().replace(".tsv", "")).sorted().map(Gene::of).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("genesWithTables")
    void everyRowOfTheGeneTableGivesCpicsCall(Gene gene) throws IOException {
        List<String> lines = Files.readAllLines(TABLES.resolve(gene.symbol() + ".tsv"), StandardCharsets.UTF_8);
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split("\t", -1);
            String phenotype = c[1];
            String score = c[2].isEmpty() ? null : c[2];
            String key = c[3];
            String a1 = c[4];
            String a2 = c[5];
            List<String> spellings = a2.isEmpty() ? List.of(a1) : List.of(a1 + "/" + a2, a2 + "/" + a1);
            for (String diplotype : spellings) {
                checked++;
                try {
                    GeneResult r = INTERPRETER.callDiplotype(gene, diplotype);
                    if (!r.phenotype().equals(phenotype) || !java.util.Objects.equals(r.activityScore(), score)
                            || !r.lookupKey().equals(key)) {
                        mismatches.add(diplotype + " -> " + r.phenotype() + "/" + r.activityScore() + "/" + r.lookupKey()
                                + ", CPIC says " + phenotype + "/" + score + "/" + key);
                    }
                } catch (IllegalArgumentException e) {
                    mismatches.add(diplotype + " -> " + e.getMessage());
                }
            }
        }
        assertThat(mismatches).as("%s: %d spellings checked", gene, checked).isEmpty();
    }
}
