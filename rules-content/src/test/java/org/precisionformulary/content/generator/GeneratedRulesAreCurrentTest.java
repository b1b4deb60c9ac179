// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.cpic.CpicData;

/**
 * The committed CPIC DRL is exactly what the generator writes from the committed tables, so nobody can
 * hand-edit a generated rule or forget to regenerate. {@code -Dcpic.regenerate=true} rewrites the files.
 */
class GeneratedRulesAreCurrentTest {

    @Test
    void committedDrlMatchesTheGenerator() throws Exception {
        if (Boolean.getBoolean("cpic.regenerate")) {
            // The DRL carries each rule's action and ground, so the action table is brought up to date first.
            ActionClassifier.writeTable(ActionClassifier.RECOMMENDATIONS, ActionClassifier.OVERRIDES,
                    ActionClassifier.GROUND_OVERRIDES, ActionClassifier.ACTIONS);
        }
        Map<String, String> generated = new CpicRuleGenerator(CpicData.builtIn(),
                CpicRuleGenerator.readActions(CpicRuleGenerator.ACTIONS),
                CpicRuleGenerator.readGrounds(CpicRuleGenerator.ACTIONS),
                CpicRuleGenerator.readConditions(CpicRuleGenerator.ACTIONS)).generate();
        if (Boolean.getBoolean("cpic.regenerate")) {
            CpicRuleGenerator.write(generated, CpicRuleGenerator.OUTPUT);
        }
        for (var e : generated.entrySet()) {
            Path file = CpicRuleGenerator.OUTPUT.resolve(e.getKey());
            assertThat(file).as("generated file %s", e.getKey()).exists();
            assertThat(Files.readString(file, StandardCharsets.UTF_8))
                    .as("%s is not what the generator writes; regenerate with -Dcpic.regenerate=true", e.getKey())
                    .isEqualTo(e.getValue());
        }
        try (var files = Files.list(CpicRuleGenerator.OUTPUT)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".drl")))
                    .as("DRL files the generator no longer writes").containsExactlyInAnyOrderElementsOf(generated.keySet());
        }
    }
}
