// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.cpic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.precisionformulary.content.ContentException;
import org.precisionformulary.content.Tsv;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.json.ContractJson;

/**
 * The CPIC tables the built-in pack ships (see {@code PROVENANCE.md} beside them): recommendations,
 * guidelines, allele functions, diplotype → phenotype calls and activity scores. Loaded once, then
 * read-only and safe to share between threads.
 */
public final class CpicData {

    /** Where the tables sit on the classpath. */
    public static final String FOLDER = "/org/precisionformulary/content/cpic";

    /** The CPIC data version the tables were taken at. */
    public static final String VERSION = "2024-03-25";

    private static volatile CpicData builtIn;

    private final Map<String, CpicRecommendation> recommendations;
    private final Map<String, CpicGuideline> guidelines;
    private final Map<Gene, GeneTable> geneTables;
    private final Map<Gene, Map<String, String>> activityScorePhenotypes;
    private final Map<String, Set<String>> populationsByDrug;
    private final Map<String, String> drugsByRxnorm;

    private CpicData(String folder) {
        this.guidelines = loadGuidelines(folder);
        this.recommendations = loadRecommendations(folder);
        this.geneTables = new EnumMap<>(Gene.class);
        for (Gene gene : Gene.values()) {
            if (CpicData.class.getResource(folder + "/alleles/" + gene.symbol() + ".tsv") != null) {
                geneTables.put(gene, GeneTable.load(gene, folder));
            }
        }
        this.activityScorePhenotypes = new EnumMap<>(Gene.class);
        for (Tsv.Row row : Tsv.read(folder + "/activity_scores.tsv")) {
            activityScorePhenotypes.computeIfAbsent(Gene.of(row.get("gene")), g -> new LinkedHashMap<>())
                    .put(row.get("activity_score"), row.get("phenotype"));
        }
        Map<String, Set<String>> populations = new TreeMap<>();
        for (CpicRecommendation r : recommendations.values()) {
            populations.computeIfAbsent(r.drug(), d -> new LinkedHashSet<>()).add(r.population());
        }
        // Looked up for every drug a request reviews, dozens of times a request: by hash, not by walking a tree.
        this.populationsByDrug = Map.copyOf(populations);
        Map<String, String> rx = new TreeMap<>();
        for (Tsv.Row row : Tsv.read(folder + "/drugs.tsv")) {
            if (!row.get("rxnorm").isEmpty()) {
                rx.put(row.get("rxnorm"), row.get("drug"));
            }
        }
        this.drugsByRxnorm = Map.copyOf(rx);
    }

    /**
     * @return the tables shipped in this jar, loaded on first use
     * @throws ContentException when a table is missing or corrupt
     */
    public static CpicData builtIn() {
        CpicData data = builtIn;
        if (data == null) {
            synchronized (CpicData.class) {
                data = builtIn;
                if (data == null) {
                    data = new CpicData(FOLDER);
                    builtIn = data;
                }
            }
        }
        return data;
    }

    private static Map<String, CpicGuideline> loadGuidelines(String folder) {
        Map<String, CpicGuideline> map = new LinkedHashMap<>();
        for (Tsv.Row row : Tsv.read(folder + "/guidelines.tsv")) {
            map.put(row.get("guideline_id"), new CpicGuideline(row.get("guideline_id"), row.get("name"),
                    row.get("url"), split(row.get("genes")), split(row.get("drugs")), split(row.get("pmids")),
                    row.get("source_file")));
        }
        return Collections.unmodifiableMap(map);
    }

    private static Map<String, CpicRecommendation> loadRecommendations(String folder) {
        Map<String, CpicRecommendation> map = new LinkedHashMap<>();
        for (Tsv.Row row : Tsv.read(folder + "/recommendations.tsv")) {
            Map<String, String> key;
            try {
                key = ContractJson.mapper().readValue(row.get("lookup_key"), new TypeReference<TreeMap<String, String>>() { });
            } catch (JsonProcessingException e) {
                throw new ContentException(row.table() + ":" + row.line() + ": lookup_key is not a JSON object");
            }
            List<String> implications = row.get("implications").isEmpty()
                    ? List.of() : List.of(row.get("implications").split(" \\| "));
            CpicRecommendation r = new CpicRecommendation(row.get("guideline_id"), row.get("guideline_name"),
                    row.get("guideline_url"), row.get("drug"), row.get("population"),
                    Collections.unmodifiableMap(key), row.get("classification"), row.get("recommendation"),
                    implications, row.get("recommendation_id"), split(row.get("pmids")));
            if (map.put(r.recommendationId(), r) != null) {
                throw new ContentException(row.table() + ":" + row.line() + ": duplicate recommendation id " + r.recommendationId());
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private static List<String> split(String cell) {
        return cell.isEmpty() ? List.of() : List.copyOf(Arrays.asList(cell.split(",")));
    }

    /** @return every recommendation, in table order */
    public List<CpicRecommendation> recommendations() {
        return new ArrayList<>(recommendations.values());
    }

    /**
     * @param recommendationId a recommendation record id
     * @return the recommendation
     */
    public Optional<CpicRecommendation> recommendation(String recommendationId) {
        return Optional.ofNullable(recommendations.get(recommendationId));
    }

    /** @return every guideline, in table order */
    public List<CpicGuideline> guidelines() {
        return new ArrayList<>(guidelines.values());
    }

    /**
     * @param guidelineId a guideline annotation id
     * @return the guideline
     */
    public Optional<CpicGuideline> guideline(String guidelineId) {
        return Optional.ofNullable(guidelines.get(guidelineId));
    }

    /**
     * @param gene a gene
     * @return its allele and diplotype tables, if CPIC has them (HLA genes, CYP4F2 and VKORC1 have none)
     */
    public Optional<GeneTable> geneTable(Gene gene) {
        return Optional.ofNullable(geneTables.get(gene));
    }

    /**
     * @param gene an activity-score gene
     * @return activity score (as CPIC writes it) to phenotype; empty for other genes
     */
    public Map<String, String> activityScorePhenotypes(Gene gene) {
        return activityScorePhenotypes.getOrDefault(gene, Map.of());
    }

    /**
     * @param drug a lower-case drug name
     * @return the CPIC populations that drug has recommendations for; empty when it has none
     */
    public Set<String> populations(String drug) {
        return populationsByDrug.getOrDefault(drug, Set.of());
    }

    /**
     * @param rxnorm an RxNorm ingredient id
     * @return the CPIC drug with that id
     */
    public Optional<String> drugByRxnorm(String rxnorm) {
        return Optional.ofNullable(drugsByRxnorm.get(rxnorm));
    }

    /** @return the CPIC data version */
    public String version() {
        return VERSION;
    }
}
