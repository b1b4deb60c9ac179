// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.internal.PackFiles;
import org.precisionformulary.engine.internal.PackLint;

/** The GINA, monitoring-group and clock checks refuse a pack at load, and the built-in pack passes them. */
class PackComplianceTest {

    private static final String IMPORTS = """
            package local;
            import org.precisionformulary.model.fact.Rejection;
            import org.precisionformulary.model.fact.RequestedDrug;
            import org.precisionformulary.model.genotype.Gene;
            import org.precisionformulary.model.genotype.GeneResult;
            """;

    @Test
    void aRuleThatExcludesCoverageOnGenotypeIsRefusedWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("local"));
        Files.writeString(dir.resolve("local/exclusion.drl"), IMPORTS + """

                // A plan may not drop coverage because of a genotype.
                rule "no coverage for poor metabolizers"
                    @concern("test")
                when
                    RequestedDrug( $d : drug )
                    GeneResult( gene == Gene.CYP2D6, phenotype == "Poor Metabolizer" )
                then
                    insert( new Rejection( "70", "excluded" ) );
                end

                rule "surcharge by genotype"
                    @concern("test")
                when
                    GeneResult( gene == Gene.CYP2C19 )
                then
                    String costShare = "raise";
                end

                rule "reads the clock"
                    @concern("test")
                when
                    RequestedDrug( $d : drug )
                then
                    String today = java.time.LocalDate.now().toString();
                end
                """);
        assertThatThrownBy(() -> RulePack.fromDirectory(dir)).isInstanceOf(RulePackException.class).satisfies(e -> {
            var problems = ((RulePackException) e).problems();
            // The lint's three, and the containment check's refusal of the clock read.
            assertThat(problems).hasSize(4).allSatisfy(p -> assertThat(p.file()).isEqualTo("local/exclusion.drl"));
            assertThat(problems.get(0).line()).isEqualTo(8);
            assertThat(problems.get(0).message()).startsWith("GINA:").contains("no coverage for poor metabolizers");
            assertThat(problems.get(1).message()).startsWith("GINA:").contains("costShare");
            assertThat(problems.get(2).message()).contains("system clock");
            assertThat(problems.get(3).message()).contains("LocalDate.now is refused");
        });
    }

    @Test
    void noRuleMayReadTheMonitoringGroup() {
        var problems = PackLint.check(java.util.Map.of("a.drl", ("""
                rule "by group"
                when
                    $m : Object( this.toString().contains("monitoringGroup") )
                then
                end
                """).getBytes()));
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.message()).contains("monitoringGroup"));
    }

    @Test
    void theBuiltInPackPassesEveryCheck() {
        TreeMap<String, byte[]> files = PackFiles.readClasspathFolder(getClass().getClassLoader(), "org/precisionformulary/rules");
        assertThat(files.keySet()).anyMatch(f -> f.endsWith("pgx-hard-stop.drl"));
        assertThat(PackLint.check(files)).isEmpty();
    }
}
