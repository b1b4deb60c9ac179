// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;
import org.precisionformulary.engine.ncpdp.NcpdpResponse;
import org.precisionformulary.model.decision.Alternative;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.DurAlert;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.ContractJson;
import picocli.CommandLine.Command;

/**
 * {@code demo}: the built-in pack and the demo formulary decide the sample members under
 * {@code org/precisionformulary/examples/demo/}, listed in its {@code index.txt}, and each decision is
 * printed for people. Outcomes are whatever the engine decides; nothing here knows them in advance.
 */
final class DemoCommand {

    static final String FOLDER = "/org/precisionformulary/examples/demo/";
    private static final String LABEL = "   %-13s ";
    private static final int WIDTH = 100;

    private DemoCommand() {
    }

    @Command(name = "demo", customSynopsis = "precision-formulary demo",
            description = "Decides the embedded sample members against the demo formulary and prints the decisions.")
    static final class Syntax extends CliCommand {
        @Override
        int run(Options options, Console console) throws IOException {
            return DemoCommand.run(console);
        }
    }

    static int run(Console console) throws IOException {
        PrintStream out = console.out();
        PrecisionFormulary engine = PrecisionFormulary.builder().build();
        RulePack pack = engine.rulePack();
        out.println("Precision Formulary " + PrecisionFormulary.VERSION + ": rule pack " + pack.name() + " "
                + pack.version() + " (" + pack.ruleNames().size() + " rules, sha256 " + pack.sha256().substring(0, 12)
                + "), formulary " + engine.formulary().formularyId());
        Map<Outcome, Integer> tally = new EnumMap<>(Outcome.class);
        List<String> samples = samples();
        for (String sample : samples) {
            String request = resource(sample);
            CoverageDecision decision = engine.evaluate(request);
            tally.merge(decision.outcome(), 1, Integer::sum);
            out.println();
            print(out, sample, ContractJson.mapper().readTree(request), decision);
        }
        out.println();
        out.println(samples.size() + " samples: " + tally.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        return 0;
    }

    /** @return the sample file names, in the order {@code index.txt} gives them */
    static List<String> samples() {
        List<String> names = new ArrayList<>();
        for (String line : resource("index.txt").split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    static String resource(String name) {
        try (InputStream in = DemoCommand.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("the demo sample " + FOLDER + name + " is missing from the jar");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().collect(Collectors.joining("\n"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(PrintStream out, String sample, JsonNode request, CoverageDecision d) {
        out.println("== " + sample.replaceFirst("\\.json$", "") + ": " + describe(request));
        line(out, "outcome:", d.outcome().name());
        line(out, "reject codes:", d.rejectCodes().isEmpty() ? "none" : String.join(", ", d.rejectCodes()));
        line(out, "tier:", d.tier() == null ? "none" : d.tier().toString());
        List<String> findings = d.findings().stream().map(DemoCommand::finding).toList();
        lines(out, "findings:", findings);
        lines(out, "alternatives:", d.alternatives().stream().map(DemoCommand::alternative).toList());
        if (!d.exceptions().isEmpty()) {
            lines(out, "exceptions:", d.exceptions().stream().map(DemoCommand::exception).toList());
        }
        lines(out, "DUR alerts:", d.durAlerts().stream().map(DemoCommand::alert).toList());
        if (!d.errors().isEmpty()) {
            lines(out, "errors:", d.errors().stream().map(DemoCommand::error).toList());
        }
        line(out, "member:", d.memberExplanation() == null ? "-" : d.memberExplanation());
        line(out, "NCPDP:", ncpdp(d));
    }

    /** The claim response fields a switch would send, by field id, in one line. */
    private static String ncpdp(CoverageDecision d) {
        List<String> fields = new ArrayList<>();
        NcpdpResponse.fields(d).forEach((id, value) -> fields.add(id + " " + value));
        return String.join("; ", fields);
    }

    /** The header: who asks for what, with the genotypes the request carries, read from the request itself. */
    private static String describe(JsonNode request) {
        StringBuilder sb = new StringBuilder();
        sb.append("member ").append(request.path("member").path("id").asText("?"));
        JsonNode drug = request.path("drug");
        sb.append(", ").append(drug.hasNonNull("name") ? drug.get("name").asText()
                : drug.hasNonNull("ndc") ? "NDC " + drug.get("ndc").asText() : "rxnorm " + drug.path("rxnorm").asText("?"));
        if (request.hasNonNull("indication")) {
            sb.append(" (").append(request.get("indication").asText()).append(')');
        }
        List<String> genotypes = new ArrayList<>();
        for (JsonNode g : request.path("genotypes")) {
            String value = g.hasNonNull("diplotype") ? g.get("diplotype").asText()
                    : g.hasNonNull("phenotype") ? g.get("phenotype").asText()
                    : g.hasNonNull("activityScore") ? "activity score " + g.get("activityScore").asText()
                    : g.path("allele").asText() + " " + g.path("result").asText();
            genotypes.add(g.path("gene").asText("?") + " " + value);
        }
        sb.append(", ").append(genotypes.isEmpty() ? "no genotypes" : String.join(", ", genotypes));
        JsonNode claim = request.path("claim");
        if (claim.isObject()) {
            sb.append(", ").append(claim.path("quantityDispensed").asText("?")).append(" for ")
                    .append(claim.path("daysSupply").asText("?")).append(" days");
            for (JsonNode code : claim.path("submissionClarificationCodes")) {
                sb.append(", clarification ").append(code.asText());
            }
        }
        for (JsonNode answer : request.path("durPps")) {
            sb.append(", DUR/PPS ").append(answer.path("reasonForService").asText("?")).append('/')
                    .append(answer.path("professionalService").asText("?")).append('/')
                    .append(answer.path("resultOfService").asText("?"));
        }
        return sb.toString();
    }

    private static String finding(Finding f) {
        String genes = f.genes().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return f.drug() + " [" + f.population() + "] " + genes + " -> "
                + (f.classification() == null ? "" : f.classification().label() + ", ") + f.action()
                + (f.guidelineId() == null ? "" : " (" + f.guidelineId() + ")");
    }

    private static String alternative(Alternative a) {
        return a.drug() + " (tier " + a.tier() + ")";
    }

    private static String exception(CoverageException e) {
        return e.type() + (e.ground() == null ? "" : ": " + e.ground());
    }

    private static String alert(DurAlert a) {
        return a.reasonCode() + " " + a.severity() + " " + a.message();
    }

    private static String error(FieldError e) {
        return e.field() + ": " + e.message();
    }

    private static void lines(PrintStream out, String label, List<String> values) {
        if (values.isEmpty()) {
            line(out, label, "none");
        }
        for (int i = 0; i < values.size(); i++) {
            line(out, i == 0 ? label : "", values.get(i));
        }
    }

    /** A labelled value, wrapped at word boundaries so long CPIC texts stay readable in a terminal. */
    private static void line(PrintStream out, String label, String value) {
        String indent = String.format(LABEL, "");
        StringBuilder current = new StringBuilder(String.format(LABEL, label));
        int start = current.length();
        for (String word : value.split("\\s+")) {
            if (current.length() > start && current.length() + 1 + word.length() > WIDTH) {
                out.println(current);
                current.setLength(0);
                current.append(indent);
                start = current.length();
            } else if (current.length() > start) {
                current.append(' ');
            }
            current.append(word);
        }
        out.println(current);
    }
}
