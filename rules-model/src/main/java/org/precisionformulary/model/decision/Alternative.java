// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.decision;

import java.util.Objects;

/**
 * A drug the member could take instead, with the tier it would be charged at.
 *
 * @param drug   the drug
 * @param tier   the tier it would be charged at
 * @param reason why it is offered
 */
public record Alternative(String drug, int tier, String reason) {
    /** @throws NullPointerException when drug is missing */
    public Alternative {
        Objects.requireNonNull(drug, "drug");
    }
}
