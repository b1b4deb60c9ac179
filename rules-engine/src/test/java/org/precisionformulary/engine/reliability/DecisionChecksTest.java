// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.DemoFormulary;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.engine.internal.CompiledPack;
import org.precisionformulary.engine.internal.Evaluator;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.json.ContractJson;

/** The fuzz suite's checks count the engine failing as a defect, not as a clean refusal of bad input. */
class DecisionChecksTest {

    private static DecisionChecks.Result decided(CoverageDecision decision) {
        return new DecisionChecks.Result(decision, null, 0);
    }

    @Test
    void anEngineFailureIsAProblemThoughItIsAReviewOnTheWholeRequest() {
        Evaluator evaluator = new Evaluator(CompiledPack.builtIn(getClass().getClassLoader()), DemoFormulary.load(),
                CpicData.builtIn(), "test", 10_000, Duration.ofSeconds(60).toNanos(), true, null);
        CoverageDecision failed = evaluator.engineFailure("{}", new IllegalStateException("unexpected"));
        assertThat(failed.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("$"));
        assertThat(DecisionChecks.generalProblems(decided(failed))).singleElement().asString()
                .startsWith("the engine failed instead of naming the bad field");
    }

    @Test
    void aRulePackFailureIsAProblemButTheWholeRequestRefusedAsNotJsonIsNot() throws JsonProcessingException {
        String review = """
                {"contractVersion":1,"requestId":"F","outcome":"PHARMACIST_REVIEW","rejectCodes":[],"findings":[],
                 "alternatives":[],"exceptions":[],"durAlerts":[],"reasons":[],"memberExplanation":"review",
                 "errors":[{"field":"$","message":"%s"}],
                 "audit":{"engineVersion":"t","rulePackVersion":"t","rulePackSha256":"t","cpicDataVersion":"t",
                          "inputSha256":"t","firedRules":[]}}""";
        CoverageDecision packFailure = ContractJson.mapper().readValue(
                review.formatted("rule pack failure: rule 'x' failed: NullPointerException"), CoverageDecision.class);
        CoverageDecision notJson = ContractJson.mapper().readValue(
                review.formatted("not JSON: Unexpected end-of-input"), CoverageDecision.class);
        assertThat(DecisionChecks.generalProblems(decided(packFailure))).singleElement().asString()
                .contains("rule pack failure");
        assertThat(DecisionChecks.generalProblems(decided(notJson))).isEmpty();
    }
}
