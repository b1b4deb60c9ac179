// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.testing.LocalPack;
import org.precisionformulary.model.decision.Outcome;

/** Packs given as directories are compiled up front; a broken one fails the builder with file and line. */
class RulePackCompileTest {

    private static final String HEADER = """
            package local;

            import org.precisionformulary.model.fact.CandidatePopulation;
            import org.precisionformulary.model.fact.GenomicFinding;
            import org.precisionformulary.model.genotype.Gene;
            import org.precisionformulary.model.genotype.GeneResult;
            import org.precisionformulary.model.decision.Action;
            import org.precisionformulary.model.decision.Classification;
            """;

    @Test
    void aSyntaxErrorFailsTheBuilderNamingFileAndLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("local"));
        Files.writeString(dir.resolve("local/broken.drl"), HEADER + """

                rule "broken: missing parenthesis"
                    @concern("test")
                when
                    CandidatePopulation( drug == "codeine"
                then
                end
                """);
        assertThatThrownBy(() -> PrecisionFormulary.builder().rulePack(dir).build())
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> {
                    RulePackException rpe = (RulePackException) e;
                    assertThat(rpe.problems()).isNotEmpty();
                    assertThat(rpe.problems().get(0).file()).isEqualTo("local/broken.drl");
                    assertThat(rpe.problems().get(0).line()).isBetween(12, 14);
                    assertThat(rpe.getMessage()).contains("local/broken.drl:");
                });
    }

    @Test
    void aValidLocalPackCompilesAndItsRuleDecides(@TempDir Path dir) throws IOException {
        LocalPack.standalone("local-test").version("7").drl("local/codeine-local.drl", HEADER + """

                rule "codeine / CYP2D6 poor metabolizer (plan rule) -> avoid"
                    @guidelineId("LOCAL-1") @classification("Strong") @pmids("33387367")
                    @recommendation("Plan policy: no codeine for poor metabolizers.")
                when
                    CandidatePopulation( drug == "codeine", $p : population )
                    $g : GeneResult( gene == Gene.CYP2D6, phenotype == "Poor Metabolizer" )
                then
                    insert( GenomicFinding.of( "codeine", $p, Classification.STRONG, Action.AVOID, $g ) );
                end
                """).writeTo(dir);
        PrecisionFormulary engine = PrecisionFormulary.builder().rulePack(dir).build();
        assertThat(engine.rulePack().name()).isEqualTo("local-test");
        assertThat(engine.rulePack().version()).isEqualTo("7");
        var d = engine.evaluate("{\"requestId\":\"L1\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"codeine\"},"
                + "\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}]}");
        assertThat(d.findings()).singleElement().satisfies(f -> {
            assertThat(f.guidelineId()).isEqualTo("LOCAL-1");
            assertThat(f.recommendation()).isEqualTo("Plan policy: no codeine for poor metabolizers.");
            assertThat(f.pmids()).containsExactly("33387367");
        });
        assertThat(d.audit().rulePackVersion()).isEqualTo("7");
        assertThat(d.outcome()).isEqualTo(Outcome.APPROVED); // a local pack without routing rules only finds
    }

    @Test
    void aRuleThatThrowsBecomesPharmacistReviewForThatRequestOnly(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("local"));
        Files.writeString(dir.resolve("local/faulty.drl"), HEADER + """

                rule "faulty: divides by zero for tramadol"
                    @concern("test")
                when
                    CandidatePopulation( drug == "tramadol" )
                then
                    int zero = 0;
                    Math.abs( 1 / zero );
                end
                """);
        PrecisionFormulary engine = PrecisionFormulary.builder().rulePack(dir).build();
        var bad = engine.evaluate("{\"requestId\":\"T1\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"tramadol\"}}");
        assertThat(bad.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(bad.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("faulty: divides by zero"));
        var good = engine.evaluate("{\"requestId\":\"T2\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"clopidogrel\"}}");
        assertThat(good.outcome()).isEqualTo(Outcome.APPROVED);
    }

    @Test
    void aDirectoryWithoutRulesIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> RulePack.fromDirectory(dir)).isInstanceOf(RulePackException.class)
                .hasMessageContaining("no .drl file");
    }

    @Test
    void aLoopingPackHitsTheFiringLimitAndASlowOneTheTimeBudgetForThatRequestOnly(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("local"));
        Files.writeString(dir.resolve("local/loop.drl"), HEADER + """
                import org.precisionformulary.model.fact.RequestedDrug;
                import org.precisionformulary.engine.SlowRuleHelper;

                rule "loops: re-inserts what it matches"
                    @concern("test")
                when
                    $d : RequestedDrug( drug == "tramadol" )
                then
                    delete( $d );
                    insert( new RequestedDrug( $d.drug(), $d.serviceDate() ) );
                end

                rule "slow: sleeps on every firing"
                    @concern("test")
                when
                    $d : RequestedDrug( drug == "morphine" )
                then
                    SlowRuleHelper.pause( 20 );
                    delete( $d );
                    insert( new RequestedDrug( $d.drug(), $d.serviceDate() ) );
                end
                """);
        // A consequence cannot sleep on its own (Thread is refused); the host allows its test helper.
        RulePack pack = RulePack.fromDirectory(dir, java.util.List.of(SlowRuleHelper.class));
        // The looping request runs under the default budget: 500 firings on a cold JVM of a busy machine can take
        // longer than the 200 ms that stops the slow rule, and then the budget answers before the firing limit.
        PrecisionFormulary loopEngine = PrecisionFormulary.builder().rulePack(pack).maxRuleFirings(500).build();
        var looping = loopEngine.evaluate("{\"requestId\":\"L1\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"tramadol\"}}");
        assertThat(looping.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(looping.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("limit 500")
                .contains("loops: re-inserts what it matches"));
        PrecisionFormulary engine = PrecisionFormulary.builder().rulePack(pack).maxRuleFirings(500)
                .evaluationBudget(java.time.Duration.ofMillis(200)).build();
        var slow = engine.evaluate("{\"requestId\":\"L2\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"morphine\"}}");
        assertThat(slow.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(slow.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("200 ms budget")
                .contains("slow: sleeps on every firing"));
        var fine = engine.evaluate("{\"requestId\":\"L3\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"clopidogrel\"}}");
        assertThat(fine.outcome()).isEqualTo(Outcome.APPROVED);
    }
}
