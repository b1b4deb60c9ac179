// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.precisionformulary.model.decision.ExceptionType;

/** The GINA guard relies on no waiver charging below tier 1: a rule cannot make one. */
class WaiverTest {

    @Test
    void aTierExceptionChargesAFormularyTier() {
        assertThat(new Waiver(ExceptionType.TIER_EXCEPTION, List.of("a"), 1, "lowest").tier()).isEqualTo(1);
        assertThat(new Waiver(ExceptionType.TIER_EXCEPTION, List.of("a"), 10, "highest").tier()).isEqualTo(10);
        assertThat(new Waiver(ExceptionType.STEP_THERAPY_BYPASS, List.of("a"), null, "no tier").tier()).isNull();
    }

    @Test
    void aTierOutsideOneToTenIsRefused() {
        assertThatThrownBy(() -> new Waiver(ExceptionType.TIER_EXCEPTION, List.of(), 0, "free"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 10, not 0");
        assertThatThrownBy(() -> new Waiver(ExceptionType.TIER_EXCEPTION, List.of(), 11, "over"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not 11");
    }
}
