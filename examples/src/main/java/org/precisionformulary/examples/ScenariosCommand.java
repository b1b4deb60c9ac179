// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.precisionformulary.engine.RulePack;
import org.precisionformulary.model.json.FormularyReader;
import org.precisionformulary.testkit.RuleCoverage;
import org.precisionformulary.testkit.ScenarioException;
import org.precisionformulary.testkit.ScenarioResult;
import org.precisionformulary.testkit.ScenarioRunner;

/**
 * {@code scenarios DIR [--pack DIR] [--formulary F] [--coverage]}: runs every scenario file under DIR (or one file)
 * and prints one report per scenario; with {@code --coverage}, then which of the pack's rules the scenarios fired,
 * per DRL file, and which they never did; then {@code N passed, N failed} as the last line. Exit 1 when any failed
 * or there was nothing to run, 2 for usage errors.
 */
final class ScenariosCommand {

    private static final String COVERAGE = "--coverage";
    // Beyond this many, a file's uncovered rules are counted, not listed: a long list buries the short ones.
    private static final int LIST_LIMIT = 20;

    private ScenariosCommand() {
    }

    static int run(List<String> args, Console console) {
        // Options takes only options with a value, so the one flag is taken out first (never after "--").
        List<String> rest = new ArrayList<>(args);
        int end = rest.indexOf("--");
        List<String> flags = end < 0 ? rest : rest.subList(0, end);
        boolean coverage = flags.remove(COVERAGE);
        if (flags.contains(COVERAGE)) {
            throw new UsageException("scenarios: " + COVERAGE + " is given twice");
        }
        Options options = Options.parse("scenarios", rest, Set.of("--pack", "--formulary"), 1, 1, "DIR");
        Path suite = options.toPath("DIR", options.positionals().get(0));
        if (!Files.exists(suite)) {
            throw new UsageException("scenarios: " + suite + " does not exist");
        }
        ScenarioRunner.Builder builder = ScenarioRunner.builder();
        options.path("--pack").ifPresent(dir -> {
            if (!Files.isDirectory(dir)) {
                throw new UsageException("scenarios: --pack " + dir + " is not a directory");
            }
            builder.rulePack(RulePack.fromDirectory(dir));
        });
        options.path("--formulary").ifPresent(file -> {
            Engines.requireReadableFile("scenarios", "--formulary", file);
            builder.formulary(FormularyReader.read(file));
        });
        ScenarioRunner runner = builder.build();
        List<ScenarioResult> results;
        try {
            results = runner.run(suite);
        } catch (ScenarioException e) {
            console.err().println("scenarios: " + e.getMessage());
            return 1;
        }
        int passed = 0;
        int failed = 0;
        int pending = 0;
        for (ScenarioResult result : results) {
            console.out().println(result.report());
            switch (result.status()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case PENDING -> pending++;
                default -> throw new IllegalStateException(result.status().toString());
            }
        }
        if (results.isEmpty()) {
            // An empty run is more likely a wrong directory than a suite that holds.
            console.err().println("scenarios: no scenario file (*.json) under " + suite);
        }
        if (coverage) {
            Path packDir = options.path("--pack").orElse(null);
            console.out().println(RuleCoverage.of(RuleCoverage.packSources(packDir), results).report(LIST_LIMIT));
        }
        if (pending > 0) {
            console.out().println(pending + " pending (known engine issues, counted neither passed nor failed)");
        }
        console.out().println(passed + " passed, " + failed + " failed");
        return failed > 0 || results.isEmpty() ? 1 : 0;
    }
}
