// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.precisionformulary.engine.PackSources;

/** Writes rule-pack directories for the pack benchmarks from the built-in pack's DRL on the classpath. */
final class PackDirectories {

    private static final String RULES = "org/precisionformulary/rules";

    /** A plan rule as docs/authoring.md writes it: the smallest local pack that extends the built-in one. */
    private static final String PLAN_RULE = """
            package local;

            import org.precisionformulary.model.decision.Action;
            import org.precisionformulary.model.decision.Classification;
            import org.precisionformulary.model.fact.CandidatePopulation;
            import org.precisionformulary.model.fact.GenomicFinding;
            import org.precisionformulary.model.genotype.Gene;
            import org.precisionformulary.model.genotype.GeneResult;

            // Poor metabolizers reach several-fold higher metoprolol exposure; the committee asks for a lower start.
            rule "metoprolol / CYP2D6 poor metabolizer (plan) -> adjust dose"
                @guidelineId("BENCH-PLAN-1")
                @classification("Optional")
                @pmids("29385237")
                @recommendation("Plan P&T: start metoprolol at a low dose and titrate slowly in CYP2D6 poor metabolizers.")
            when
                CandidatePopulation( drug == "metoprolol", $population : population )
                $cyp2d6 : GeneResult( gene == Gene.CYP2D6, lookupKey == "0.0" )
            then
                insert( GenomicFinding.of( "metoprolol", $population, Classification.OPTIONAL, Action.ADJUST_DOSE, $cyp2d6 ) );
            end
            """;

    private PackDirectories() {
    }

    /**
     * @param dir an empty directory
     * @return a pack that extends the built-in one with one plan rule: what a hot reload of the full pack compiles
     * @throws UncheckedIOException when it cannot be written
     */
    static Path layeredPlanPack(Path dir) {
        write(dir.resolve("pack.properties"), "extends=builtin\nname=bench-plan\nversion=1\n");
        write(dir.resolve("local/metoprolol-cyp2d6.drl"), PLAN_RULE);
        return dir;
    }

    /**
     * @return the built-in rules with the one plan rule of {@link #layeredPlanPack}, compiled: nearly the built-in
     *         pack's decisions, but a pack the engine runs on its workers to a deadline
     * @throws UncheckedIOException when the pack cannot be written
     */
    static org.precisionformulary.engine.RulePack planPackOverBuiltIn() {
        try {
            return org.precisionformulary.engine.RulePack.fromDirectory(
                    layeredPlanPack(java.nio.file.Files.createTempDirectory("plan-pack")));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param dir        an empty directory
     * @param guidelines how many CPIC guideline files to take, in file-name order; the routing files always come
     * @return a stand-alone pack (not extending the built-in one), compiled from DRL when loaded
     * @throws UncheckedIOException when the built-in DRL cannot be read or the pack cannot be written
     */
    static Path standalonePack(Path dir, int guidelines) {
        TreeMap<String, byte[]> all = builtInDrl();
        int taken = 0;
        for (var e : all.entrySet()) {
            String relative = e.getKey();
            if (relative.startsWith("cpic/") && taken++ >= guidelines) {
                continue;
            }
            write(dir.resolve(RULES).resolve(relative), new String(e.getValue(), StandardCharsets.UTF_8));
        }
        write(dir.resolve("pack.properties"), "name=bench-" + guidelines + "-guidelines\nversion=1\n");
        return dir;
    }

    /** @return the number of CPIC guideline DRL files in the built-in pack */
    static int builtInGuidelineFiles() {
        return (int) builtInDrl().keySet().stream().filter(p -> p.startsWith("cpic/")).count();
    }

    /** The built-in pack's guideline and routing DRL, keyed by path within its rules folder. */
    private static TreeMap<String, byte[]> builtInDrl() {
        TreeMap<String, byte[]> files = new TreeMap<>();
        PackSources.builtIn().forEach((path, bytes) -> {
            if (path.endsWith(".drl") && (path.startsWith("cpic/") || path.startsWith("routing/"))) {
                files.put(path, bytes);
            }
        });
        return files;
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * @param dir a directory this class wrote
     * @throws UncheckedIOException when it cannot be removed
     */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
