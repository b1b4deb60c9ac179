// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.genotype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.model.genotype.AlleleResult;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.genotype.GenotypeInput;

class GenotypeInterpreterTest {

    private final GenotypeInterpreter interpreter = new GenotypeInterpreter(CpicData.builtIn());

    private GeneResult call(Gene gene, String diplotype) {
        return interpreter.callDiplotype(gene, diplotype);
    }

    @Test
    void cyp2d6CopyNumbersFollowCpicsTable() {
        assertThat(call(Gene.CYP2D6, "*1/*1x2").activityScore()).isEqualTo("3.0");
        assertThat(call(Gene.CYP2D6, "*1/*2x≥3").activityScore()).isEqualTo("≥4.0");
        assertThat(call(Gene.CYP2D6, "*1/*2x>=3").activityScore()).isEqualTo("≥4.0");
        // More than three copies is the table's "three or more" allele.
        assertThat(call(Gene.CYP2D6, "*1/*2x4").lookupKey()).isEqualTo("≥4.0");
        assertThat(call(Gene.CYP2D6, "*4/*41x3").activityScore()).isEqualTo("0.75");
        assertThat(call(Gene.CYP2D6, "*4/*4").phenotype()).isEqualTo("Poor Metabolizer");
        assertThat(call(Gene.CYP2D6, "*4/*1").lookupKey()).isEqualTo("1.0");
    }

    @Test
    void impossibleOrAmbiguousCopyNumbersAreErrorsNotGuesses() {
        assertThatThrownBy(() -> call(Gene.CYP2D6, "*1/*2xN")).hasMessageContaining("xN is not a valid copy number");
        assertThatThrownBy(() -> call(Gene.CYP2D6, "*1/*2x1")).hasMessageContaining("impossible");
        assertThatThrownBy(() -> call(Gene.CYP2D6, "*1/*3x3")).hasMessageContaining("no 3-copy form of *3");
    }

    @Test
    void copyNumbersUpToTheMostEverReportedAreReadAndAboveItRefused() {
        // 13 copies on one chromosome have been reported; every count from 3 up is CPIC's x≥3.
        assertThat(call(Gene.CYP2D6, "*1/*2x" + GenotypeInterpreter.MAX_COPIES).lookupKey()).isEqualTo("≥4.0");
        assertThat(call(Gene.CYP2D6, "*4/*1x≥13").lookupKey()).isEqualTo("≥3.0");
        assertThatThrownBy(() -> call(Gene.CYP2D6, "*1/*2x" + (GenotypeInterpreter.MAX_COPIES + 1)))
                .hasMessageContaining("a copy number of 14 is implausible");
        assertThatThrownBy(() -> call(Gene.CYP2D6, "*1/*1x99")).hasMessageContaining("implausible");
        assertThatThrownBy(() -> call(Gene.CYP2D6, "*1/*1x≥99")).hasMessageContaining("implausible");
        assertThatThrownBy(() -> call(Gene.CYP2D6, "*1/*1x99999999999")).hasMessageContaining("implausible");
        // An unknown count is not a count: CPIC scores x2 and x≥3 differently.
        assertThatThrownBy(() -> call(Gene.CYP2D6, "*1/*1xN")).hasMessageContaining("xN is not a valid copy number");
        // Leading zeros are still the number they write.
        assertThat(call(Gene.CYP2D6, "*1/*1x002").lookupKey()).isEqualTo("3.0");
    }

    @Test
    void anImplausibleCopyNumberIsAnErrorOnTheDiplotypeField() {
        GenotypeInterpretation read = interpreter.interpret(List.of(
                new GenotypeInput(Gene.CYP2D6, "*1/*1x99", null, null, null, null, null, null)));
        assertThat(read.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("genotypes[0].diplotype");
            assertThat(e.message()).contains("'*1x99'").contains("implausible").contains("x≥3");
        });
    }

    @Test
    void unknownAllelesAreNamed() {
        assertThatThrownBy(() -> call(Gene.CYP2D6, "*1/*999")).hasMessageContaining("'*999' is not a CYP2D6 allele");
        assertThatThrownBy(() -> call(Gene.CYP2C19, "*1/*1/*1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void genePrefixesAndSubAllelesFromOutsideCallsAreReduced() {
        assertThat(call(Gene.CYP2D6, "CYP2D6*3/CYP2D6*4").phenotype()).isEqualTo("Poor Metabolizer");
        assertThat(call(Gene.CYP2D6, "*1.001/*2.034").lookupKey()).isEqualTo("2.0");
    }

    @Test
    void dpydAllelesMayBeNamedByVariantOrStarName() {
        GeneResult cpicName = call(Gene.DPYD, "c.1898delC (*3)/c.295_298delTCAT (*7)");
        assertThat(call(Gene.DPYD, "c.1898delC/c.295_298delTCAT")).isEqualTo(cpicName);
        assertThat(call(Gene.DPYD, "*3/*7")).isEqualTo(cpicName);
        assertThat(cpicName.phenotype()).isEqualTo("Poor Metabolizer");
    }

    @Test
    void g6pdAlleleWithASlashAndHemizygousResults() {
        assertThat(call(Gene.G6PD, "Telti/Kobe").phenotype()).isNotBlank();
        assertThat(call(Gene.G6PD, "B (reference)").phenotype()).isEqualTo("Normal");
    }

    @Test
    void hlaDiplotypesGiveEveryAlleleCpicKeysOn() {
        GenotypeInterpretation i = interpreter.interpret(List.of(GenotypeInput.ofDiplotype(Gene.HLA_B, "HLA-B*57:01:01/B*08:01")));
        assertThat(i.errors()).isEmpty();
        assertThat(i.results()).filteredOn(r -> r.gene() == Gene.HLA_B).extracting(GeneResult::lookupKey)
                .containsExactlyInAnyOrder("*57:01 positive", "*58:01 negative", "*15:02 negative");
    }

    @Test
    void anHlaPhenotypeWhoseResultIsNeitherPositiveNorNegativeIsAnErrorNamingTheEntry() {
        GenotypeInterpretation i = interpreter.interpret(List.of(
                GenotypeInput.ofPhenotype(Gene.HLA_B, "*57:01 positive"), GenotypeInput.ofPhenotype(Gene.HLA_B, "*58:01 present")));
        assertThat(i.results()).filteredOn(r -> r.gene() == Gene.HLA_B).extracting(GeneResult::lookupKey)
                .containsExactly("*57:01 positive");
        assertThat(i.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("genotypes[1].phenotype");
            assertThat(e.message()).contains("'*57:01 positive'");
        });
    }

    @Test
    void activityScoresAreNormalisedAndChecked() {
        GenotypeInterpretation ok = interpreter.interpret(List.of(GenotypeInput.ofActivityScore(Gene.CYP2D6, "1"),
                GenotypeInput.ofActivityScore(Gene.CYP2C9, "n/a")));
        assertThat(ok.errors()).isEmpty();
        assertThat(ok.results().get(0).lookupKey()).isEqualTo("1.0");
        assertThat(ok.results().get(0).phenotype()).isEqualTo("Intermediate Metabolizer");
        assertThat(ok.results().get(1).phenotype()).isEqualTo("Indeterminate");
        GenotypeInterpretation bad = interpreter.interpret(List.of(GenotypeInput.ofActivityScore(Gene.CYP2D6, "7.5")));
        assertThat(bad.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("genotypes[0].activityScore"));
    }

    @Test
    void aPhenotypeAloneForAnActivityScoreGeneIsUsedOnlyWhenItPinsOneScore() {
        GenotypeInterpretation pm = interpreter.interpret(List.of(GenotypeInput.ofPhenotype(Gene.CYP2D6, "poor metabolizer")));
        assertThat(pm.results().get(0).lookupKey()).isEqualTo("0.0");
        GenotypeInterpretation im = interpreter.interpret(List.of(GenotypeInput.ofPhenotype(Gene.CYP2D6, "Intermediate Metabolizer")));
        assertThat(im.results().get(0).lookupKey()).isNull();
        assertThat(im.notes()).singleElement().asString().contains("activity score");
    }

    @Test
    void conflictingEntriesForOneGeneAreAnErrorNamingBoth() {
        GenotypeInterpretation i = interpreter.interpret(List.of(GenotypeInput.ofDiplotype(Gene.CYP2C19, "*2/*2"),
                GenotypeInput.ofPhenotype(Gene.CYP2C19, "Normal Metabolizer")));
        assertThat(i.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("genotypes[1]");
            assertThat(e.message()).contains("genotypes[0]");
        });
        GenotypeInterpretation agreeing = interpreter.interpret(List.of(GenotypeInput.ofDiplotype(Gene.CYP2C19, "*2/*2"),
                GenotypeInput.ofPhenotype(Gene.CYP2C19, "Poor Metabolizer")));
        assertThat(agreeing.errors()).isEmpty();
        GenotypeInterpretation lessSpecific = interpreter.interpret(List.of(GenotypeInput.ofDiplotype(Gene.CYP2D6, "*1/*1"),
                GenotypeInput.ofPhenotype(Gene.CYP2D6, "Normal Metabolizer")));
        assertThat(lessSpecific.errors()).isEmpty();
        assertThat(lessSpecific.results().get(0).lookupKey()).isEqualTo("2.0");
        GenotypeInterpretation hla = interpreter.interpret(List.of(GenotypeInput.ofAllele(Gene.HLA_B, "*57:01", AlleleResult.POSITIVE),
                GenotypeInput.ofAllele(Gene.HLA_B, "*57:01", AlleleResult.NEGATIVE)));
        assertThat(hla.errors()).hasSize(1);
    }

    @Test
    void untestedGenesAreNoResultForMultiGeneGuidelines() {
        GenotypeInterpretation i = interpreter.interpret(List.of(GenotypeInput.ofDiplotype(Gene.TPMT, "*3A/*3A")));
        assertThat(i.results()).filteredOn(r -> r.gene() == Gene.NUDT15).singleElement()
                .satisfies(r -> {
                    assertThat(r.lookupKey()).isEqualTo("No Result");
                    assertThat(r.tested()).isFalse();
                });
    }

    @Test
    void anEntryReadAgainGivesTheSameResultErrorAndNotesWhereverItStands() {
        GenotypeInput diplotype = new GenotypeInput(Gene.CYP2D6, "*1/*4", null, null, null, null, null, null);
        GenotypeInput phenotypeOnly = new GenotypeInput(Gene.CYP2C9, null, "Intermediate Metabolizer", null, null, null,
                null, null);
        GenotypeInput unknown = new GenotypeInput(Gene.CYP2C19, "*1/*999", null, null, null, null, null, null);
        GenotypeInterpretation first = interpreter.interpret(List.of(diplotype, phenotypeOnly, unknown));
        GenotypeInterpretation again = interpreter.interpret(List.of(diplotype, phenotypeOnly, unknown));
        assertThat(again).isEqualTo(first);
        assertThat(first.notes()).anyMatch(n -> n.contains("CYP2C9 was reported as a phenotype only"));
        assertThat(first.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("genotypes[2].diplotype"));

        // A remembered rejection is reported at the entry's new place, and a remembered result is still its own.
        GenotypeInterpretation moved = interpreter.interpret(List.of(unknown, diplotype));
        assertThat(moved.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("genotypes[0].diplotype"));
        assertThat(moved.results()).filteredOn(r -> r.gene() == Gene.CYP2D6).singleElement()
                .satisfies(r -> assertThat(r.lookupKey()).isEqualTo("1.0"));
    }
}
