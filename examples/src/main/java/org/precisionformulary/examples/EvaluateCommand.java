// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.json.ContractJson;

/** {@code evaluate [--formulary F] [--pack DIR] [REQUEST.json]}: one request in, one pretty decision out. */
final class EvaluateCommand {

    private EvaluateCommand() {
    }

    /** Exit 0 whatever the outcome: a {@code PHARMACIST_REVIEW} decision is still the answer. */
    static int run(List<String> args, Console console) throws IOException {
        Options options = Options.parse("evaluate", args, Set.of("--formulary", "--pack"), 0, 1, "REQUEST.json");
        Path file = null;
        if (!options.positionals().isEmpty() && !options.positionals().get(0).equals("-")) {
            file = options.toPath("request", options.positionals().get(0));
            Engines.requireReadableFile("evaluate", "request", file);
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
        CoverageDecision decision = engine.evaluate(request);
        console.out().println(ContractJson.toPrettyJson(decision));
        return 0;
    }
}
