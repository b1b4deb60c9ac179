// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.Outcome;

/** Every outcome and every exception type a decision can carry has its column in the report. */
class MeasureTest {

    @Test
    void everyOutcomeAndExceptionTypeHasAMeasure() {
        for (Outcome outcome : Outcome.values()) {
            assertThat(Measure.of(outcome).name()).isEqualTo(outcome.name());
        }
        for (ExceptionType type : ExceptionType.values()) {
            assertThat(Measure.of(type).name()).isEqualTo(type.name());
            assertThat(Measure.of(type).label()).isNotBlank();
        }
    }
}
