// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.cpic;

import java.util.Collections;
import java.util.HashMap;
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

/**
 * CPIC's allele and diplotype tables for one gene. Each unordered allele pair is stored once in the
 * source, in either order; lookups here accept both orders.
 */
public final class GeneTable {

    /**
     * One diplotype row.
     *
     * @param diplotype     as CPIC writes it
     * @param phenotype     CPIC phenotype
     * @param activityScore activity score, or {@code null} for genes without one
     * @param lookupKey     the value recommendations key on
     */
    public record DiplotypeCall(String diplotype, String phenotype, String activityScore, String lookupKey) {
    }

    private final Gene gene;
    private final Map<String, String> alleleFunctions;
    private final Map<String, DiplotypeCall> byPair;
    private final Map<String, String> phenotypesByLowerCase;
    private final Map<String, Set<String>> scoresByPhenotype;
    private final Map<String, String> aliases;

    private GeneTable(Gene gene, Map<String, String> alleleFunctions, Map<String, DiplotypeCall> byPair,
                      Map<String, String> phenotypesByLowerCase, Map<String, Set<String>> scoresByPhenotype) {
        this.gene = gene;
        this.alleleFunctions = alleleFunctions;
        this.byPair = byPair;
        this.phenotypesByLowerCase = phenotypesByLowerCase;
        this.scoresByPhenotype = scoresByPhenotype;
        this.aliases = aliases(alleleFunctions.keySet());
    }

    /**
     * Names variant-named alleles go by: CPIC writes DPYD's {@code c.1905+1G>A (*2A)}, callers write either
     * part. A part that would name two alleles is left out rather than guessed.
     */
    private static Map<String, String> aliases(Set<String> alleles) {
        Map<String, String> aliases = new HashMap<>();
        Set<String> ambiguous = new java.util.HashSet<>();
        java.util.regex.Pattern named = java.util.regex.Pattern.compile("^(.+?) \\(([^()]+)\\)$");
        for (String allele : alleles) {
            java.util.regex.Matcher m = named.matcher(allele);
            if (m.matches()) {
                for (String part : List.of(m.group(1).trim(), m.group(2).trim())) {
                    if (alleles.contains(part) || aliases.containsKey(part) && !aliases.get(part).equals(allele)) {
                        ambiguous.add(part);
                    }
                    aliases.put(part, allele);
                }
            }
        }
        ambiguous.forEach(aliases::remove);
        return Collections.unmodifiableMap(aliases);
    }

    /**
     * @param name an allele name, CPIC's or a part of a variant-named allele such as {@code *2A}
     * @return CPIC's name for it
     */
    public Optional<String> canonicalAllele(String name) {
        if (alleleFunctions.containsKey(name)) {
            return Optional.of(name);
        }
        return Optional.ofNullable(aliases.get(name));
    }

    static GeneTable load(Gene gene, String folder) {
        Map<String, String> alleles = new LinkedHashMap<>();
        for (Tsv.Row row : Tsv.read(folder + "/alleles/" + gene.symbol() + ".tsv")) {
            alleles.put(row.get("allele"), row.get("function"));
        }
        Map<String, DiplotypeCall> byPair = new HashMap<>();
        Map<String, String> phenotypes = new TreeMap<>();
        Map<String, Set<String>> scores = new TreeMap<>();
        for (Tsv.Row row : Tsv.read(folder + "/diplotypes/" + gene.symbol() + ".tsv")) {
            String a1 = row.get("allele1");
            String a2 = row.get("allele2");
            if (!alleles.containsKey(a1) || (!a2.isEmpty() && !alleles.containsKey(a2))) {
                throw new ContentException(row.table() + ":" + row.line() + ": allele not in the allele table");
            }
            DiplotypeCall call = new DiplotypeCall(row.get("diplotype"), row.get("phenotype"),
                    row.getOrNull("activity_score"), row.get("lookup_key"));
            byPair.put(pairKey(a1, a2), call);
            byPair.putIfAbsent(pairKey(a2, a1), call);
            phenotypes.put(call.phenotype().toLowerCase(java.util.Locale.ROOT), call.phenotype());
            if (call.activityScore() != null) {
                scores.computeIfAbsent(call.phenotype(), p -> new LinkedHashSet<>()).add(call.activityScore());
            }
        }
        return new GeneTable(gene, Collections.unmodifiableMap(alleles), byPair, phenotypes, scores);
    }

    private static String pairKey(String a1, String a2) {
        return a2 == null || a2.isEmpty() ? a1 : a1 + "\u0000" + a2;
    }

    /** @return the gene */
    public Gene gene() {
        return gene;
    }

    /** @return allele name to CPIC function, in table order */
    public Map<String, String> alleleFunctions() {
        return alleleFunctions;
    }

    /**
     * @param allele an allele name exactly as CPIC writes it
     * @return whether the table knows it
     */
    public boolean hasAllele(String allele) {
        return alleleFunctions.containsKey(allele);
    }

    /**
     * @param allele1 one allele
     * @param allele2 the other, or {@code null} for a single-allele (hemizygous or mitochondrial) result
     * @return CPIC's call for the pair, in either order
     */
    public Optional<DiplotypeCall> call(String allele1, String allele2) {
        return Optional.ofNullable(byPair.get(pairKey(allele1, allele2)));
    }

    /**
     * @param phenotype a phenotype term, any case
     * @return CPIC's spelling of it, if the table uses it
     */
    public Optional<String> canonicalPhenotype(String phenotype) {
        return Optional.ofNullable(phenotypesByLowerCase.get(phenotype.trim().toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * @param phenotype CPIC's spelling of a phenotype
     * @return the activity scores that give it, for activity-score genes; empty otherwise
     */
    public Set<String> activityScores(String phenotype) {
        return scoresByPhenotype.getOrDefault(phenotype, Set.of());
    }

    /** @return whether the table has any diplotype (IFNL3's has none) */
    public boolean hasDiplotypes() {
        return !byPair.isEmpty();
    }
}
