// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.precisionformulary.engine.PackSources;
import org.precisionformulary.engine.RulePack;

/**
 * Which of a pack's rules a scenario suite fired, per DRL file: a rule no scenario fires is a rule whose
 * behaviour no scenario pins down, so a change to it would pass the suite unnoticed.
 *
 * <pre>{@code
 * List<ScenarioResult> results = runner.run(suiteDir);
 * RuleCoverage coverage = RuleCoverage.of(RuleCoverage.packSources(null), results);
 * }</pre>
 *
 * @param files        one entry per DRL file that declares at least one rule, in path order
 * @param unknownFired rules that fired but that no DRL file declares (sources of another pack than the one
 *                     the suite ran against), sorted; empty when the sources match
 */
public record RuleCoverage(List<FileCoverage> files, Set<String> unknownFired) {

    /**
     * One DRL file's coverage.
     *
     * @param file       the file's path within the pack, e.g. {@code routing/step-therapy.drl}
     * @param rules      every rule the file declares, in order of declaration
     * @param fired      the rules that fired in at least one scenario, in order of declaration
     * @param neverFired the rules no scenario fired, in order of declaration
     */
    public record FileCoverage(String file, List<String> rules, List<String> fired, List<String> neverFired) {

        /** @throws NullPointerException when any component is {@code null} */
        public FileCoverage {
            Objects.requireNonNull(file, "file");
            rules = List.copyOf(rules);
            fired = List.copyOf(fired);
            neverFired = List.copyOf(neverFired);
        }

        /** @return how many rules the file declares */
        public int total() {
            return rules.size();
        }

        /** @return the share of the file's rules that fired, from 0 to 100; 100 for a file without rules */
        public double percent() {
            return RuleCoverage.percent(fired.size(), rules.size());
        }
    }

    /** @throws NullPointerException when any component is {@code null} */
    public RuleCoverage {
        files = List.copyOf(files);
        unknownFired = Set.copyOf(new TreeSet<>(unknownFired));
    }

    /**
     * Coverage of a pack's rules by the rules that fired in any of the results, whatever their status: a rule
     * that fired in a failing or pending scenario was still exercised.
     *
     * @param sources path to content, as {@link #packSources} gives; only {@code .drl} files are read
     * @param results the suite's results
     * @return the coverage
     * @throws NullPointerException when sources or results is {@code null}
     */
    public static RuleCoverage of(Map<String, byte[]> sources, Collection<ScenarioResult> results) {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(results, "results");
        Set<String> fired = new HashSet<>();
        results.forEach(r -> fired.addAll(r.firedRules()));
        Map<String, String> ruleFiles = PackSources.ruleFiles(sources);
        Map<String, List<String>> byFile = new TreeMap<>();
        ruleFiles.forEach((rule, file) -> byFile.computeIfAbsent(file, f -> new ArrayList<>()).add(rule));
        List<FileCoverage> files = new ArrayList<>();
        byFile.forEach((file, rules) -> files.add(new FileCoverage(file, rules,
                rules.stream().filter(fired::contains).toList(),
                rules.stream().filter(r -> !fired.contains(r)).toList())));
        Set<String> unknown = new TreeSet<>(fired);
        unknown.removeAll(ruleFiles.keySet());
        return new RuleCoverage(files, unknown);
    }

    /**
     * The DRL sources of a pack, keyed by path within the pack (e.g. {@code routing/step-therapy.drl}): a
     * {@link RulePack} keeps only its compiled form, so the caller names the pack it ran.
     *
     * @param packDirectory the directory given to {@link RulePack#fromDirectory}, or {@code null} for
     *                      {@link RulePack#builtIn()}
     * @return path to content, sorted by path
     * @throws IllegalArgumentException     when packDirectory is not a directory
     * @throws java.io.UncheckedIOException when the sources cannot be read
     */
    public static TreeMap<String, byte[]> packSources(Path packDirectory) {
        return new TreeMap<>(packDirectory != null ? PackSources.of(packDirectory) : PackSources.builtIn());
    }

    /** @return how many rules the pack's DRL files declare */
    public int total() {
        return files.stream().mapToInt(FileCoverage::total).sum();
    }

    /** @return how many of them fired in at least one scenario */
    public int fired() {
        return files.stream().mapToInt(f -> f.fired().size()).sum();
    }

    /** @return the share of all rules that fired, from 0 to 100; 100 for a pack without rules */
    public double percent() {
        return percent(fired(), total());
    }

    /**
     * @param prefix a path prefix, e.g. {@code routing/}
     * @return the files whose path starts with it, in path order
     * @throws NullPointerException when prefix is {@code null}
     */
    public List<FileCoverage> filesUnder(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return files.stream().filter(f -> f.file().startsWith(prefix)).toList();
    }

    /**
     * A report for people: one line per file, {@code fired/total  pct  file}, then the overall line, then a
     * {@code never fired:} section naming each file's uncovered rules (only their count when there are more
     * than {@code listLimit}). Percentages are rounded down, as thresholds are, so 99.9% never shows as 100%.
     *
     * @param listLimit the most uncovered rules to name for one file
     * @return the report, lines separated by {@code \n}, without a final line break
     * @throws IllegalArgumentException when listLimit is negative
     */
    public String report(int listLimit) {
        if (listLimit < 0) {
            throw new IllegalArgumentException("listLimit " + listLimit);
        }
        int width = String.valueOf(total()).length();
        StringBuilder out = new StringBuilder("rule coverage:");
        for (FileCoverage f : files) {
            out.append('\n').append(line(f.fired().size(), f.total(), width, f.file()));
        }
        out.append('\n').append(line(fired(), total(), width, "all files"));
        out.append("\nnever fired:");
        boolean any = false;
        for (FileCoverage f : files) {
            if (f.neverFired().isEmpty()) {
                continue;
            }
            any = true;
            if (f.neverFired().size() > listLimit) {
                out.append("\n  ").append(f.file()).append(": ").append(f.neverFired().size()).append(" rules");
            } else {
                out.append("\n  ").append(f.file()).append(':');
                f.neverFired().forEach(r -> out.append("\n    - ").append(r));
            }
        }
        if (!any) {
            out.append(" none");
        }
        if (!unknownFired.isEmpty()) {
            out.append("\nfired but declared in no DRL file of the pack:");
            unknownFired.forEach(r -> out.append("\n  - ").append(r));
        }
        return out.toString();
    }

    private static String line(int fired, int total, int width, String what) {
        return String.format("%" + width + "d/%-" + width + "d  %3d%%  %s", fired, total,
                total == 0 ? 100 : fired * 100 / total, what);
    }

    static double percent(int fired, int total) {
        return total == 0 ? 100.0 : fired * 100.0 / total;
    }
}
