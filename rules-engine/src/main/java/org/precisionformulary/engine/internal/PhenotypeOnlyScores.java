// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.model.decision.Classification;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.request.CoverageRequest;

/**
 * CPIC keys CYP2D6, CYP2C9 and DPYD advice by activity score, and several scores share a phenotype. When a
 * request gives only the phenotype (an outside lab's "Ultrarapid Metabolizer"), the score is unknown. If
 * CPIC's advice asks for the same action at every score the phenotype covers, for every drug the decision
 * may mention, that action applies whatever the score; the gene result takes the key of the score whose
 * advice is classified strongest (safety first: DPYD intermediate is a Strong 50 % reduction at 1.0 and a
 * Moderate one at 1.5). If the requested drug's action differs by score, nothing is guessed: the request
 * goes to the pharmacist, naming the entry.
 */
final class PhenotypeOnlyScores {

    /**
     * The gene results after resolution.
     *
     * @param results the gene results, phenotype-only entries resolved where CPIC's advice allows
     * @param errors  entries whose score matters for the requested drug
     * @param notes   what was resolved or left open, for the pharmacist
     */
    record Resolution(List<GeneResult> results, List<FieldError> errors, List<String> notes) {
    }

    private final Map<String, List<CpicRecommendation>> byDrug = new HashMap<>();
    private final Map<String, String> actionByRecommendation = new HashMap<>();
    private final CpicData cpic;

    PhenotypeOnlyScores(CpicData cpic, CompiledPack pack) {
        this.cpic = cpic;
        for (CpicRecommendation r : cpic.recommendations()) {
            byDrug.computeIfAbsent(r.drug(), d -> new ArrayList<>()).add(r);
        }
        for (RuleInfo rule : pack.rules().values()) {
            if (rule.get("recommendationId") != null && rule.get("action") != null) {
                actionByRecommendation.put(rule.get("recommendationId"), rule.get("action"));
            }
        }
    }

    Resolution resolve(CoverageRequest request, String requestedDrug, List<GeneResult> results, Set<String> reviewed,
                       Function<String, List<String>> populations) {
        List<GeneResult> out = new ArrayList<>(results);
        List<FieldError> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            GeneResult g = out.get(i);
            if (!g.tested() || g.lookupKey() != null || g.gene().kind() != Gene.Kind.ACTIVITY_SCORE) {
                continue;
            }
            Set<String> scores = cpic.geneTable(g.gene()).map(t -> t.activityScores(g.phenotype())).orElse(Set.of());
            if (scores.size() < 2) {
                continue;
            }
            String chosen = null;
            boolean requestedDisagrees = false;
            boolean otherDisagrees = false;
            for (String drug : reviewed) {
                for (String population : populations.apply(drug)) {
                    Set<String> actions = new LinkedHashSet<>();
                    String strongest = null;
                    int strongestRank = Integer.MAX_VALUE;
                    for (String score : scores) {
                        for (CpicRecommendation r : byDrug.getOrDefault(drug, List.of())) {
                            if (r.population().equals(population) && score.equals(r.lookupKey().get(g.gene().symbol()))
                                    && othersMatch(r, g.gene(), out)) {
                                actions.add(actionByRecommendation.get(r.recommendationId()));
                                int rank = Classification.of(r.classification()).ordinal();
                                if (rank < strongestRank) {
                                    strongestRank = rank;
                                    strongest = score;
                                }
                            }
                        }
                    }
                    if (actions.size() > 1) {
                        requestedDisagrees |= drug.equals(requestedDrug);
                        otherDisagrees |= !drug.equals(requestedDrug);
                    } else if (strongest != null && (chosen == null || drug.equals(requestedDrug))) {
                        chosen = strongest;
                    }
                }
            }
            String range = String.join(", ", scores);
            if (requestedDisagrees) {
                errors.add(new FieldError(field(request, g.gene()), g.gene() + " was given as " + g.phenotype()
                        + " only; CPIC's advice for " + requestedDrug + " differs between the activity scores that"
                        + " phenotype covers (" + range + "). Send the diplotype or the activity score."));
            } else if (otherDisagrees) {
                notes.add(g.gene() + " was given as " + g.phenotype() + " only; CPIC's advice for a drug under review"
                        + " differs between the activity scores it covers (" + range + "), so no " + g.gene()
                        + " advice is applied. Send the diplotype or the activity score.");
            } else if (chosen != null) {
                out.set(i, new GeneResult(g.gene(), g.phenotype(), null, chosen, null, true));
                notes.add(g.gene() + " was given as " + g.phenotype() + " only; CPIC asks for the same action at every"
                        + " activity score it covers (" + range + "), so it applies, cited at score " + chosen + ".");
            }
        }
        return new Resolution(out, errors, notes);
    }

    /** The other genes of a multi-gene key must match the member's results as they stand. */
    private static boolean othersMatch(CpicRecommendation r, Gene gene, List<GeneResult> results) {
        for (var e : r.lookupKey().entrySet()) {
            if (e.getKey().equals(gene.symbol())) {
                continue;
            }
            boolean found = false;
            for (GeneResult other : results) {
                if (other.gene().symbol().equals(e.getKey()) && e.getValue().equals(other.lookupKey())) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    private static String field(CoverageRequest request, Gene gene) {
        for (int i = 0; i < request.genotypes().size(); i++) {
            if (request.genotypes().get(i).gene() == gene && request.genotypes().get(i).phenotype() != null) {
                return "genotypes[" + i + "].phenotype";
            }
        }
        return "genotypes";
    }
}
