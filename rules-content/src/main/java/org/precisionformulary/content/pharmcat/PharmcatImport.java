// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.pharmcat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.genotype.GenotypeInterpretation;
import org.precisionformulary.content.genotype.GenotypeInterpreter;
import org.precisionformulary.model.genotype.AlleleResult;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.genotype.GenotypeInput;
import org.precisionformulary.model.json.ContractJson;

/**
 * Turns PharmCAT output into a request's genotype entries: the phenotyper's JSON result
 * ({@code *.phenotype.json}) and PharmCAT "outside call" files (TSV: gene, diplotype, phenotype,
 * activity score).
 *
 * <p>No gene PharmCAT reports for a CPIC gene is lost on the way: it becomes the call PharmCAT matched
 * recommendations on, or an explicit {@code No Result} entry with a note saying what PharmCAT reported
 * (a gene it could not call, a result it wrote as {@code n/a}, several possible results that disagree),
 * so the decision says the gene was untested instead of reading it as normal; a file whose shape the
 * import does not recognise is refused as a whole, naming each field that is wrong.
 */
public final class PharmcatImport {

    /** PharmCAT v2.x to v3.0.x nest the gene reports under one section per guideline source. */
    private static final String CPIC_SECTION = "CPIC";
    private static final String DPWG_SECTION = "DPWG";
    /** How PharmCAT keys an HLA result: one allele and whether it was found, e.g. {@code *57:01 positive}. */
    private static final Pattern ALLELE_STATUS = Pattern.compile("^(\\S+)\\s+(positive|negative)$", Pattern.CASE_INSENSITIVE);
    private static final String NOT_APPLICABLE = "n/a";

    /**
     * What an import produced.
     *
     * @param genotypes the entries, in file order: one per gene, or for an HLA gene one per allele PharmCAT
     *                  gave a status for
     * @param notes     what the pharmacist should know about choices made (genes skipped, taken as
     *                  {@code No Result}, and what PharmCAT reported for them)
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
     * Reads a PharmCAT phenotyper result, in either layout PharmCAT has written: {@code geneReports.<gene>}
     * (v3.1 and later) or {@code geneReports.CPIC.<gene>} beside {@code geneReports.DPWG} (v2.x to v3.0.x),
     * of which only the CPIC section is read. Each gene's {@code recommendationDiplotypes} lookup key is
     * what PharmCAT itself matches CPIC recommendations on: an activity score for CYP2D6, CYP2C9 and DPYD,
     * a list of allele statuses for HLA-A and HLA-B (one entry per allele), else a phenotype. Several
     * possible diplotypes are used only when they agree. A gene PharmCAT did not call, or whose result it
     * wrote as {@code n/a} (no CPIC phenotype), becomes {@code No Result} with a note; an {@code n/a}
     * activity score stays one, as CPIC's CYP2D6 and CYP2C9 tables key their Indeterminate rows on it.
     *
     * @param file a {@code *.phenotype.json} file
     * @return the genotype entries and notes
     * @throws IOException              when the file cannot be read or is not JSON
     * @throws IllegalArgumentException when it is not a PharmCAT phenotyper result this import can read;
     *                                  the message names the file and every field that is missing or wrong
     */
    public static Imported phenotyper(Path file) throws IOException {
        JsonNode root = ContractJson.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        String refused = file + ": not a PharmCAT phenotyper result this import can read: ";
        JsonNode geneReports = root == null || !root.isObject() ? null : root.get("geneReports");
        if (geneReports == null || !geneReports.isObject()) {
            throw new IllegalArgumentException(refused + "geneReports is " + (root == null || !root.isObject()
                    ? "missing (the file is not a JSON object)" : geneReports == null ? "missing" : "not an object"));
        }
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        JsonNode reports = geneReports;
        String base = "geneReports";
        if (geneReports.has(CPIC_SECTION) || geneReports.has(DPWG_SECTION)) {
            reports = geneReports.get(CPIC_SECTION);
            base = "geneReports." + CPIC_SECTION;
            if (reports == null) {
                throw new IllegalArgumentException(refused + "geneReports has a " + DPWG_SECTION
                        + " section but no " + CPIC_SECTION + " section; only CPIC's results are read");
            }
            if (!reports.isObject()) {
                throw new IllegalArgumentException(refused + base + " is not an object of gene reports");
            }
            for (String key : geneReports.properties().stream().map(Map.Entry::getKey).toList()) {
                if (key.equals(CPIC_SECTION) || key.equals(DPWG_SECTION)) {
                    continue;
                }
                if (Gene.find(key).isPresent()) {
                    problems.add("geneReports." + key + " is a gene report beside geneReports." + CPIC_SECTION
                            + ", which mixes PharmCAT's two layouts");
                } else {
                    notes.add("PharmCAT's geneReports." + key + " section was not read; only its CPIC section is.");
                }
            }
        }
        List<GenotypeInput> genotypes = new ArrayList<>();
        List<String> uncalled = new ArrayList<>();
        int known = 0;
        for (var entry : reports.properties()) {
            String at = base + "." + entry.getKey();
            Optional<Gene> gene = Gene.find(entry.getKey());
            if (gene.isEmpty()) {
                notes.add("PharmCAT reported " + entry.getKey() + ", a gene no CPIC rule here uses; skipped.");
                continue;
            }
            known++;
            GeneReport report = GeneReport.read(gene.get(), at, entry.getValue(), problems);
            if (report != null) {
                report.addTo(genotypes, notes, uncalled);
            }
        }
        if (known == 0) {
            problems.add(base + " has no report for a gene this library knows" + (reports.isEmpty() ? " (it is empty)" : ""));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(refused + String.join("; ", problems));
        }
        if (!uncalled.isEmpty()) {
            notes.add("PharmCAT could not call " + String.join(", ", uncalled) + ": reported as untested (No Result), not as normal.");
        }
        return new Imported(genotypes, notes);
    }

    /**
     * One gene's report, as far as the import reads it.
     *
     * @param gene       the gene
     * @param callSource {@code MATCHER}, {@code OUTSIDE}, {@code NONE}, or empty when not given
     * @param version    the phenotype data version PharmCAT names, or empty
     * @param labels     each recommendation diplotype's label, e.g. {@code *2/*2}
     * @param keys       each recommendation diplotype's lookup key values
     */
    private record GeneReport(Gene gene, String callSource, String version, List<String> labels, List<List<String>> keys) {

        /** @return the report, or {@code null} after adding to {@code problems} what is missing or wrong */
        static GeneReport read(Gene gene, String at, JsonNode report, List<String> problems) {
            if (!report.isObject()) {
                problems.add(at + " is not a gene report (a JSON object)");
                return null;
            }
            JsonNode diplotypes = report.get("recommendationDiplotypes");
            if (diplotypes == null || !diplotypes.isArray()) {
                problems.add(at + ".recommendationDiplotypes is " + (diplotypes == null ? "missing" : "not a list"));
                return null;
            }
            int before = problems.size();
            List<String> labels = new ArrayList<>();
            List<List<String>> keys = new ArrayList<>();
            for (int i = 0; i < diplotypes.size(); i++) {
                String where = at + ".recommendationDiplotypes[" + i + "]";
                JsonNode diplotype = diplotypes.get(i);
                JsonNode key = diplotype.isObject() ? diplotype.get("lookupKey") : null;
                if (!diplotype.isObject()) {
                    problems.add(where + " is not an object");
                } else if (key == null || !key.isArray()) {
                    problems.add(where + ".lookupKey is " + (key == null ? "missing" : "not a list"));
                } else {
                    List<String> values = new ArrayList<>();
                    for (int j = 0; j < key.size(); j++) {
                        if (!key.get(j).isTextual()) {
                            problems.add(where + ".lookupKey[" + j + "] is not a string");
                        } else if (!key.get(j).asText().isBlank()) {
                            values.add(key.get(j).asText().trim());
                        }
                    }
                    keys.add(values);
                    labels.add(text(diplotype, "label"));
                }
            }
            return problems.size() > before ? null
                    : new GeneReport(gene, text(report, "callSource"), text(report, "phenotypeVersion"), labels, keys);
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value != null && value.isTextual() ? value.asText().trim() : "";
        }

        /** PharmCAT labels a gene it could not call {@code Unknown/Unknown} ({@code Unknown} for MT-RNR1). */
        private boolean called() {
            return !callSource.equals("NONE") && !labels.isEmpty() && labels.stream().noneMatch(label -> label.isEmpty()
                    || Arrays.stream(label.split("/")).allMatch(part -> part.trim().equalsIgnoreCase("Unknown")));
        }

        private String source() {
            return "PharmCAT phenotyper" + (version.isEmpty() ? "" : " " + version)
                    + (callSource.equals("OUTSIDE") ? " (outside call)" : "");
        }

        private String reported() {
            return String.join(" or ", labels.stream().filter(label -> !label.isEmpty()).toList());
        }

        void addTo(List<GenotypeInput> genotypes, List<String> notes, List<String> uncalled) {
            Set<String> values = new LinkedHashSet<>();
            keys.forEach(values::addAll);
            if (values.isEmpty() && called() && labels.size() == 1) {
                // PharmCAT keys no recommendation on this gene (CYP4F2, VKORC1 before v3.1): keep the call as made.
                genotypes.add(GenotypeInput.ofDiplotype(gene, labels.get(0)).withSource(source()));
                return;
            }
            if (values.isEmpty() || values.equals(Set.of(GeneResult.NO_RESULT))) {
                uncalled.add(gene.symbol());
                genotypes.add(noResult());
                return;
            }
            boolean notApplicable = values.stream().anyMatch(value -> value.equalsIgnoreCase(NOT_APPLICABLE));
            if (values.size() == 1 && notApplicable && gene.kind() != Gene.Kind.ACTIVITY_SCORE) {
                // n/a is PharmCAT's "no CPIC phenotype for this call"; only an activity score of n/a is a CPIC key
                // (CYP2D6 and CYP2C9 Indeterminate), so anywhere else it must not become a phenotype. Its call
                // may still be one CPIC's own allele table reads (MT-RNR1 1555A>G is m.1555A>G, increased risk of
                // hearing loss): then the call goes to the rules as the diplotype it is, never a guessed phenotype.
                Optional<GeneResult> read = labels.size() == 1 ? readByCpic(gene, labels.get(0)) : Optional.empty();
                if (read.isPresent()) {
                    notes.add("PharmCAT reported " + gene + " as " + reported() + " with no phenotype (n/a); CPIC's "
                            + gene + " table reads it as " + read.get().phenotype() + ", which the rules use.");
                    genotypes.add(GenotypeInput.ofDiplotype(gene, cpicSpelling(gene, labels.get(0))).withSource(source()));
                    return;
                }
                notes.add("PharmCAT reported " + gene + (reported().isEmpty() ? "" : " as " + reported())
                        + " with no CPIC phenotype (n/a): taken as No Result (untested), not as a phenotype. "
                        + "Check the " + gene + " result before relying on it.");
                genotypes.add(noResult());
                return;
            }
            boolean hla = gene.kind() == Gene.Kind.ALLELE_POSITIVITY;
            if (values.size() > 1 && (!hla || notApplicable || values.contains(GeneResult.NO_RESULT))) {
                ambiguous(values, genotypes, notes);
                return;
            }
            if (hla) {
                addAlleles(values, genotypes, notes);
                return;
            }
            String value = values.iterator().next();
            genotypes.add((gene.kind() == Gene.Kind.ACTIVITY_SCORE
                    ? GenotypeInput.ofActivityScore(gene, value) : GenotypeInput.ofPhenotype(gene, value)).withSource(source()));
        }

        private void ambiguous(Set<String> values, List<GenotypeInput> genotypes, List<String> notes) {
            notes.add("PharmCAT gave " + gene + " several possible results that CPIC treats differently ("
                    + String.join(", ", values) + "); it is left untested rather than guessed.");
            genotypes.add(noResult());
        }

        /**
         * An HLA lookup key lists the status of every allele CPIC keys on ({@code *15:02 positive},
         * {@code *57:01 positive}, {@code *58:01 negative}): each is a result of its own, not an alternative.
         */
        private void addAlleles(Set<String> values, List<GenotypeInput> genotypes, List<String> notes) {
            Map<String, AlleleResult> statuses = new LinkedHashMap<>();
            List<String> unreadable = new ArrayList<>();
            Set<String> conflicting = new LinkedHashSet<>();
            for (String value : values) {
                Matcher m = ALLELE_STATUS.matcher(value);
                if (!m.matches()) {
                    unreadable.add(value);
                    continue;
                }
                AlleleResult result = AlleleResult.of(m.group(2));
                AlleleResult earlier = statuses.putIfAbsent(m.group(1), result);
                if (earlier != null && earlier != result) {
                    conflicting.add(m.group(1));
                }
            }
            if (!conflicting.isEmpty()) {
                ambiguous(values, genotypes, notes);
                return;
            }
            statuses.forEach((allele, result) -> genotypes.add(GenotypeInput.ofAllele(gene, allele, result).withSource(source())));
            // Whatever else PharmCAT wrote goes on as written: the interpreter refuses it with an error naming the entry.
            unreadable.forEach(value -> genotypes.add(GenotypeInput.ofPhenotype(gene, value).withSource(source())));
        }

        private GenotypeInput noResult() {
            return GenotypeInput.ofPhenotype(gene, GeneResult.NO_RESULT).withSource(source());
        }
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

    /**
     * The result CPIC's own tables give a PharmCAT call, if they know it: PharmCAT writes mitochondrial
     * variants without the {@code m.} CPIC's MT-RNR1 table uses.
     */
    private static Optional<GeneResult> readByCpic(Gene gene, String label) {
        GenotypeInterpretation read = new GenotypeInterpreter(CpicData.builtIn())
                .interpret(List.of(GenotypeInput.ofDiplotype(gene, cpicSpelling(gene, label))));
        return read.errors().isEmpty() ? read.results().stream().filter(g -> g.gene() == gene && g.tested() && g.lookupKey() != null)
                .findFirst()
                : Optional.empty();
    }

    private static String cpicSpelling(Gene gene, String label) {
        String call = label.trim();
        return gene == Gene.MT_RNR1 && !call.startsWith("m.") && Character.isDigit(call.isEmpty() ? 'x' : call.charAt(0))
                ? "m." + call : call;
    }
}
