// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.precisionformulary.model.decision.Alternative;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.Outcome;

/**
 * Writes the member's explanation: plain words, no gene names or genotype strings, and what happens next.
 */
final class MemberExplanation {

    private MemberExplanation() {
    }

    static String write(Outcome outcome, List<String> rejectCodes, String drug, Integer tier,
                        List<Alternative> alternatives, List<CoverageException> waived, boolean counselling) {
        switch (outcome) {
            case APPROVED_WITH_EXCEPTION:
                StringBuilder sb = new StringBuilder("Your prescription for " + drug + " is covered"
                        + (tier == null ? "" : " at tier " + tier) + ".");
                for (CoverageException e : waived) {
                    switch (e.type()) {
                        case STEP_THERAPY_BYPASS -> sb.append(" Your genetic test results show the medicines your plan"
                                + " usually asks you to try first are not a good fit for you, so you do not have to try them.");
                        case TIER_EXCEPTION -> sb.append(" Your genetic test results show the lower-cost medicines in this"
                                + " group are not a good fit for you, so you pay the lower-cost amount for this one.");
                        case PRIOR_AUTH_AUTO_APPROVAL -> sb.append(" The test results on file meet your plan's"
                                + " requirements, so no extra approval was needed.");
                        case PGX_OVERRIDE -> sb.append(" Your pharmacist checked with your prescriber that this"
                                + " medicine is right for you, so it is covered; ask your pharmacist how to take it.");
                        case QUANTITY_LIMIT_OVERRIDE -> sb.append(" Your pharmacist told your plan why you need more"
                                + " than the usual amount this time, so the larger fill is covered.");
                        default -> { }
                    }
                }
                return sb.toString();
            case PRIOR_AUTH_REQUIRED:
                return "Your plan needs to approve " + drug + " before it pays. Your prescriber can send your plan"
                        + " the test results it asks for; you do not need to do anything now.";
            case STEP_THERAPY_REQUIRED:
                return "Your plan covers " + drug + " after you have tried another medicine first"
                        + (alternatives.isEmpty() ? "" : ", such as " + names(alternatives)) + ". Ask your prescriber"
                        + " whether one of these suits you, or ask your plan for an exception.";
            case APPROVED:
                return "Your prescription for " + drug + " is covered" + (tier == null ? "" : " at tier " + tier) + "."
                        + (counselling ? " Your genetic test results suggest this medicine may need a different dose"
                        + " or extra care for you; your pharmacist has this information and may talk with you about it." : "");
            case REJECTED:
                if (rejectCodes.contains(org.precisionformulary.model.decision.RejectCode.NOT_COVERED)) {
                    return "Your plan does not cover " + drug + ". Ask your prescriber whether a covered medicine"
                            + " would work for you, or ask your plan for a coverage exception.";
                }
                if (rejectCodes.contains(org.precisionformulary.model.decision.RejectCode.PLAN_LIMITS_EXCEEDED)) {
                    return "Your plan did not pay for this fill of " + drug + " because it is more than your plan"
                            + " covers at one time. Your pharmacist can fill an amount within the limit, or your"
                            + " prescriber can ask your plan for an exception.";
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
        return "Your prescriber can choose another medicine your plan covers, such as " + names(alternatives) + ".";
    }

    private static String names(List<Alternative> alternatives) {
        return alternatives.stream().limit(3).map(Alternative::drug).collect(Collectors.joining(", "));
    }
}
