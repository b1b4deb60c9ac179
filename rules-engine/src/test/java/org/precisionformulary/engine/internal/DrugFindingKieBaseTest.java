// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;
import org.precisionformulary.content.DemoFormulary;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.content.genotype.GenotypeInterpreter;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.fact.CandidatePopulation;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.json.RequestReader;

/**
 * The built-in pack's finding sessions run in a KieBase per drug, holding the gene–drug rules that name it, and
 * the pack's rules are read from its precompiled models without building the whole pack: the whole KieBase
 * is built only when something asks for it.
 */
class DrugFindingKieBaseTest {

    private static final long BUDGET = TimeUnit.SECONDS.toNanos(10);

    private static final CompiledPack PACK = CompiledPack.builtIn(DrugFindingKieBaseTest.class.getClassLoader());

    private static Set<String> ruleNames(KieBase base) {
        return base.getKiePackages().stream().flatMap(p -> p.getRules().stream()).map(Rule::getName)
                .collect(Collectors.toSet());
    }

    @Test
    void aDrugsFindingBaseHoldsTheRulesThatNameItAndNoOther() {
        FindingStage stage = FindingStage.plan(PACK, true);

        Set<String> codeine = PACK.genotypeReads().entrySet().stream()
                .filter(e -> "codeine".equals(e.getValue().drug())).map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(codeine).hasSizeGreaterThan(5);
        assertThat(ruleNames(stage.findingBase("codeine"))).isEqualTo(codeine);
        assertThat(stage.findingBase("codeine")).as("built once per drug").isSameAs(stage.findingBase("codeine"));
    }

    @Test
    void decidingWithTheBuiltInPackNeverBuildsTheWholePack() {
        CompiledPack pack = CompiledPack.builtIn(getClass().getClassLoader());
        Evaluator evaluator = new Evaluator(pack, DemoFormulary.load(), CpicData.builtIn(), "test", 10_000,
                Duration.ofSeconds(60).toNanos(), true, null, GenotypeInterpreter.DEFAULT_READING_CACHE_SIZE,
                PrecisionFormulary.DEFAULT_FINDING_CACHE_SIZE, true);

        CoverageDecision decision = evaluator.evaluate(RequestReader.read("""
                {"requestId":"R-1","serviceDate":"2026-06-30","member":{"id":"M-1"},"drug":{"name":"codeine"},
                 "genotypes":[{"gene":"CYP2D6","diplotype":"*4/*4"}]}
                """), LocalDate.of(2026, 6, 30));

        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.findings()).isNotEmpty();
        assertThat(pack.wholeBaseBuilt()).isFalse();
        assertThat(pack.kieBase()).isSameAs(pack.kieBase());
        assertThat(pack.wholeBaseBuilt()).isTrue();
    }

    @Test
    void theRulesReadFromTheModelsAreTheRulesTheWholeKieBaseHolds() {
        assertThat(PACK.rules()).hasSizeGreaterThan(2_000).isEqualTo(CompiledPack.readRules(PACK.kieBase()));
    }

    /**
     * Every CPIC recommendation, as the gene results its lookup key names, finds the same findings by the same
     * rules in the same order in its drug's KieBase as in the whole pack's.
     */
    @Test
    void everyRecommendationIsFoundInItsDrugsBaseAsInTheWholePack() {
        FindingStage stage = FindingStage.plan(PACK, true);
        Set<String> findingRules = PACK.genotypeReads().keySet();
        List<String> differences = new ArrayList<>();
        int found = 0;
        for (CpicRecommendation r : CpicData.builtIn().recommendations()) {
            List<Object> facts = new ArrayList<>();
            facts.add(new CandidatePopulation(r.drug(), r.population()));
            r.lookupKey().forEach((gene, key) ->
                    facts.add(new GeneResult(Gene.of(gene), key, null, key, null, !key.equals(GeneResult.NO_RESULT))));
            SessionResult whole = SessionRunner.run(PACK.kieBase(), facts, 10_000, BUDGET, System.nanoTime() + BUDGET);
            SessionResult own = SessionRunner.run(stage.findingBase(r.drug()), facts, 10_000, BUDGET,
                    System.nanoTime() + BUDGET);
            List<SessionResult.Inserted> wholeFound = whole.results().stream()
                    .filter(i -> findingRules.contains(i.rule())).toList();
            List<String> wholeFired = whole.firedRules().stream().filter(findingRules::contains).toList();
            if (!wholeFound.equals(own.results()) || !wholeFired.equals(own.firedRules())) {
                differences.add(r.recommendationId() + " " + r.drug() + ": " + wholeFired + " vs " + own.firedRules());
            }
            found += wholeFound.isEmpty() ? 0 : 1;
        }
        assertThat(differences).isEmpty();
        assertThat(found).as("recommendations some rule finds").isGreaterThan(1_000);
    }
}
