// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.precisionformulary.content.DemoFormulary;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.genotype.Gene;

/**
 * Real values for generated requests, read from the CPIC tables the engine itself uses: every diplotype row of
 * every gene table, the activity scores CPIC defines, the drugs CPIC and the demo formulary name, and each drug's
 * populations. A generator that only knows a handful of diplotypes would never reach most of the pack.
 */
final class CpicSamples {

    /** One row of a gene's diplotype table. */
    record Row(Gene gene, String diplotype, String phenotype) {
    }

    /** The alleles CPIC keys HLA advice on, per gene. */
    static final Map<Gene, List<String>> HLA_ALLELES = Map.of(
            Gene.HLA_A, List.of("*31:01", "*02:01", "*24:02"),
            Gene.HLA_B, List.of("*57:01", "*58:01", "*15:02", "*15:11", "*07:02", "*44:03"));

    /** Biomarkers the demo formulary's prior-authorization criteria name, with a result each can take. */
    static final Map<String, List<String>> BIOMARKERS = biomarkers();

    static final List<String> DIAGNOSES = List.of("G89.29", "I21.4", "I25.10", "C34.90", "F32.9", "M10.9",
            "B20", "C18.9", "K21.9", "E78.5", "Z95.5");

    private static final CpicSamples INSTANCE = new CpicSamples();

    final CpicData cpic = CpicData.builtIn();
    final Map<Gene, List<Row>> rowsByGene = new LinkedHashMap<>();
    final Map<Gene, List<String>> activityScores = new LinkedHashMap<>();
    final List<String> drugs;
    final Map<String, String> rxnormByDrug = new LinkedHashMap<>();

    private CpicSamples() {
        for (Gene gene : Gene.values()) {
            List<Row> rows = readRows(gene);
            if (!rows.isEmpty()) {
                rowsByGene.put(gene, rows);
            }
            if (gene.kind() == Gene.Kind.ACTIVITY_SCORE) {
                activityScores.put(gene, List.copyOf(cpic.activityScorePhenotypes(gene).keySet()));
            }
        }
        TreeSet<String> names = new TreeSet<>();
        for (CpicRecommendation r : cpic.recommendations()) {
            names.add(r.drug());
        }
        for (FormularyDrug d : DemoFormulary.load().drugs()) {
            names.add(d.drug());
        }
        drugs = List.copyOf(names);
        for (String line : lines(CpicData.FOLDER + "/drugs.tsv")) {
            String[] cells = line.split("\t", -1);
            if (cells.length > 2 && cells[2].matches("\\d{1,10}")) {
                rxnormByDrug.put(cells[0], cells[2]);
            }
        }
    }

    static CpicSamples get() {
        return INSTANCE;
    }

    /** @return the genes a valid genotype entry can be generated for */
    List<Gene> genes() {
        List<Gene> genes = new ArrayList<>(rowsByGene.keySet());
        genes.addAll(HLA_ALLELES.keySet().stream().sorted().toList());
        return genes;
    }

    private static List<Row> readRows(Gene gene) {
        List<Row> rows = new ArrayList<>();
        List<String> lines = lines(CpicData.FOLDER + "/diplotypes/" + gene.symbol() + ".tsv");
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] cells = line.split("\t", -1);
            if (cells.length >= 2 && !cells[0].isBlank() && !cells[1].isBlank()) {
                rows.add(new Row(gene, cells[0], cells[1]));
            }
        }
        return rows;
    }

    private static List<String> lines(String resource) {
        InputStream in = CpicSamples.class.getResourceAsStream(resource);
        if (in == null) {
            return List.of();
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, List<String>> biomarkers() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("EGFR", List.of("positive", "negative"));
        m.put("ALK", List.of("positive", "negative"));
        m.put("BRAF", List.of("V600E", "negative"));
        m.put("BRCA1", List.of("positive", "negative"));
        m.put("BRCA2", List.of("positive"));
        m.put("HER2", List.of("positive", "negative"));
        m.put("KRAS", List.of("G12C", "negative"));
        m.put("MSI", List.of("high", "stable"));
        m.put("NTRK", List.of("fusion", "negative"));
        m.put("PD-L1", List.of());
        return m;
    }
}
