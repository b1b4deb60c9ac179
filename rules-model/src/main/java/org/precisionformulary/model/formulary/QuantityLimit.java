// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.formulary;

/**
 * A plan's quantity limit on a drug: at most {@code amount} units per {@code days} days, as the CMS Part D
 * formulary file gives it ({@code QUANTITY_LIMIT_AMOUNT}, {@code QUANTITY_LIMIT_DAYS}).
 *
 * <p>A fill may hold the amount for each period it lasts: a 90-day fill under 30 per 30 days may hold 90, a
 * 10-day fill still 30 ({@link #allowedFor}). Routing rejects a fill above that with 76 (plan limitations
 * exceeded) unless the claim carries a submission clarification code the plan accepts.
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

    /**
     * @param daysSupply the days a fill lasts
     * @return the most units that fill may hold: the amount for each period, never less than one period's
     */
    public double allowedFor(int daysSupply) {
        return amount * Math.max(days, daysSupply) / days;
    }

    /** @return the limit as a message gives it: {@code 30 per 30 days} */
    @Override
    public String toString() {
        return number(amount) + " per " + days + (days == 1 ? " day" : " days");
    }

    /**
     * @param daysSupply the days a fill lasts
     * @return the allowance as a message gives it: {@code 90}, {@code 2.5}
     */
    public String allowedText(int daysSupply) {
        return number(allowedFor(daysSupply));
    }

    private static String number(double value) {
        return java.math.BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.DOWN).stripTrailingZeros()
                .toPlainString();
    }
}
