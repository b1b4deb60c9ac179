// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.List;
import java.util.Locale;
import org.precisionformulary.model.decision.Finding;

/**
 * Names the statutory ground a genomic finding supports. Step-therapy exception laws (and the federal Safe
 * Step Act bills) accept a required drug that is contraindicated or likely to cause an adverse reaction,
 * or one expected to be ineffective given the patient's known clinical characteristics. CPIC's phenotype
 * implications say which applies; where they say neither, the finding is reported as CPIC advice.
 */
final class GroundCategory {

    static final String ADVERSE = "contraindicated or likely to cause an adverse reaction";
    static final String INEFFECTIVE = "expected to be ineffective";
    static final String ADVISED_AGAINST = "advised against by CPIC for this genotype";

    /** Phrases that name lost efficacy as the cause, even where CPIC goes on to name its harms. */
    private static final List<String> CLEARLY_NO_EFFECT = List.of("diminished analgesia", "lack of efficacy",
            "active metabolite formation", "sub-optimal response", "suboptimal response", "reduced efficacy",
            "therapeutic failure");
    private static final List<String> HARM = List.of("toxicity", "adverse", "hypersensitivity", "side effect",
            "scar", "stevens", "hemoly", "haemoly", "hyperthermia", "myopathy", "bleeding", "hearing loss",
            "neutropenia", "myelosuppression", "contraindicated");
    private static final List<String> NO_EFFECT = List.of("efficacy", "diminished", "lack of", "sub-optimal",
            "suboptimal", "failure", "inadequate", "reduced response", "lower response", "decreased response");

    private GroundCategory() {
    }

    static String of(List<Finding> against) {
        StringBuilder text = new StringBuilder();
        for (Finding f : against) {
            f.implications().forEach(i -> text.append(i).append(' '));
            text.append(f.recommendation() == null ? "" : f.recommendation()).append(' ');
        }
        String t = text.toString().toLowerCase(Locale.ROOT);
        // Lost efficacy named as the cause comes first (clopidogrel's cardiac events follow from too little
        // active metabolite); otherwise harm is the stronger ground where CPIC names both.
        if (CLEARLY_NO_EFFECT.stream().anyMatch(t::contains)) {
            return INEFFECTIVE;
        }
        if (HARM.stream().anyMatch(t::contains)) {
            return ADVERSE;
        }
        if (NO_EFFECT.stream().anyMatch(t::contains)) {
            return INEFFECTIVE;
        }
        return ADVISED_AGAINST;
    }
}
