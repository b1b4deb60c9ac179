// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    /** A rule whose seventh line uses a class that does not exist; in a folder other than its package. */
    static final String UNKNOWN_CLASS_ON_LINE_7 = """
            package local;
            import org.precisionformulary.model.fact.RequestedDrug;
            rule "plan rule: note codeine"
                @concern("plan policy")
            when
                RequestedDrug( drug == "codeine" )
                NoSuchFact( )
            then
            end
            """;

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

    @Test
    void aPackWithoutRulesFails(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path packageOnly = Files.createDirectories(dir.resolve("package-only"));
        Files.writeString(packageOnly.resolve("a.drl"), "package local;\n");

        Cli emptyRun = Cli.run("validate", empty.toString());
        Cli packageOnlyRun = Cli.run("validate", packageOnly.toString());

        assertThat(emptyRun.exitCode()).isEqualTo(1);
        assertThat(emptyRun.out()).contains("holds no .drl file").doesNotContain("no problems");
        assertThat(packageOnlyRun.exitCode()).isEqualTo(1);
        assertThat(packageOnlyRun.out()).contains("declares no rule").doesNotContain("no problems");
    }

    @Test
    void anUnknownClassIsReportedAtTheLineThatNamesIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("rule.drl"), UNKNOWN_CLASS_ON_LINE_7);

        Cli cli = Cli.run("validate", dir.toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).contains("rule.drl:7: Unable to find class: NoSuchFact").doesNotContain("rule.drl:0:");
    }
}
