// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @Test
    void aCleanPackPassesAndABrokenOneListsFileAndLineWithExit1(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good/local");
        Files.createDirectories(good);
        Files.writeString(good.resolve("rule.drl"), """
                package local;
                import org.precisionformulary.model.fact.RequestedDrug;
                rule "plan rule: note codeine"
                    @concern("plan policy")
                when
                    RequestedDrug( drug == "codeine" )
                then
                end
                """);
        Cli ok = Cli.run("validate", dir.resolve("good").toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("no problems");

        Path bad = dir.resolve("bad/local");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("rule.drl"), """
                package local;
                rule "no concern"
                when
                    Nope( x == 1
                then
                end
                """);
        Cli failed = Cli.run("validate", dir.resolve("bad").toString());
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.out()).contains("local/rule.drl:2: rule \"no concern\" has no @concern").contains("local/rule.drl:5:");
        assertThat(failed.err()).doesNotContain("Exception");
    }

    @Test
    void aMissingDirectoryIsAUsageError() {
        assertThat(Cli.run("validate", "/no/such/dir").exitCode()).isEqualTo(2);
    }
}
