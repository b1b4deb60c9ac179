// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.fact.Hold;

/** One test per step of the outcome precedence (contract §2): 70, 88, prior auth, missing step, waiver, approval. */
class OutcomePrecedenceTest {

    private static final Hold PRIOR_AUTH = new Hold(Outcome.PRIOR_AUTH_REQUIRED, "75", "criteria not met");
    private static final Hold STEP = new Hold(Outcome.STEP_THERAPY_REQUIRED, "608", "no step filled");
    private static final CoverageException WAIVER = new CoverageException(ExceptionType.STEP_THERAPY_BYPASS, "ground", "r");

    @Test
    void notCoveredComesBeforeAHardStopAndDropsTheAlerts() {
        var v = OutcomePrecedence.decide(List.of("88", "70"), List.of(PRIOR_AUTH), List.of(WAIVER));
        assertThat(v.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(v.rejectCodes()).containsExactly("70");
        assertThat(v.keepsAlerts()).isFalse();
        assertThat(v.waived()).isFalse();
    }

    @Test
    void aHardStopComesBeforeAPlanLimitAndAPlanLimitBeforeAnyOtherCode() {
        assertThat(OutcomePrecedence.decide(List.of("76", "88"), List.of(), List.of()).rejectCode()).isEqualTo("88");
        assertThat(OutcomePrecedence.decide(List.of("99", "76"), List.of(), List.of()).rejectCode()).isEqualTo("76");
        assertThat(OutcomePrecedence.decide(List.of("76", "70"), List.of(), List.of()).rejectCodes())
                .containsExactly("70");
    }

    @Test
    void aHardStopComesBeforeAnyHold() {
        var v = OutcomePrecedence.decide(List.of("88", "88"), List.of(STEP, PRIOR_AUTH), List.of());
        assertThat(v.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(v.rejectCodes()).containsExactly("88");
    }

    @Test
    void priorAuthorizationComesBeforeAMissingStep() {
        var v = OutcomePrecedence.decide(List.of(), List.of(STEP, PRIOR_AUTH), List.of(WAIVER));
        assertThat(v.outcome()).isEqualTo(Outcome.PRIOR_AUTH_REQUIRED);
        assertThat(v.rejectCodes()).containsExactly("75");
        assertThat(v.offersSteps()).isFalse();
        assertThat(v.keepsAlerts()).isTrue();
        assertThat(v.waived()).isFalse();
    }

    @Test
    void aMissingStepOffersTheStepDrugsWithThePlansCode() {
        var v = OutcomePrecedence.decide(List.of(), List.of(new Hold(Outcome.STEP_THERAPY_REQUIRED, "75", "plan code")),
                List.of(WAIVER));
        assertThat(v.outcome()).isEqualTo(Outcome.STEP_THERAPY_REQUIRED);
        assertThat(v.rejectCodes()).containsExactly("75");
        assertThat(v.offersSteps()).isTrue();
    }

    @Test
    void waivedRestrictionsPayWithAnException() {
        var v = OutcomePrecedence.decide(List.of(), List.of(), List.of(WAIVER));
        assertThat(v.outcome()).isEqualTo(Outcome.APPROVED_WITH_EXCEPTION);
        assertThat(v.rejectCodes()).isEmpty();
        assertThat(v.waived()).isTrue();
        assertThat(v.keepsAlerts()).isTrue();
    }

    @Test
    void withNoVerdictTheClaimPays() {
        var v = OutcomePrecedence.decide(List.of(), List.of(), List.of());
        assertThat(v.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(v.rejectCodes()).isEmpty();
        assertThat(v.offersSteps()).isFalse();
    }
}
