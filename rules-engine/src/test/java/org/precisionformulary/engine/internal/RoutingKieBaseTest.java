// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.definition.rule.Rule;

/** Routing sessions run in a KieBase of the routing rules alone, built from the precompiled model. */
class RoutingKieBaseTest {

    private static Set<String> ruleNames(KieBase base) {
        return base.getKiePackages().stream().flatMap(p -> p.getRules().stream()).map(Rule::getName)
                .collect(Collectors.toSet());
    }

    @Test
    void theBuiltInPackRoutesInAKieBaseOfItsRoutingRulesOnly() {
        CompiledPack pack = CompiledPack.builtIn(getClass().getClassLoader());
        FindingStage stage = FindingStage.plan(pack, true);

        Set<String> routing = ruleNames(stage.routingBase());
        Set<String> expected = pack.rules().values().stream()
                .filter(r -> r.pkg().equals("org.precisionformulary.rules.routing"))
                .map(RuleInfo::name).collect(Collectors.toSet());
        assertThat(stage.routingBase()).isNotSameAs(pack.kieBase());
        // The routing rules alone: a few dozen, where the whole pack holds two thousand.
        assertThat(routing).isEqualTo(expected).hasSizeBetween(10, 50);
        assertThat(pack.rules()).hasSizeGreaterThan(2_000);
        // A routing session's joins meet a dozen facts: its memories are scanned, not kept hash-indexed.
        var routingConfiguration = ((InternalKnowledgeBase) stage.routingBase()).getRuleBaseConfiguration();
        assertThat(routingConfiguration.isIndexLeftBetaMemory()).isFalse();
        assertThat(routingConfiguration.isIndexRightBetaMemory()).isFalse();
        assertThat(((InternalKnowledgeBase) pack.kieBase()).getRuleBaseConfiguration().isIndexRightBetaMemory())
                .as("the whole pack's base").isTrue();
    }

    @Test
    void aPackCompiledAtRunTimeRoutesInItsWholeKieBase() {
        TreeMap<String, byte[]> files = new TreeMap<>();
        files.put("routing/only.drl", """
                package local.routing;
                import org.precisionformulary.model.fact.RequestedDrug;
                import org.precisionformulary.model.fact.Rejection;
                rule "reject everything"
                when
                    RequestedDrug( $drug : drug )
                then
                    insert( new Rejection( "70", $drug + " is not covered here" ) );
                end
                """.getBytes(StandardCharsets.UTF_8));
        CompiledPack pack = CompiledPack.compile(files, "test", null);

        assertThat(pack.models()).isEmpty();
        assertThat(pack.subset(Set.of("reject everything"))).isEmpty();
        assertThat(FindingStage.plan(pack, true).routingBase()).isSameAs(pack.kieBase());
        assertThat(List.copyOf(ruleNames(pack.kieBase()))).containsExactly("reject everything");
    }
}
