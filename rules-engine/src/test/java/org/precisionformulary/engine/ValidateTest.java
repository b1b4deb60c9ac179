// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.internal.PackFiles;
import org.precisionformulary.engine.internal.PackLint;

/** validate reports a syntax error, an unknown fact type, a missing metadata key and a GINA violation, each with file and line. */
class ValidateTest {

    private static final String IMPORTS = """
            package local;
            import org.precisionformulary.model.decision.Action;
            import org.precisionformulary.model.decision.Classification;
            import org.precisionformulary.model.fact.CandidatePopulation;
            import org.precisionformulary.model.fact.GenomicFinding;
            import org.precisionformulary.model.fact.Rejection;
            import org.precisionformulary.model.genotype.Gene;
            import org.precisionformulary.model.genotype.GeneResult;
            """;

    @Test
    void fourKindsOfProblemInOnePassEachWithFileAndLine(@TempDir Path dir) throws IOException {
        for (String d : new String[] {"local", "local/types", "local/meta", "local/gina"}) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.writeString(dir.resolve("local/syntax.drl"), IMPORTS + """
                rule "broken"
                    @concern("test")
                when
                    CandidatePopulation( drug == "codeine"
                then
                end
                """);
        Files.writeString(dir.resolve("local/types/unknown-type.drl"), IMPORTS.replace("package local;", "package local.types;") + """
                rule "unknown fact type"
                    @concern("test")
                when
                    Clam( drug == "codeine" )
                then
                end
                """);
        Files.writeString(dir.resolve("local/meta/no-metadata.drl"), IMPORTS.replace("package local;", "package local.meta;") + """
                rule "finding without evidence"
                when
                    CandidatePopulation( drug == "codeine", $p : population )
                    $g : GeneResult( gene == Gene.CYP2D6, tested )
                then
                    insert( GenomicFinding.of( "codeine", $p, Classification.OPTIONAL, Action.MONITOR, $g ) );
                end
                """);
        Files.writeString(dir.resolve("local/gina/gina.drl"), IMPORTS.replace("package local;", "package local.gina;") + """
                rule "exclude by genotype"
                    @concern("coverage")
                when
                    GeneResult( gene == Gene.CYP2C19, phenotype == "Poor Metabolizer" )
                then
                    insert( new Rejection( "70", "excluded" ) );
                end
                """);
        List<RulePackProblem> problems = RulePack.validate(dir);
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("local/syntax.drl");
            assertThat(p.line()).isBetween(12, 14);
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("local/types/unknown-type.drl");
            assertThat(p.message()).contains("Clam");
            // the compiler gives no line for an unknown class: the first line naming it, not 0
            assertThat(p.line()).isEqualTo(12);
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("local/meta/no-metadata.drl");
            assertThat(p.line()).isEqualTo(9);
            assertThat(p.message()).contains("@guidelineId");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("local/gina/gina.drl");
            assertThat(p.line()).isEqualTo(9);
            assertThat(p.message()).startsWith("GINA");
        });
    }

    @Test
    void anUnknownImportedClassIsReportedAtItsImport(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("rule.drl"), """
                package local;
                // NoSuchFact is not in the model
                import org.precisionformulary.model.fact.NoSuchFact;
                rule "uses an unknown fact"
                    @concern("test")
                when
                    NoSuchFact( )
                then
                end
                """);

        assertThat(RulePack.validate(dir)).anySatisfy(p -> {
            assertThat(p.message()).contains("NoSuchFact");
            assertThat(p.line()).isEqualTo(3);
        }).allSatisfy(p -> assertThat(p.line()).isPositive());
    }

    @Test
    void aPackWithoutRulesIsAProblemWithOrWithoutDrlFiles(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path noRules = Files.createDirectories(dir.resolve("no-rules"));
        Files.writeString(noRules.resolve("only-a-package.drl"), "package local;\n");

        assertThat(RulePack.validate(empty)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("holds no .drl file"));
        assertThat(RulePack.validate(noRules)).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("declares no rule"));
    }

    @Test
    void duplicateNamesAndUnexplainedSalienceAreReported() {
        var problems = PackLint.lint(java.util.Map.of(
                "a.drl", "rule \"same\"\n @concern(\"x\")\n salience 10\nwhen\nthen\nend\n".getBytes(),
                "b.drl", "rule \"same\"\n @concern(\"x\")\nwhen\nthen\nend\n".getBytes()));
        assertThat(problems).extracting(RulePackProblem::message)
                .anyMatch(m -> m.contains("also used at"))
                .anyMatch(m -> m.contains("@orderingReason"));
    }

    @Test
    void theBuiltInPackLintsClean() {
        var files = PackFiles.readClasspathFolder(getClass().getClassLoader(), "org/precisionformulary/rules");
        assertThat(PackLint.lint(files)).isEmpty();
    }
}
