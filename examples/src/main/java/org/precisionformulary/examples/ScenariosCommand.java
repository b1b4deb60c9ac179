// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.precisionformulary.engine.RulePack;
import org.precisionformulary.model.json.FormularyReader;
import org.precisionformulary.testkit.RuleCoverage;
import org.precisionformulary.testkit.ScenarioException;
import org.precisionformulary.testkit.ScenarioResult;
import org.precisionformulary.testkit.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scenarios DIR [--pack DIR] [--formulary F] [--coverage] [--junit-xml FILE]}: runs every scenario file under
 * DIR (or one file) and prints one report per scenario (with {@code --junit-xml}, also writes them as JUnit XML);
 * with {@code --coverage}, then which of the pack's rules the scenarios fired, per DRL file, and which they never
 * did; then {@code N passed, N failed} as the last line. Exit 1 when any failed
 * or there was nothing to run, 2 for usage errors.
 */
final class ScenariosCommand {

    private static final String COVERAGE = "--coverage";
    private static final String JUNIT_XML = "--junit-xml";
    // Beyond this many, a file's uncovered rules are counted, not listed: a long list buries the short ones.
    private static final int LIST_LIMIT = 20;

    private ScenariosCommand() {
    }

    @Command(name = "scenarios", customSynopsis = "precision-formulary scenarios DIR [--pack DIR] "
            + "[--formulary F] [--coverage] [--junit-xml FILE]",
            description = {"Runs every regression scenario (*.json) under DIR, or one scenario file; one line per "
                    + "scenario (details for failures), then 'N passed, N failed'.",
                    "Exit 1 when any failed or there was none to run."})
    static final class Syntax extends CliCommand {
        @Parameters(index = "0", paramLabel = "DIR", description = "the scenario directory, or one scenario file")
        private String dir;
        @Option(names = "--pack", paramLabel = "DIR", description = "a rule pack directory (default: the built-in pack)")
        private String pack;
        @Option(names = "--formulary", paramLabel = "F",
                description = "the formulary of scenarios that do not name their own (default: the demo formulary)")
        private String formulary;
        @Option(names = COVERAGE, description = "add, before the last line, the rules fired per DRL file "
                + "('fired/total  pct  file') and the rules no scenario fired")
        private boolean coverage;
        @Option(names = JUNIT_XML, paramLabel = "FILE", description = "also write the results as JUnit XML, one "
                + "testcase per scenario (a failure carries its mismatches; pending ones are skipped), for CI")
        private String junitXml;

        @Override
        int run(Options options, Console console) throws IOException {
            return ScenariosCommand.run(options, console);
        }
    }

    static int run(Options options, Console console) throws IOException {
        boolean coverage = options.flag(COVERAGE);
        Path suite = options.toPath("DIR", options.positionals().get(0));
        if (!Files.exists(suite)) {
            throw new UsageException("scenarios: " + suite + " does not exist");
        }
        Optional<Path> junitXml = options.path(JUNIT_XML);
        junitXml.ifPresent(file -> JunitXml.requireWritable("scenarios", JUNIT_XML, file));
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
        long start = System.nanoTime();
        try {
            results = runner.run(suite);
        } catch (ScenarioException e) {
            console.err().println("scenarios: " + e.getMessage());
            return 1;
        }
        if (junitXml.isPresent()) {
            String name = suite.getFileName() == null ? suite.toString() : suite.getFileName().toString();
            JunitXml.write(junitXml.get(), name, results, (System.nanoTime() - start) / 1e9);
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
