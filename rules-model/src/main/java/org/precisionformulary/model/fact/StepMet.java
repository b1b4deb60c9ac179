// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.time.LocalDate;

/**
 * The member filled a step drug within the look-back: the step is met.
 *
 * @param drug     the step drug filled
 * @param filledOn when
 */
public record StepMet(String drug, LocalDate filledOn) {
}
