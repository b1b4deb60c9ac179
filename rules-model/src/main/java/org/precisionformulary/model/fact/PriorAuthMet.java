// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import org.precisionformulary.model.formulary.BiomarkerCriterion;

/**
 * The request's biomarkers meet one of the requested drug's prior-authorization criteria.
 *
 * @param drug      the requested drug
 * @param criterion the criterion met
 */
public record PriorAuthMet(String drug, BiomarkerCriterion criterion) {
}
