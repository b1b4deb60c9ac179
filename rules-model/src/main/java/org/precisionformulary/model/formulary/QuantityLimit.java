// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.formulary;

/**
 * A plan's quantity limit on a drug: at most {@code amount} units per {@code days} days, as the CMS Part D
 * formulary file gives it ({@code QUANTITY_LIMIT_AMOUNT}, {@code QUANTITY_LIMIT_DAYS}).
 *
 * <p>Routing does not enforce quantity limits yet; they are read so that importing a plan's file loses nothing.
 *
 * @param amount the most units dispensed within {@code days}
 * @param days   the period the amount covers
 */
public record QuantityLimit(double amount, int days) {
    /** @throws IllegalArgumentException when the amount is not a positive number or the days are out of range */
    public QuantityLimit {
        if (!(amount > 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("quantity limit amount must be a positive number, not " + amount);
        }
        if (days < 1 || days > 3660) {
            throw new IllegalArgumentException("quantity limit days must be between 1 and 3660, not " + days);
        }
    }
}
