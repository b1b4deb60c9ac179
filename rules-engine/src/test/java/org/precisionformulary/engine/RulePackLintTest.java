// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.engine.internal.PackLint;
import org.precisionformulary.engine.internal.RuleInfo;
import org.precisionformulary.model.decision.Action;

/**
 * Every rule of the built-in pack carries the metadata decisions are explained with, as the
 * precompiled pack reports it; CPIC rules cite a real recommendation and agree with it.
 */
class RulePackLintTest {

    private static final List<String> CPIC_KEYS = List.of("guidelineId", "population", "classification", "action",
            "pmids", "cpicDataVersion");

    @Test
    void everyRuleHasItsMetadataAndCpicRulesMatchTheTable() {
        Map<String, RuleInfo> rules = RulePack.builtIn().compiled().rules();
        List<String> problems = new ArrayList<>();
        int cpic = 0;
        for (RuleInfo rule : rules.values()) {
            if (rule.pkg().equals("org.precisionformulary.rules.cpic")) {
                cpic++;
                for (String key : CPIC_KEYS) {
                    if (!rule.metadata().containsKey(key)) {
                        problems.add(rule.name() + ": no @" + key);
                    }
                }
                // A rule against its drug names the statutory ground a waiver cites; no other rule does.
                boolean against = rule.get("action") != null && Action.valueOf(rule.get("action")).arguesAgainst();
                if (against != rule.metadata().containsKey("ground")) {
                    problems.add(rule.name() + (against ? ": no @ground" : ": @ground on a rule that does not argue against its drug"));
                }
                if (rule.get("recommendationId") == null) {
                    // Only a guideline without a CPIC table (warfarin) may speak for itself, and then it must.
                    if (rule.get("recommendation") == null || CpicData.builtIn().guideline(rule.get("guidelineId")).isEmpty()) {
                        problems.add(rule.name() + ": neither @recommendationId nor @recommendation with a CPIC guideline");
                    }
                    continue;
                }
                CpicRecommendation r = CpicData.builtIn().recommendation(rule.get("recommendationId")).orElse(null);
                if (r == null) {
                    problems.add(rule.name() + ": recommendation " + rule.get("recommendationId") + " is not in CPIC's table");
                } else if (!r.guidelineId().equals(rule.get("guidelineId")) || !r.population().equals(rule.get("population"))
                        || !r.classification().equals(rule.get("classification"))
                        || !String.join(",", r.pmids()).equals(rule.get("pmids"))) {
                    problems.add(rule.name() + ": metadata disagrees with CPIC's table");
                }
                // The precompiled pack must not leak the quotes a runtime compile would keep.
                if (rule.get("guidelineId") != null && rule.get("guidelineId").contains("\"")) {
                    problems.add(rule.name() + ": quoted metadata");
                }
            } else if (!rule.metadata().containsKey("concern")) {
                problems.add(rule.name() + ": routing rule without @concern");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(cpic).as("one rule per CPIC recommendation, plus warfarin's")
                .isEqualTo(CpicData.builtIn().recommendations().size() + 1);
        assertThat(rules.keySet()).allSatisfy(name -> assertThat(name).isNotBlank());
    }

    @Test
    void aGroundThatNamesNoStatutoryGroundIsRefusedWithItsLine() {
        String drl = """
                package local;
                import org.precisionformulary.model.decision.Action;
                import org.precisionformulary.model.decision.Classification;
                import org.precisionformulary.model.fact.CandidatePopulation;
                import org.precisionformulary.model.fact.GenomicFinding;
                import org.precisionformulary.model.genotype.Gene;
                import org.precisionformulary.model.genotype.GeneResult;

                rule "metoprolol / CYP2D6 poor metabolizer (plan) -> avoid"
                    @guidelineId("MY-PLAN")
                    @classification("Optional")
                    @pmids("29385237")
                    @ground("UNSAFE")
                when
                    CandidatePopulation( drug == "metoprolol", $population : population )
                    $cyp2d6 : GeneResult( gene == Gene.CYP2D6, lookupKey == "0.0" )
                then
                    insert( GenomicFinding.of( "metoprolol", $population, Classification.OPTIONAL, Action.AVOID, $cyp2d6 ) );
                end
                """;
        List<RulePackProblem> problems = PackLint.lint(Map.of("local/metoprolol.drl", drl.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(9);
            assertThat(p.message()).contains("@ground(\"UNSAFE\")").contains("ADVERSE_REACTION");
        });
        assertThat(PackLint.lint(Map.of("local/metoprolol.drl",
                drl.replace("UNSAFE", "adverse_reaction").getBytes(java.nio.charset.StandardCharsets.UTF_8)))).isEmpty();
    }
}
