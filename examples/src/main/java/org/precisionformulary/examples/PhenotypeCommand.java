// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.genotype.GenotypeInterpretation;
import org.precisionformulary.content.genotype.GenotypeInterpreter;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.genotype.GenotypeInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code phenotype GENE DIPLOTYPE}: CPIC's call for one diplotype, e.g.
 * {@code CYP2D6 *1/*4: Intermediate Metabolizer (activity score 1.0; CPIC lookup key 1.0)}.
 */
final class PhenotypeCommand {

    private PhenotypeCommand() {
    }

    @Command(name = "phenotype", customSynopsis = "precision-formulary phenotype GENE DIPLOTYPE",
            description = {"Prints CPIC's phenotype and activity score for one diplotype, e.g. phenotype CYP2D6 '*1/*4'. "
                    + "Write copy numbers as '*1/*2x>=3' if your shell cannot pass '\u2265'.",
                    "Exit 1 when the gene or an allele is unknown."})
    static final class Syntax extends CliCommand {
        @Parameters(index = "0", paramLabel = "GENE", description = "a gene symbol, e.g. CYP2D6")
        private String gene;
        @Parameters(index = "1", paramLabel = "DIPLOTYPE", description = "star alleles, e.g. '*1/*4'")
        private String diplotype;

        @Override
        int run(Options options, Console console) {
            return PhenotypeCommand.run(options, console);
        }
    }

    /** Exit 1 when the gene or an allele is unknown: the check failed, the command line was fine. */
    static int run(Options options, Console console) {
        String symbol = options.positionals().get(0);
        String diplotype = options.positionals().get(1);
        Gene gene = Gene.find(symbol).orElse(null);
        if (gene == null) {
            console.err().println("phenotype: unknown gene '" + symbol + "'; known genes: "
                    + Arrays.stream(Gene.values()).map(Gene::symbol).collect(Collectors.joining(", ")));
            return 1;
        }
        GenotypeInterpreter interpreter = new GenotypeInterpreter(CpicData.builtIn());
        if (gene.kind() == Gene.Kind.ALLELE_POSITIVITY) {
            return hla(interpreter, gene, diplotype, console);
        }
        GeneResult result;
        try {
            result = interpreter.callDiplotype(gene, diplotype);
        } catch (IllegalArgumentException e) {
            console.err().println("phenotype: " + e.getMessage());
            return 1;
        }
        console.out().println(gene + " " + shown(result.diplotype(), diplotype) + ": " + describe(result));
        return 0;
    }

    /**
     * An HLA diplotype gives one result per allele CPIC keys on ({@code *57:01 positive}, {@code *15:02 negative},
     * ...); {@code callDiplotype} returns only the first of them, so all are read through {@code interpret}.
     */
    private static int hla(GenotypeInterpreter interpreter, Gene gene, String diplotype, Console console) {
        GenotypeInterpretation interpretation = interpreter.interpret(List.of(GenotypeInput.ofDiplotype(gene, diplotype)));
        if (!interpretation.errors().isEmpty()) {
            for (FieldError error : interpretation.errors()) {
                console.err().println("phenotype: " + error.message());
            }
            return 1;
        }
        List<String> calls = new ArrayList<>();
        String normalised = null;
        for (GeneResult r : interpretation.results()) {
            if (r.gene() == gene && r.tested()) {
                calls.add(describe(r));
                normalised = r.diplotype();
            }
        }
        console.out().println(gene + " " + shown(normalised, diplotype) + ": " + String.join("; ", calls));
        return 0;
    }

    private static String shown(String normalised, String given) {
        return normalised != null ? normalised : given.trim();
    }

    private static String describe(GeneResult r) {
        List<String> detail = new ArrayList<>();
        if (r.activityScore() != null) {
            detail.add("activity score " + r.activityScore());
        }
        if (r.lookupKey() == null) {
            detail.add("no CPIC lookup key");
        } else if (!r.lookupKey().equals(r.phenotype())) {
            // Phenotype genes are keyed by the phenotype itself; repeating it says nothing.
            detail.add("CPIC lookup key " + r.lookupKey());
        }
        return r.phenotype() + (detail.isEmpty() ? "" : " (" + String.join("; ", detail) + ")");
    }
}
