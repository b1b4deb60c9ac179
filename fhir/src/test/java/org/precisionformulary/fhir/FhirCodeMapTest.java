// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.fhir.FhirCodeMap.Kind;
import org.precisionformulary.model.genotype.Gene;

/** The code map is data: the built-in table's rows, and precise errors for a replacement that is wrong. */
class FhirCodeMapTest {

    private static final String HEADER = "kind\tsystem\tcode\tvalue\tsource\n";

    @Test
    void theBuiltInTableReadsTheGenomicsReportingCodes() {
        FhirCodeMap map = FhirCodeMap.builtIn();
        assertThat(map.source()).isEqualTo("code-map.tsv");
        assertThat(map.is(Kind.GENOTYPE, "http://loinc.org", "84413-4")).isTrue();
        assertThat(map.is(Kind.GENE_STUDIED, "http://loinc.org", "48018-6")).isTrue();
        assertThat(map.value(Kind.PHENOTYPE_ANSWER, "http://loinc.org", "LA9657-3")).isEqualTo("Poor Metabolizer");
        assertThat(map.value(Kind.PHENOTYPE_ANSWER, "http://loinc.org", "LA10315-2")).isEqualTo("Ultrarapid Metabolizer");
        assertThat(map.gene("http://www.genenames.org/geneId", "HGNC:2623")).isEqualTo(Gene.CYP2C9);
        assertThat(map.gene("http://www.genenames.org/geneId", "HGNC:4932")).isEqualTo(Gene.HLA_B);
        // Disputed gene-specific phenotype codes ship commented out.
        assertThat(map.is(Kind.PHENOTYPE, "http://loinc.org", "79716-7")).isFalse();
    }

    @Test
    void everyGeneTheLibraryKnowsHasAnHgncRow() {
        FhirCodeMap map = FhirCodeMap.builtIn();
        assertThat(map.codes(Kind.GENE)).extracting(c -> map.gene(c.system(), c.code()))
                .containsExactlyInAnyOrder(Gene.values());
    }

    @Test
    void aReplacementIsReadFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("plan-codes.tsv");
        Files.writeString(file, "# a plan's own table\n" + HEADER
                + "phenotype\thttp://loinc.org\t79715-9\tCYP2D6\tchecked by the plan\n");
        FhirCodeMap map = FhirCodeMap.read(file);
        assertThat(map.source()).isEqualTo(file.toString());
        assertThat(map.phenotypeGene("http://loinc.org", "79715-9")).contains(Gene.CYP2D6);
        assertThat(map.is(Kind.GENOTYPE, "http://loinc.org", "84413-4")).isFalse();
    }

    @Test
    void malformedTablesAreRefusedNamingTheLine() {
        assertThatThrownBy(() -> FhirCodeMap.parse("kind\tcode\n", "t.tsv"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("t.tsv:1: the first row must be the header");
        assertThatThrownBy(() -> FhirCodeMap.parse(HEADER + "genotipe\thttp://loinc.org\t84413-4\t-\tx\n", "t.tsv"))
                .hasMessage("t.tsv:2: unknown kind 'genotipe'");
        assertThatThrownBy(() -> FhirCodeMap.parse(HEADER + "gene\thttp://www.genenames.org/geneId\tHGNC:1\tNOPE\tx\n", "t.tsv"))
                .hasMessage("t.tsv:2: 'NOPE' is not a gene the library knows");
        assertThatThrownBy(() -> FhirCodeMap.parse(HEADER + "allele-answer\thttp://x\tP\tmaybe\tx\n", "t.tsv"))
                .hasMessageStartingWith("t.tsv:2: allele result must be");
        assertThatThrownBy(() -> FhirCodeMap.parse(HEADER + "genotype\thttp://loinc.org\t84413-4\n", "t.tsv"))
                .hasMessage("t.tsv:2: a row has 5 tab-separated cells, this one 3");
        assertThatThrownBy(() -> FhirCodeMap.parse(HEADER + "genotype\thttp://loinc.org\t84413-4\t-\ta\n"
                + "genotype\thttp://loinc.org\t84413-4\t-\tb\n", "t.tsv"))
                .hasMessage("t.tsv:3: genotype http://loinc.org|84413-4 is given twice");
        assertThatThrownBy(() -> FhirCodeMap.parse("# nothing\n", "t.tsv")).hasMessageContaining("the table is empty");
        assertThatThrownBy(() -> FhirCodeMap.read(Path.of("/no/such/file.tsv"))).isInstanceOf(UncheckedIOException.class);
    }
}
