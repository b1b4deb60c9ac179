// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.precisionformulary.content.pharmcat.PharmcatImport;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.ncpdp.NcpdpResponse;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.genotype.GenotypeInput;
import org.precisionformulary.model.json.ContractJson;
import org.precisionformulary.model.json.ParsedRequest;
import org.precisionformulary.model.json.RequestReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evaluate [--formulary F] [--pack DIR] [--pharmcat FILE] [--outside-calls FILE] [REQUEST.json]}: one
 * request in, one pretty decision out. PharmCAT results are added to the request's genotypes; a PharmCAT file
 * the import cannot read is an error naming the file and what is wrong in it (exit 1), never a decision made
 * without it.
 */
final class EvaluateCommand {

    private static final String PHARMCAT = "--pharmcat";
    private static final String OUTSIDE_CALLS = "--outside-calls";

    private static final String NCPDP = "--ncpdp";

    private EvaluateCommand() {
    }

    @Command(name = "evaluate", customSynopsis = "precision-formulary evaluate [--formulary F] [--pack DIR] "
            + "[--pharmcat FILE] [--outside-calls FILE] [--member-id-key FILE] [--ncpdp] [REQUEST.json]",
            description = {"Decides one coverage request (from the file, or standard input when none or '-') and prints "
                    + "the decision as JSON (with --ncpdp, as NCPDP D.0 response fields by field id, docs/ncpdp.md).",
                    "Exit 0 whatever the outcome (PHARMACIST_REVIEW is an answer too); 1 when a --pharmcat or "
                    + "--outside-calls file cannot be imported, or the pack or formulary is refused."})
    static final class Syntax extends CliCommand {
        @Option(names = "--formulary", paramLabel = "F", description = Engines.FORMULARY)
        private String formulary;
        @Option(names = "--pack", paramLabel = "DIR", description = Engines.PACK)
        private String pack;
        @Option(names = PHARMCAT, paramLabel = "FILE",
                description = "PharmCAT phenotyper output (*.phenotype.json); its calls join the request's genotypes")
        private String pharmcat;
        @Option(names = OUTSIDE_CALLS, paramLabel = "FILE",
                description = "a PharmCAT outside-call file (TSV: gene, diplotype, phenotype, activity score)")
        private String outsideCalls;
        @Option(names = "--member-id-key", paramLabel = "FILE", description = Engines.MEMBER_ID_KEY)
        private String memberIdKey;
        @Option(names = NCPDP, description = "print the NCPDP D.0 response fields a switch sends, keyed by field id")
        private boolean ncpdp;
        @Parameters(arity = "0..1", paramLabel = "REQUEST.json", description = "the request; '-' or none: standard input")
        private String request;

        @Override
        int run(Options options, Console console) throws IOException {
            return EvaluateCommand.run(options, console);
        }
    }

    /**
     * Exit 0 whatever the outcome: a {@code PHARMACIST_REVIEW} decision is still the answer. Exit 1 when a
     * {@code --pharmcat} or {@code --outside-calls} file cannot be imported.
     */
    static int run(Options options, Console console) throws IOException {
        Path file = null;
        if (!options.positionals().isEmpty() && !options.positionals().get(0).equals("-")) {
            file = options.toPath("request", options.positionals().get(0));
            Engines.requireReadableFile("evaluate", "request", file);
        }
        List<GenotypeInput> imported = new ArrayList<>();
        List<String> importNotes = new ArrayList<>();
        for (String option : List.of(PHARMCAT, OUTSIDE_CALLS)) {
            Optional<Path> source = options.path(option);
            if (source.isPresent()) {
                Engines.requireReadableFile("evaluate", option, source.get());
                requireFormatOf(option, source.get());
                PharmcatImport.Imported result;
                try {
                    result = option.equals(PHARMCAT) ? PharmcatImport.phenotyper(source.get())
                            : PharmcatImport.outsideCalls(source.get());
                } catch (IllegalArgumentException e) {
                    // The file is wrong, not the command line: say what is wrong in it, and decide nothing.
                    console.err().println("precision-formulary: evaluate: " + option + ": " + e.getMessage());
                    return 1;
                } catch (JsonProcessingException e) {
                    JsonLocation at = e.getLocation();
                    console.err().println("precision-formulary: evaluate: " + option + ": " + source.get() + ": not JSON: "
                            + e.getOriginalMessage() + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
                    return 1;
                }
                imported.addAll(result.genotypes());
                result.notes().forEach(note -> console.err().println("evaluate: " + note));
                result.notes().forEach(note -> importNotes.add(option + ": " + note));
            }
        }
        // Build first: a bad pack or formulary is reported before stdin is waited on.
        PrecisionFormulary engine = Engines.build(options);
        String request;
        if (file == null) {
            request = Lines.readAll(console.in());
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                request = Lines.readAll(in);
            }
        }
        CoverageDecision decision;
        ParsedRequest parsed = RequestReader.read(request);
        if (!imported.isEmpty() && parsed.isValid()) {
            // What the import did (a gene skipped, a result taken as untested) stays with the decision it shaped.
            decision = engine.evaluate(parsed.request().withGenotypes(imported.toArray(GenotypeInput[]::new)))
                    .withReasonsFirst(importNotes);
        } else {
            // A request with errors is decided as sent: its errors come back, imports or not.
            decision = engine.evaluate(request);
        }
        console.out().println(options.flag(NCPDP)
                ? ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(NcpdpResponse.fields(decision))
                : ContractJson.toPrettyJson(decision));
        return 0;
    }

    /**
     * The two PharmCAT files are easily swapped: phenotyper output is JSON, an outside-call file is tab-separated
     * text. Given to the other option, each would fail with a parser's message about its first character.
     *
     * @throws UsageException naming the option the file belongs to
     */
    private static void requireFormatOf(String option, Path file) throws IOException {
        String start;
        try (InputStream in = Files.newInputStream(file)) {
            start = new String(in.readNBytes(4096), StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
        }
        boolean json = start.startsWith("{") || start.startsWith("[");
        if (option.equals(PHARMCAT) && !json && start.contains("\t")) {
            throw new UsageException("evaluate: " + PHARMCAT + " " + file + " is tab-separated text, a PharmCAT"
                    + " outside-call file: give it with " + OUTSIDE_CALLS + " (" + PHARMCAT + " takes the phenotyper's"
                    + " JSON, *.phenotype.json)");
        }
        if (option.equals(OUTSIDE_CALLS) && json) {
            throw new UsageException("evaluate: " + OUTSIDE_CALLS + " " + file + " is JSON, like PharmCAT phenotyper"
                    + " output: give it with " + PHARMCAT + " (" + OUTSIDE_CALLS + " takes the tab-separated"
                    + " outside-call format)");
        }
    }
}
