// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpGoesToStandardOutputAndSucceeds() {
        Cli cli = Cli.run("--help");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).startsWith("Usage:").contains("evaluate").contains("batch").contains("phenotype")
                .contains("demo");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void noCommandIsAUsageError() {
        Cli cli = Cli.run();

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).startsWith("precision-formulary: no command given\n").contains("Usage:");
    }

    @Test
    void unknownCommandIsAUsageError() {
        Cli cli = Cli.run("approve-everything");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("precision-formulary: unknown command 'approve-everything'\n");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli cli = Cli.run("evaluate", "--formulry", "f.json");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("precision-formulary: evaluate: unknown option --formulry\n");
    }

    @Test
    void optionWithoutItsValueIsAUsageError() {
        Cli cli = Cli.run("evaluate", "--pack");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).startsWith("precision-formulary: evaluate: --pack needs a value\n");
    }

    @Test
    void missingPackDirectoryIsAUsageError() {
        Cli cli = Cli.run("evaluate", "--pack", "/no/such/pack");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("--pack /no/such/pack is not a directory");
    }
}
