// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.ncpdp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.precisionformulary.model.decision.Alternative;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.DurAlert;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.decision.RejectCode;

/**
 * The NCPDP Telecommunication D.0 claim response fields a switch needs from a decision, keyed by field id
 * ({@code docs/ncpdp.md} lists each mapping with its source and how sure it is):
 * <ul>
 *   <li>{@code 112-AN} transaction response status: {@code P} paid, {@code R} rejected;</li>
 *   <li>{@code 510-FA} reject count and {@code 511-FB} reject codes (88, 75, 70, the plan's step code; a
 *       decision the engine could not make is rejected with 85 unless a host says otherwise);</li>
 *   <li>{@code 567-J6} the DUR response repetitions (as many as the counter counts): {@code 439-E4} reason for service (the
 *       plan's pharmacogenomic code, {@code DL} by default), {@code 528-FS} clinical significance (1 major,
 *       2 moderate, 3 minor) and {@code 544-FY} free text, cut to the field's length;</li>
 *   <li>{@code 526-FQ} additional message, split into repetitions at the field's length: the outcome in
 *       words and the alternatives with their tiers.</li>
 * </ul>
 * Field lengths and repetition limits are the {@link Layout}'s, because public sources do not confirm
 * them; a PBM sets its payer sheet's.
 */
public final class NcpdpResponse {

    /**
     * The sizes a payer sheet gives the response fields.
     *
     * @param durRepetitions    most DUR response repetitions (567-J6)
     * @param durFreeTextLength length of 544-FY
     * @param messageLength     length of one 526-FQ repetition
     * @param messageRepetitions most 526-FQ repetitions
     * @param undecidedRejectCode the reject code of a decision the engine could not make
     *                            ({@code PHARMACIST_REVIEW})
     */
    public record Layout(int durRepetitions, int durFreeTextLength, int messageLength, int messageRepetitions,
                         String undecidedRejectCode) {

        /**
         * Defaults used where the payer sheet says nothing: 9 DUR repetitions, 30 characters of DUR free text,
         * 200 characters per additional message, 25 of them, and reject code 85 for an undecided claim.
         * Unconfirmed by public sources; see {@code docs/ncpdp.md}.
         */
        public static final Layout DEFAULT = new Layout(9, 30, 200, 25, "85");

        /** @throws IllegalArgumentException when a size is below 1 or the reject code is blank */
        public Layout {
            if (durRepetitions < 1 || durFreeTextLength < 1 || messageLength < 1 || messageRepetitions < 1) {
                throw new IllegalArgumentException("every NCPDP field size must be at least 1");
            }
            if (undecidedRejectCode == null || undecidedRejectCode.isBlank()) {
                throw new IllegalArgumentException("undecidedRejectCode is required");
            }
        }
    }

    private NcpdpResponse() {
    }

    /**
     * @param decision a decision
     * @return its response fields with {@link Layout#DEFAULT}
     * @throws NullPointerException when the decision is {@code null}
     */
    public static Map<String, Object> fields(CoverageDecision decision) {
        return fields(decision, Layout.DEFAULT);
    }

    /**
     * @param decision a decision
     * @param layout   the payer sheet's field sizes
     * @return field id to value: a string, a number, or a list of repetitions (each a map of field id to value);
     *         in a fixed order, so the same decision always gives the same fields
     * @throws NullPointerException when an argument is {@code null}
     */
    public static Map<String, Object> fields(CoverageDecision decision, Layout layout) {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(layout, "layout");
        Map<String, Object> out = new LinkedHashMap<>();
        boolean paid = decision.outcome() == Outcome.APPROVED || decision.outcome() == Outcome.APPROVED_WITH_EXCEPTION;
        out.put("112-AN", paid ? "P" : "R");
        List<String> rejects = decision.outcome() == Outcome.PHARMACIST_REVIEW
                ? List.of(layout.undecidedRejectCode()) : decision.rejectCodes();
        if (!paid) {
            out.put("510-FA", rejects.size());
            out.put("511-FB", List.copyOf(rejects));
        }
        List<Map<String, Object>> dur = new ArrayList<>();
        for (DurAlert alert : decision.durAlerts()) {
            if (dur.size() == layout.durRepetitions()) {
                break;
            }
            Map<String, Object> repetition = new LinkedHashMap<>();
            repetition.put("439-E4", alert.reasonCode());
            repetition.put("528-FS", switch (alert.severity()) {
                case MAJOR -> "1";
                case MODERATE -> "2";
                case MINOR -> "3";
            });
            repetition.put("544-FY", cut(alert.message(), layout.durFreeTextLength()));
            dur.add(repetition);
        }
        if (!dur.isEmpty()) {
            // The counter field holds its repetitions; their number is the count a switch writes.
            out.put("567-J6", dur);
        }
        List<String> message = split(message(decision), layout.messageLength(), layout.messageRepetitions());
        if (!message.isEmpty()) {
            out.put("526-FQ", message);
        }
        return out;
    }

    /** The additional message: what happened in words a pharmacist at the counter can act on. */
    private static String message(CoverageDecision d) {
        StringBuilder sb = new StringBuilder();
        switch (d.outcome()) {
            case REJECTED -> sb.append(d.rejectCodes().contains(RejectCode.NOT_COVERED) ? "Not covered."
                    : d.rejectCodes().contains(RejectCode.PLAN_LIMITS_EXCEEDED)
                    ? "Plan limit exceeded: the quantity is over the plan's quantity limit."
                    : "PGx hard stop: CPIC advises strongly against this drug for the member's genotype.");
            case PRIOR_AUTH_REQUIRED -> sb.append("Prior authorization required.");
            case STEP_THERAPY_REQUIRED -> sb.append("Step therapy: a step drug is required first.");
            case APPROVED_WITH_EXCEPTION -> sb.append("Paid with exception: ").append(String.join(", ",
                    d.exceptions().stream().map(e -> e.type().name()).toList())).append('.');
            case PHARMACIST_REVIEW -> sb.append("Not decided: a pharmacist must review this claim.");
            case APPROVED -> {
            }
        }
        if (!d.alternatives().isEmpty()) {
            sb.append(sb.length() == 0 ? "" : " ").append("Alternatives: ");
            List<String> named = new ArrayList<>();
            for (Alternative a : d.alternatives()) {
                named.add(a.drug() + " (tier " + a.tier() + ")");
            }
            sb.append(String.join(", ", named)).append('.');
        }
        return sb.toString();
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    /** Splits at word boundaries where it can, never past {@code repetitions} pieces. */
    static List<String> split(String text, int length, int repetitions) {
        List<String> pieces = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty() && pieces.size() < repetitions) {
            if (rest.length() <= length) {
                pieces.add(rest);
                break;
            }
            int at = rest.lastIndexOf(' ', length);
            int end = at > 0 ? at : length;
            pieces.add(rest.substring(0, end));
            rest = rest.substring(end).strip();
        }
        return pieces;
    }
}
