// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.fact.Hold;
import org.precisionformulary.model.fact.Rejection;
import org.precisionformulary.model.fact.Waiver;
import org.precisionformulary.model.formulary.FormularyDrug;

/** The comparisons the GINA guard makes, one by one, on session results built by hand. */
class BarriersTest {

    private static final Optional<FormularyDrug> TIER_3 = Optional.of(new FormularyDrug("codeine", null, 3, "opioid", null, null));

    private static Barriers barriers(Object... facts) {
        return barriers(TIER_3, facts);
    }

    private static Barriers barriers(Optional<FormularyDrug> listed, Object... facts) {
        List<SessionResult.Inserted> inserted = Arrays.stream(facts)
                .map(f -> new SessionResult.Inserted(f, "rule for " + f.getClass().getSimpleName())).toList();
        return Barriers.of(new SessionResult(inserted, List.of(), null), listed);
    }

    private static Waiver tierException(int tier) {
        return new Waiver(ExceptionType.TIER_EXCEPTION, List.of(), tier, "lower tier");
    }

    @Test
    void theHardStopIsASafetyMeasureGeneticsMayAdd() {
        Barriers with = barriers(new Rejection("88", "Strong avoid"));
        assertThat(with.addedOver(barriers(), "codeine")).isEmpty();
        assertThat(with.mayHoldAGeneticBarrier()).isFalse();
    }

    @Test
    void aRejectionAbsentWithoutGenotypesIsAddedNotCoveredAboveAll() {
        Barriers without = barriers();
        assertThat(barriers(new Rejection("70", "excluded")).addedOver(without, "codeine")).singleElement()
                .asString().contains("rejected as not covered (70, rule \"rule for Rejection\")")
                .contains("without them it would not");
        assertThat(barriers(new Rejection("76", "plan limit")).addedOver(without, "codeine")).singleElement()
                .asString().contains("rejected with code 76");
        // Present either way: not the genotypes' doing.
        assertThat(barriers(new Rejection("70", "excluded")).addedOver(barriers(new Rejection("70", "x")), "codeine"))
                .isEmpty();
    }

    @Test
    void aHoldOfAKindAbsentWithoutGenotypesIsAdded() {
        Hold step = new Hold(Outcome.STEP_THERAPY_REQUIRED, "608", "step first");
        Hold priorAuth = new Hold(Outcome.PRIOR_AUTH_REQUIRED, "75", "review");
        assertThat(barriers(step).addedOver(barriers(), "codeine")).singleElement().asString()
                .contains("held for step therapy (608");
        assertThat(barriers(step).addedOver(barriers(priorAuth), "codeine")).singleElement().asString()
                .contains("held for step therapy");
        assertThat(barriers(priorAuth).addedOver(barriers(priorAuth), "codeine")).isEmpty();
        // Genotypes that take a hold away add nothing.
        assertThat(barriers().addedOver(barriers(step), "codeine")).isEmpty();
    }

    @Test
    void theTierIsChargedAsTheDecisionChargesItAndComparedOnlyWhenBothPay() {
        assertThat(barriers().chargedTier()).isEqualTo(3);
        // The decision charges the first tier exception's tier.
        assertThat(barriers(tierException(2), tierException(1)).chargedTier()).isEqualTo(2);
        assertThat(barriers(new Hold(Outcome.PRIOR_AUTH_REQUIRED, "75", "review")).chargedTier()).isNull();
        assertThat(barriers(Optional.empty()).chargedTier()).isNull();

        assertThat(barriers().raisedTier(barriers(tierException(1)), "codeine")).get().asString()
                .contains("codeine would be charged at tier 3, without them at tier 1");
        assertThat(barriers(tierException(1)).raisedTier(barriers(), "codeine")).isEmpty();
        assertThat(barriers().raisedTier(barriers(new Rejection("70", "excluded")), "codeine")).isEmpty();
    }

    @Test
    void onlyARejectionOtherThan88AHoldOrATierAbove1NeedsTheComparison() {
        assertThat(barriers().mayHoldAGeneticBarrier()).isTrue();
        assertThat(barriers(tierException(1)).mayHoldAGeneticBarrier()).isFalse();
        assertThat(barriers(Optional.empty()).mayHoldAGeneticBarrier()).isFalse();
        assertThat(barriers(new Rejection("70", "excluded")).mayHoldAGeneticBarrier()).isTrue();
        assertThat(barriers(tierException(1), new Hold(Outcome.STEP_THERAPY_REQUIRED, "608", "step")).mayHoldAGeneticBarrier())
                .isTrue();
    }
}
