// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.reliability;

import java.util.regex.Pattern;

/** The field paths contract §1 defines, as an error's {@code field} may name them; {@code $} is the whole request. */
final class ContractFields {

    private static final Pattern FIELD = Pattern.compile("\\$"
            + "|requestId|serviceDate|indication"
            + "|member(\\.(id|planId|birthDate|monitoringGroup))?"
            + "|drug(\\.(name|rxnorm))?"
            + "|diagnoses(\\[\\d+])?"
            + "|genotypes(\\[\\d+](\\.(gene|diplotype|phenotype|activityScore|allele|result|source|resultDate))?)?"
            + "|biomarkers(\\[\\d+](\\.(name|result|value|detail))?)?"
            + "|history(\\[\\d+](\\.(drug|filledOn|daysSupply))?)?");

    private ContractFields() {
    }

    static boolean isContractField(String field) {
        return field != null && FIELD.matcher(field).matches();
    }
}
