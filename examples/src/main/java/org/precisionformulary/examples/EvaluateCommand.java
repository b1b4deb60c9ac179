// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.precisionformulary.content.PharmcatImport;
import org.precisionformulary.model.genotype.GenotypeInput;
import org.precisionformulary.model.json.ParsedRequest;
import org.precisionformulary.model.json.RequestReader;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.json.ContractJson;

/**
 * {@code evaluate [--formulary F] [--pack DIR] [--pharmcat FILE] [--outside-calls FILE] [REQUEST.json]}: one
 * request in, one pretty decision out. PharmCAT results are added to the request's genotypes; a PharmCAT file
 * the import cannot read is an error naming the file and what is wrong in it (exit 1), never a decision made
 * without it.
 */
final class EvaluateCommand {

    private EvaluateCommand() {
    }

    /**
     * Exit 0 whatever the outcome: a {@code PHARMACIST_REVIEW} decision is still the answer. Exit 1 when a
     * {@code --pharmcat} or {@code --outside-calls} file cannot be imported.
     */
    static int run(List<String> args, Console console) throws IOException {
        Options options = Options.parse("evaluate", args,
                Set.of("--formulary", "--pack", "--pharmcat", "--outside-calls", "--member-id-key"), 0, 1, "REQUEST.json");
        Path file = null;
        if (!options.positionals().isEmpty() && !options.positionals().get(0).equals("-")) {
            file = options.toPath("request", options.positionals().get(0));
            Engines.requireReadableFile("evaluate", "request", file);
        }
        List<GenotypeInput> imported = new ArrayList<>();
        for (String option : List.of("--pharmcat", "--outside-calls")) {
            Optional<Path> source = options.path(option);
            if (source.isPresent()) {
                Engines.requireReadableFile("evaluate", option, source.get());
                PharmcatImport.Imported result;
                try {
                    result = option.equals("--pharmcat") ? PharmcatImport.phenotyper(source.get())
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
            decision = engine.evaluate(parsed.request().withGenotypes(imported.toArray(GenotypeInput[]::new)));
        } else {
            // A request with errors is decided as sent: its errors come back, imports or not.
            decision = engine.evaluate(request);
        }
        console.out().println(ContractJson.toPrettyJson(decision));
        return 0;
    }
}
