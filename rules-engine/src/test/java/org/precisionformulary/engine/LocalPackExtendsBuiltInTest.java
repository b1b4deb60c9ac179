// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.testing.LocalPack;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;

/** A local pack with {@code extends=builtin} adds rules to the built-in pack and replaces rules by name, visibly. */
class LocalPackExtendsBuiltInTest {

    private static final String IMPORTS = """
            package local;
            import org.precisionformulary.model.decision.Action;
            import org.precisionformulary.model.decision.Classification;
            import org.precisionformulary.model.fact.CandidatePopulation;
            import org.precisionformulary.model.fact.GenomicFinding;
            import org.precisionformulary.model.genotype.Gene;
            import org.precisionformulary.model.genotype.GeneResult;
            """;

    private static String request(String drug, String diplotype) {
        return "{\"requestId\":\"L\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"" + drug
                + "\"},\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"" + diplotype + "\"}]}";
    }

    @Test
    void localRulesJoinTheBuiltInPackAndReplaceBuiltInRulesByName(@TempDir Path dir) throws IOException {
        // A plan's own advice for a gene-drug pair CPIC does not cover, and a stricter reading of one CPIC row.
        LocalPack.overBuiltIn("plan-x").version("2026.12").drl("local/plan-rules.drl", IMPORTS + """

                rule "oxycodone / CYP2D6 poor metabolizer (plan) -> monitor"
                    @guidelineId("PLAN-X-7") @classification("Optional") @pmids("33387367")
                    @recommendation("Plan X: monitor analgesic response in CYP2D6 poor metabolizers.")
                when
                    CandidatePopulation( drug == "oxycodone", $p : population )
                    $g : GeneResult( gene == Gene.CYP2D6, lookupKey == "0.0" )
                then
                    insert( GenomicFinding.of( "oxycodone", $p, Classification.OPTIONAL, Action.MONITOR, $g ) );
                end

                rule "codeine / CYP2D6 activity score 1.0 -> standard"
                    @guidelineId("PLAN-X-8") @classification("Moderate") @pmids("33387367")
                    @recommendation("Plan X: consider an alternative for an activity score of 1.0.")
                when
                    CandidatePopulation( drug == "codeine", $p : population )
                    $g : GeneResult( gene == Gene.CYP2D6, lookupKey == "1.0" )
                then
                    insert( GenomicFinding.of( "codeine", $p, Classification.MODERATE, Action.CONSIDER_ALTERNATIVE, $g ) );
                end
                """).writeTo(dir);
        RulePack pack = RulePack.fromDirectory(dir);
        assertThat(pack.overriddenRules()).containsExactly("codeine / CYP2D6 activity score 1.0 -> standard");
        assertThat(pack.ruleNames()).hasSize(RulePack.builtIn().ruleNames().size() + 1);
        PrecisionFormulary engine = PrecisionFormulary.builder().rulePack(pack).build();

        CoverageDecision added = engine.evaluate(request("oxycodone", "*4/*4"));
        // codeine and tramadol (tier 1) are argued against too, so the built-in tier exception shows them
        assertThat(added.findings()).filteredOn(f -> f.drug().equals("oxycodone")).singleElement().satisfies(f -> {
            assertThat(f.guidelineId()).isEqualTo("PLAN-X-7");
            assertThat(f.action()).isEqualTo(Action.MONITOR);
        });
        assertThat(added.audit().rulePackVersion()).isEqualTo("2026.12");
        assertThat(added.audit().overriddenRules()).containsExactly("codeine / CYP2D6 activity score 1.0 -> standard");

        CoverageDecision replaced = engine.evaluate(request("codeine", "*1/*4"));
        assertThat(replaced.findings()).filteredOn(f -> f.drug().equals("codeine")).singleElement().satisfies(f -> {
            assertThat(f.guidelineId()).isEqualTo("PLAN-X-8");
            assertThat(f.action()).isEqualTo(Action.CONSIDER_ALTERNATIVE);
        });
        // Built-in routing still runs over the local finding: a DUR alert, class alternatives.
        assertThat(replaced.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(replaced.durAlerts()).isNotEmpty();
        assertThat(replaced.alternatives()).isNotEmpty();

        // Untouched built-in rules decide as before.
        CoverageDecision builtIn = engine.evaluate(request("codeine", "*4/*4"));
        assertThat(builtIn.rejectCodes()).containsExactly("88");
    }

    @Test
    void aPackMayComeAsAJarAndNamesTheFilesItHolds(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("plan-pack.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("pack.properties"));
            out.write("extends=builtin\nname=jarred\nversion=3\n".getBytes());
            out.putNextEntry(new java.util.jar.JarEntry("local/note.drl"));
            out.write((IMPORTS + "rule \"plan note\" @concern(\"plan\") when CandidatePopulation( drug == \"codeine\" ) then end\n").getBytes());
        }
        RulePack pack = RulePack.fromJar(jar);
        assertThat(pack.name()).isEqualTo("jarred");
        assertThat(pack.ruleNames()).contains("plan note");
        assertThat(pack.files()).contains("local/local/note.drl", "local/pack.properties")
                .anyMatch(f -> f.endsWith("cpic/codeine-cyp2d6.drl")).anyMatch(f -> f.endsWith("recommendations.tsv"));
        assertThat(RulePack.builtIn().files()).noneMatch(f -> f.endsWith(".class"));
    }
}
