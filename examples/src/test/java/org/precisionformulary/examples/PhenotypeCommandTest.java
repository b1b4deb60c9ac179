// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhenotypeCommandTest {

    @Test
    void cyp2d6WithThreeOrMoreCopiesIsAnUltrarapidMetabolizer() {
        Cli cli = Cli.run("phenotype", "CYP2D6", "*1/*2x≥3");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).isEqualTo(
                "CYP2D6 *1/*2x≥3: Ultrarapid Metabolizer (activity score ≥4.0; CPIC lookup key ≥4.0)\n");
    }

    @Test
    void asciiCopyNumberReadsTheSame() {
        assertThat(Cli.run("phenotype", "CYP2D6", "*1/*2x>=3").out())
                .isEqualTo(Cli.run("phenotype", "CYP2D6", "*1/*2x≥3").out());
    }

    @Test
    void cyp2c19StarTwoHomozygoteIsAPoorMetabolizer() {
        Cli cli = Cli.run("phenotype", "CYP2C19", "*2/*2");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).isEqualTo("CYP2C19 *2/*2: Poor Metabolizer\n");
    }

    @Test
    void hlaDiplotypeReportsEveryAlleleCpicKeysOn() {
        Cli cli = Cli.run("phenotype", "HLA-B", "*57:01/*08:01");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("*57:01 positive").contains("*58:01 negative");
    }

    @Test
    void unknownAlleleFailsTheCheckWithTheReason() {
        Cli cli = Cli.run("phenotype", "CYP2D6", "*999/*1");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("'*999' is not a CYP2D6 allele");
    }

    @Test
    void unknownGeneFailsTheCheck() {
        Cli cli = Cli.run("phenotype", "CYP9Z9", "*1/*1");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("unknown gene 'CYP9Z9'");
    }

    @Test
    void missingDiplotypeIsAUsageError() {
        Cli cli = Cli.run("phenotype", "CYP2D6");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("phenotype: Missing required parameter: 'DIPLOTYPE'")
                .contains("Usage: precision-formulary phenotype GENE DIPLOTYPE");
    }
}
