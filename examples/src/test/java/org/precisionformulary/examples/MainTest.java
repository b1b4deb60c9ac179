// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.precisionformulary.engine.PrecisionFormulary;

class MainTest {

    @Test
    void helpGoesToStandardOutputAndSucceeds() {
        Cli cli = Cli.run("--help");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("Usage: precision-formulary").contains("evaluate").contains("batch")
                .contains("scenarios").contains("validate").contains("phenotype").contains("demo")
                .contains("Exit codes:").contains("usage error");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void versionIsTheProjectVersion() {
        Cli cli = Cli.run("--version");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).isEqualTo("precision-formulary " + PrecisionFormulary.VERSION + "\n");
        assertThat(PrecisionFormulary.VERSION).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evaluate", "batch", "scenarios", "validate", "phenotype", "demo"})
    void everyCommandHasItsOwnHelpWithItsUsageAndExitCodes(String command) {
        Cli cli = Cli.run(command, "--help");
        Cli viaHelp = Cli.run("help", command);

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("Usage: precision-formulary " + command).contains("Exit codes:")
                .contains("--help").doesNotContain("Commands:");
        assertThat(viaHelp.out()).isEqualTo(cli.out());
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void aCommandsHelpListsItsOptions() {
        assertThat(Cli.run("batch", "--help").out()).contains("--in=IN.ndjson").contains("--resume")
                .contains("--compare-without-genotypes").doesNotContain("--pharmcat");
        assertThat(Cli.run("scenarios", "-h").out()).contains("--junit-xml=FILE").contains("--coverage");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli cli = Cli.run();

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).startsWith("precision-formulary: no command given\n")
                .contains("Usage: precision-formulary [-hV]");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli cli = Cli.run("approve-everything");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("precision-formulary: unknown command 'approve-everything'\n");
    }

    @Test
    void unknownOptionIsAShortUsageErrorWithTheCommandsUsageLineOnly() {
        Cli cli = Cli.run("evaluate", "--formulry", "f.json");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("precision-formulary: evaluate: Unknown option: '--formulry'")
                .contains("Usage: precision-formulary evaluate [--formulary F]")
                .contains("Run 'precision-formulary evaluate --help' for more.")
                .doesNotContain("batch").doesNotContain("phenotype");
        assertThat(cli.err().lines()).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void optionWithoutItsValueIsAUsageError() {
        Cli cli = Cli.run("evaluate", "--pack");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("precision-formulary: evaluate: Missing required parameter for option '--pack'");
    }

    @Test
    void anEmptyValueIsAUsageError() {
        Cli cli = Cli.run("evaluate", "--pack=");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("precision-formulary: evaluate: --pack needs a value\n");
    }

    @Test
    void anOptionGivenTwiceIsAUsageError() {
        Cli cli = Cli.run("validate", "a", "b");
        Cli twice = Cli.run("evaluate", "--pack", "a", "--pack", "b");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("precision-formulary: validate: Unmatched argument").contains("'b'");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).startsWith("precision-formulary: evaluate: option '--pack'")
                .contains("should be specified only once");
    }

    @Test
    void missingPackDirectoryIsAUsageError() {
        Cli cli = Cli.run("evaluate", "--pack", "/no/such/pack");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--pack /no/such/pack is not a directory")
                .contains("Usage: precision-formulary evaluate");
    }
}
