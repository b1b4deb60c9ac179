// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.precisionformulary.model.decision.Alternative;
import org.precisionformulary.model.decision.Outcome;

/**
 * Writes the member's explanation: plain words, no gene names or genotype strings, and what happens next.
 */
final class MemberExplanation {

    private MemberExplanation() {
    }

    static String write(Outcome outcome, List<String> rejectCodes, String drug, Integer tier,
                        List<Alternative> alternatives, boolean counselling) {
        switch (outcome) {
            case APPROVED:
                return "Your prescription for " + drug + " is covered" + (tier == null ? "" : " at tier " + tier) + "."
                        + (counselling ? " Your genetic test results suggest this medicine may need a different dose"
                        + " or extra care for you; your pharmacist has this information and may talk with you about it." : "");
            case REJECTED:
                if (rejectCodes.contains("70")) {
                    return "Your plan does not cover " + drug + ". Ask your prescriber whether a covered medicine"
                            + " would work for you, or ask your plan for a coverage exception.";
                }
                return "Your plan did not pay for " + drug + " because your genetic test results show it may not work"
                        + " well or may cause serious side effects for you. " + nextSteps(alternatives);
            case PHARMACIST_REVIEW:
                return "Your pharmacist needs to check some information before this prescription can be processed."
                        + " You do not need to do anything now; the pharmacy will contact you if they need more.";
            default:
                return "Your pharmacist will explain what happens next with your prescription for " + drug + ".";
        }
    }

    private static String nextSteps(List<Alternative> alternatives) {
        if (alternatives.isEmpty()) {
            return "Your prescriber can choose another medicine with you.";
        }
        String names = alternatives.stream().limit(3).map(Alternative::drug).collect(Collectors.joining(", "));
        return "Your prescriber can choose another medicine your plan covers, such as " + names + ".";
    }
}
