// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.genotype.GenotypeInput;
import org.precisionformulary.model.json.ContractJson;

/**
 * Turns PharmCAT output into a request's genotype entries: the phenotyper's JSON result
 * ({@code *.phenotype.json}) and PharmCAT "outside call" files (TSV: gene, diplotype, phenotype,
 * activity score). A gene PharmCAT could not call becomes an explicit {@code No Result} entry, so the
 * decision says it was untested instead of reading it as normal.
 */
public final class PharmcatImport {

    /**
     * What an import produced.
     *
     * @param genotypes one entry per gene, in file order
     * @param notes     what the pharmacist should know about choices made (genes skipped and why)
     */
    public record Imported(List<GenotypeInput> genotypes, List<String> notes) {
        /** Copies the lists. */
        public Imported {
            genotypes = List.copyOf(genotypes);
            notes = List.copyOf(notes);
        }
    }

    private PharmcatImport() {
    }

    /**
     * Reads a PharmCAT phenotyper result. Each gene's {@code recommendationDiplotypes} lookup key is what
     * PharmCAT itself matches recommendations on: an activity score for CYP2D6, CYP2C9 and DPYD, else a
     * phenotype. Several possible diplotypes are used only when they agree.
     *
     * @param file a {@code *.phenotype.json} file
     * @return the genotype entries
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not a PharmCAT phenotyper result
     */
    public static Imported phenotyper(Path file) throws IOException {
        JsonNode root = ContractJson.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        JsonNode reports = root == null ? null : root.get("geneReports");
        if (reports == null || !reports.isObject()) {
            throw new IllegalArgumentException(file + ": not a PharmCAT phenotyper result (no geneReports)");
        }
        List<GenotypeInput> genotypes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> uncalled = new ArrayList<>();
        for (var entry : reports.properties()) {
            Optional<Gene> gene = Gene.find(entry.getKey());
            if (gene.isEmpty()) {
                notes.add("PharmCAT reported " + entry.getKey() + ", a gene no CPIC rule here uses; skipped.");
                continue;
            }
            String source = "PharmCAT phenotyper " + entry.getValue().path("phenotypeVersion").asText("");
            Set<String> keys = new LinkedHashSet<>();
            for (JsonNode diplotype : entry.getValue().path("recommendationDiplotypes")) {
                for (JsonNode key : diplotype.path("lookupKey")) {
                    keys.add(key.asText());
                }
                if (diplotype.path("lookupKey").isEmpty()) {
                    keys.add(GeneResult.NO_RESULT);
                }
            }
            keys.remove("");
            if (keys.isEmpty() || keys.equals(Set.of(GeneResult.NO_RESULT))) {
                uncalled.add(gene.get().symbol());
                genotypes.add(GenotypeInput.ofPhenotype(gene.get(), GeneResult.NO_RESULT).withSource(source));
            } else if (keys.size() > 1) {
                notes.add("PharmCAT gave " + gene.get() + " several possible results that CPIC treats differently; "
                        + "it is left untested rather than guessed.");
                genotypes.add(GenotypeInput.ofPhenotype(gene.get(), GeneResult.NO_RESULT).withSource(source));
            } else {
                genotypes.add(entry(gene.get(), keys.iterator().next(), source, notes));
            }
        }
        if (!uncalled.isEmpty()) {
            notes.add("PharmCAT could not call " + String.join(", ", uncalled) + ": reported as untested (No Result), not as normal.");
        }
        return new Imported(genotypes, notes);
    }

    private static GenotypeInput entry(Gene gene, String key, String source, List<String> notes) {
        if (gene.kind() == Gene.Kind.ACTIVITY_SCORE) {
            return GenotypeInput.ofActivityScore(gene, key).withSource(source);
        }
        if (key.equalsIgnoreCase("n/a")) {
            // PharmCAT writes n/a when its tables cannot assign a phenotype, which CPIC calls Indeterminate.
            notes.add("PharmCAT could not assign a " + gene + " phenotype (n/a): taken as Indeterminate.");
            return GenotypeInput.ofPhenotype(gene, "Indeterminate").withSource(source);
        }
        return GenotypeInput.ofPhenotype(gene, key).withSource(source);
    }

    /**
     * Reads a PharmCAT outside-call file: one gene a line, tab-separated gene, diplotype (or single allele),
     * phenotype (or HLA result such as {@code *57:01 positive}), activity score; {@code #} lines ignored.
     * The diplotype is used when given, else the activity score, else the phenotype.
     *
     * @param file an outside-call TSV file (UTF-8)
     * @return the genotype entries
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming {@code file:line} for an unknown gene or an empty call
     */
    public static Imported outsideCalls(Path file) throws IOException {
        List<GenotypeInput> genotypes = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace("\uFEFF", "");
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            String where = file.getFileName() + ":" + (i + 1) + ": ";
            Gene gene = Gene.find(cells[0]).orElseThrow(() -> new IllegalArgumentException(where + "unknown gene '" + cells[0] + "'"));
            String diplotype = cell(cells, 1);
            String phenotype = cell(cells, 2);
            String score = cell(cells, 3);
            String source = "PharmCAT outside call (" + file.getFileName() + ")";
            if (diplotype != null) {
                genotypes.add(GenotypeInput.ofDiplotype(gene, diplotype).withSource(source));
            } else if (score != null) {
                genotypes.add(GenotypeInput.ofActivityScore(gene, score).withSource(source));
            } else if (phenotype != null) {
                genotypes.add(GenotypeInput.ofPhenotype(gene, phenotype).withSource(source));
            } else {
                throw new IllegalArgumentException(where + gene + " has no diplotype, phenotype or activity score");
            }
        }
        return new Imported(genotypes, List.of());
    }

    private static String cell(String[] cells, int i) {
        return i < cells.length && !cells[i].isBlank() ? cells[i].trim() : null;
    }
}
