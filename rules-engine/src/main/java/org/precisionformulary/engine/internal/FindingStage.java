// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.KieBase;
import org.precisionformulary.content.BoundedCache;
import org.precisionformulary.content.CacheStats;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.fact.CandidatePopulation;
import org.precisionformulary.model.fact.GenomicFinding;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;

/**
 * The gene–drug stage of a decision, worked out once per (drug, population, the member's results for the
 * genes that drug's rules read) and reused until the pack changes.
 *
 * <p>A gene–drug rule reads nothing but one {@link CandidatePopulation} and {@link GeneResult}s, so what it
 * concludes is a pure function of those: the rules run once in a small session for a key and the findings
 * are kept, with the rules that fired. Later requests with the same key get the same findings, bound to
 * their own gene results, and only the routing rules run for them. The rules stay the only source of truth;
 * the stage only remembers their answer. Each evaluator (one per pack) owns its stage, so a reload starts
 * with an empty cache.
 *
 * <p>The stage is used only when the pack allows it: every rule that reads a gene result or a candidate
 * population must read nothing else and exactly one candidate population. A pack that breaks this (a local
 * rule joining a biomarker with a genotype, say) is evaluated in one session per request, as before.
 */
final class FindingStage {

    /** The findings of a drug no gene–drug rule names. */
    private static final SessionResult NOTHING_FOUND = new SessionResult(List.of(), List.of(), null);

    private final CompiledPack pack;
    private final KieBase routingBase;
    private final Set<String> findingRules;
    /** The gene–drug rules that name each drug: with {@link #rulesForEveryDrug}, all that can find on it. */
    private final Map<String, Set<String>> rulesByDrug;
    private final Set<String> rulesForEveryDrug;
    /** Each drug's finding KieBase, built the first time one of its populations is looked up. */
    private final Map<String, KieBase> findingBases = new ConcurrentHashMap<>();
    private final Map<String, Set<Gene>> genesByDrug;
    /** Genes read by a gene–drug rule that names no drug: every drug's key includes them. */
    private final Set<Gene> genesForEveryDrug;
    /** Whether some gene–drug rule names no drug, and so may conclude on a population of any drug. */
    private final boolean ruleForEveryDrug;
    private final boolean keyOnDiplotype;
    private final String disabledReason;
    /** The findings kept per key, or {@code null} when they are worked out afresh for every request. */
    private final BoundedCache<Key, Entry> cache;

    private FindingStage(CompiledPack pack, KieBase routingBase, Set<String> findingRules,
                         Map<String, Set<String>> rulesByDrug, Set<String> rulesForEveryDrug,
                         Map<String, Set<Gene>> genesByDrug, Set<Gene> genesForEveryDrug, boolean ruleForEveryDrug,
                         boolean keyOnDiplotype, String disabledReason, BoundedCache<Key, Entry> cache) {
        this.pack = pack;
        this.routingBase = routingBase;
        this.findingRules = findingRules;
        this.rulesByDrug = rulesByDrug;
        this.rulesForEveryDrug = rulesForEveryDrug;
        this.genesByDrug = genesByDrug;
        this.genesForEveryDrug = genesForEveryDrug;
        this.ruleForEveryDrug = ruleForEveryDrug;
        this.keyOnDiplotype = keyOnDiplotype;
        this.disabledReason = disabledReason;
        this.cache = cache;
    }

    /**
     * Plans from what the pack's rules read of the genotype facts ({@link CompiledPack#genotypeReads()}): which are
     * gene–drug rules and which genes each drug's rules read.
     *
     * @param pack    the compiled pack
     * @param caching whether findings are kept between requests ({@code false} computes them every time:
     *                the uncached path the cache is checked against); the cache holds as many keys as the
     *                system property {@link PrecisionFormulary#FINDING_CACHE_SIZE_PROPERTY} says
     * @return the stage; {@link #enabled()} says whether the pack allows it
     * @throws IllegalArgumentException naming the property, when it is set to anything but a whole number, 0 or more
     */
    static FindingStage plan(CompiledPack pack, boolean caching) {
        return plan(pack, caching ? BoundedCache.maximumSizeFromProperty(PrecisionFormulary.FINDING_CACHE_SIZE_PROPERTY,
                PrecisionFormulary.DEFAULT_FINDING_CACHE_SIZE) : -1);
    }

    /**
     * @param pack      the compiled pack
     * @param cacheSize the most keys whose findings are kept; -1 keeps none and computes findings every time
     * @return the stage; {@link #enabled()} says whether the pack allows it
     */
    static FindingStage plan(CompiledPack pack, long cacheSize) {
        Set<String> findingRules = new HashSet<>();
        Map<String, Set<String>> rulesByDrug = new HashMap<>();
        Set<String> rulesForEveryDrug = new HashSet<>();
        Map<String, Set<Gene>> genesByDrug = new HashMap<>();
        Set<Gene> genesForEveryDrug = EnumSet.noneOf(Gene.class);
        boolean ruleForEveryDrug = false;
        boolean keyOnDiplotype = false;
        String disabled = null;
        for (var e : pack.genotypeReads().entrySet()) {
            GenotypeReads reads = e.getValue();
            if (reads.unstageable() != null) {
                disabled = disabled != null ? disabled : "rule '" + e.getKey() + "' reads genotype facts, but "
                        + reads.unstageable();
                continue;
            }
            findingRules.add(e.getKey());
            keyOnDiplotype |= reads.diplotype();
            Set<Gene> genes = reads.anyGene() ? EnumSet.allOf(Gene.class) : reads.genes();
            if (reads.drug() == null) {
                ruleForEveryDrug = true;
                rulesForEveryDrug.add(e.getKey());
                genesForEveryDrug.addAll(genes);
            } else {
                rulesByDrug.computeIfAbsent(reads.drug(), d -> new HashSet<>()).add(e.getKey());
                genesByDrug.computeIfAbsent(reads.drug(), d -> EnumSet.noneOf(Gene.class)).addAll(genes);
            }
        }
        KieBase routingBase;
        if (disabled == null) {
            // A routing session holds no gene result or candidate population, so no gene–drug rule can fire in
            // it: it runs in a KieBase of the routing rules alone, where a new session sets up the network
            // memory of a few rules instead of thousands.
            Set<String> routingRules = new HashSet<>(pack.rules().keySet());
            routingRules.removeAll(findingRules);
            routingBase = pack.subset(routingRules).orElseGet(pack::kieBase);
        } else {
            routingBase = pack.kieBase();
        }
        return new FindingStage(pack, routingBase, Set.copyOf(findingRules), rulesByDrug, Set.copyOf(rulesForEveryDrug),
                genesByDrug, genesForEveryDrug, ruleForEveryDrug, keyOnDiplotype, disabled,
                cacheSize < 0 ? null : new BoundedCache<>(cacheSize));
    }

    /** @return the KieBase routing sessions run in: the pack's rules other than its gene–drug rules */
    KieBase routingBase() {
        return routingBase;
    }

    /** @return whether decisions go through this stage; otherwise one session per request decides */
    boolean enabled() {
        return disabledReason == null;
    }

    /** @return why the pack cannot use the stage, or {@code null} */
    String disabledReason() {
        return disabledReason;
    }

    /**
     * @param drug        a reviewed drug
     * @param population  one of its candidate populations
     * @param results     the member's gene results, in the order they are inserted (one gene may have several:
     *                    an HLA diplotype gives one positivity result per allele CPIC keys on)
     * @param maxFirings  the firing limit
     * @param budgetNanos the evaluation's budget, for messages
     * @param deadline    when the evaluation's budget runs out
     * @return the findings (bound to the member's own gene results) and the rules that fired
     */
    SessionResult findings(String drug, String population, List<GeneResult> results, int maxFirings,
                           long budgetNanos, long deadline) {
        Set<Gene> genes = genesByDrug.get(drug);
        if (genes == null) {
            if (!ruleForEveryDrug) {
                // Every gene–drug rule names its drug and none names this one: none can match its population, so
                // there is nothing to find and nothing to look up. Most drugs on a formulary have no CPIC guideline.
                return NOTHING_FOUND;
            }
            genes = Set.of();
        }
        List<GeneResult> own = new ArrayList<>();
        List<GeneResult> keyed = new ArrayList<>();
        for (GeneResult r : results) {
            if (genes.contains(r.gene()) || genesForEveryDrug.contains(r.gene())) {
                own.add(r);
                // No gene–drug rule reads the diplotype (checked in plan), so members who differ only there share
                // a key; their own results go back into the findings in bind().
                keyed.add(keyOnDiplotype || r.diplotype() == null ? r
                        : new GeneResult(r.gene(), r.phenotype(), r.activityScore(), r.lookupKey(), null, r.tested()));
            }
        }
        Key key = new Key(drug, population, keyed);
        Entry entry = cache != null ? cache.get(key) : null;
        if (entry == null) {
            List<Object> facts = new ArrayList<>(keyed.size() + 1);
            facts.add(new CandidatePopulation(drug, population));
            facts.addAll(keyed);
            SessionResult run = SessionRunner.run(findingBase(drug), facts, maxFirings, budgetNanos, deadline);
            if (run.failure() != null) {
                return run;
            }
            entry = new Entry(run.results().stream().filter(i -> findingRules.contains(i.rule())).toList(),
                    run.firedRules().stream().filter(findingRules::contains).toList());
            if (cache != null) {
                cache.put(key, entry);
            }
        }
        return new SessionResult(bind(entry.results(), keyed, own), entry.fired(), null);
    }

    /**
     * The KieBase a drug's finding sessions run in: the gene–drug rules that name the drug and those that name
     * none. A finding session holds one candidate population of the drug and gene results, and a gene–drug
     * rule reads nothing else (checked in {@link #plan}), so no other rule of the pack can fire in it. The
     * rules kept are added in the pack's order and fire in the order they did in the whole pack (checked
     * over every CPIC recommendation in DrugFindingKieBaseTest). A pack compiled at run time has no models to
     * build parts from, and its sessions run in its whole KieBase.
     */
    KieBase findingBase(String drug) {
        KieBase base = findingBases.get(drug);
        if (base == null) {
            Set<String> rules = new HashSet<>(rulesForEveryDrug);
            rules.addAll(rulesByDrug.getOrDefault(drug, Set.of()));
            base = findingBases.computeIfAbsent(drug, d -> pack.subset(rules).orElseGet(pack::kieBase));
        }
        return base;
    }

    /** @return how the finding cache has done, or empty when findings are not kept */
    Optional<CacheStats> cacheStats() {
        return Optional.ofNullable(cache).map(BoundedCache::stats);
    }

    /** The kept findings with each keyed gene result replaced by the member's own (with its diplotype). */
    private static List<SessionResult.Inserted> bind(List<SessionResult.Inserted> kept, List<GeneResult> keyed,
                                                     List<GeneResult> own) {
        List<SessionResult.Inserted> bound = new ArrayList<>(kept.size());
        for (SessionResult.Inserted i : kept) {
            if (i.fact() instanceof GenomicFinding f) {
                List<GeneResult> basis = new ArrayList<>(f.basis().size());
                for (GeneResult b : f.basis()) {
                    int at = keyed.indexOf(b);
                    basis.add(at < 0 ? b : own.get(at));
                }
                bound.add(new SessionResult.Inserted(new GenomicFinding(f.drug(), f.population(), f.classification(),
                        f.action(), basis), i.rule()));
            } else {
                bound.add(i);
            }
        }
        return bound;
    }

    private record Key(String drug, String population, List<GeneResult> results) {
    }

    private record Entry(List<SessionResult.Inserted> results, List<String> fired) {
    }
}
