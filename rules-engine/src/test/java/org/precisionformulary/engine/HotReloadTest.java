// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.testing.LocalPack;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;

/** Packs swap under load: no request fails, and each decision matches the pack its audit names. */
class HotReloadTest {

    /** A one-rule pack whose finding's recommendation text says which version decided. */
    private static Path pack(Path root, String version, String marker) throws IOException {
        Path dir = root.resolve("v" + version);
        LocalPack.standalone("reload-test").version(version).drl("local/codeine.drl", """
                package local;
                import org.precisionformulary.model.decision.Action;
                import org.precisionformulary.model.decision.Classification;
                import org.precisionformulary.model.fact.CandidatePopulation;
                import org.precisionformulary.model.fact.GenomicFinding;
                import org.precisionformulary.model.genotype.Gene;
                import org.precisionformulary.model.genotype.GeneResult;

                rule "codeine / CYP2D6 tested (version %s)"
                    @guidelineId("LOCAL") @classification("Optional") @pmids("33387367") @recommendation("%s")
                when
                    CandidatePopulation( drug == "codeine", $p : population )
                    $g : GeneResult( gene == Gene.CYP2D6, tested )
                then
                    insert( GenomicFinding.of( "codeine", $p, Classification.OPTIONAL, Action.MONITOR, $g ) );
                end
                """.formatted(version, marker)).writeTo(dir);
        return dir;
    }

    private static final String REQUEST = "{\"requestId\":\"H\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M\"},"
            + "\"drug\":{\"name\":\"codeine\"},\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*1\"}]}";

    @Test
    void reloadsUnderLoadKeepEveryDecisionConsistentWithItsPack(@TempDir Path root) throws Exception {
        RulePack one = RulePack.fromDirectory(pack(root, "1", "decided by one"));
        RulePack two = RulePack.fromDirectory(pack(root, "2", "decided by two"));
        PrecisionFormulary engine = PrecisionFormulary.builder().rulePack(one).build();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<CoverageDecision>>> workers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                List<CoverageDecision> seen = new ArrayList<>();
                while (running.get()) {
                    seen.add(engine.evaluate(REQUEST));
                }
                return seen;
            }));
        }
        for (int i = 0; i < 40; i++) {
            engine.reload(i % 2 == 0 ? two : one);
            Thread.sleep(5);
        }
        running.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        int total = 0;
        for (Future<List<CoverageDecision>> w : workers) {
            for (CoverageDecision d : w.get()) {
                total++;
                assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
                String version = d.audit().rulePackVersion();
                assertThat(d.findings()).singleElement().satisfies(f ->
                        assertThat(f.recommendation()).isEqualTo(version.equals("1") ? "decided by one" : "decided by two"));
                assertThat(d.audit().rulePackSha256()).isEqualTo(version.equals("1") ? one.sha256() : two.sha256());
            }
        }
        assertThat(total).isGreaterThan(40);
    }

    @Test
    void aPackThatDoesNotCompileIsRefusedAndTheOldOneKeepsServing(@TempDir Path root) throws Exception {
        PrecisionFormulary engine = PrecisionFormulary.builder().rulePack(RulePack.fromDirectory(pack(root, "1", "one"))).build();
        Path broken = root.resolve("broken/local");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("bad.drl"), "package local;\nrule \"bad\" when Nope( then end\n");
        assertThatThrownBy(() -> engine.reloadInBackground(root.resolve("broken")).join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(RulePackException.class)
                .hasMessageContaining("local/bad.drl");
        assertThat(engine.rulePack().version()).isEqualTo("1");
        assertThat(engine.evaluate(REQUEST).audit().rulePackVersion()).isEqualTo("1");
        RulePack two = engine.reloadInBackground(pack(root, "2", "two")).get(60, TimeUnit.SECONDS);
        assertThat(engine.rulePack()).isSameAs(two);
        assertThat(engine.evaluate(REQUEST).findings().get(0).recommendation()).isEqualTo("two");
    }
}
