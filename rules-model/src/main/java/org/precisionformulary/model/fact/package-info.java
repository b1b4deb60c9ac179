// SPDX-License-Identifier: Apache-2.0
/**
 * The facts a rule session works on. The engine inserts the request's facts ({@link RequestedDrug},
 * {@link CandidatePopulation}, gene results, formulary entries); rules never change them and insert
 * result facts instead ({@link GenomicFinding}, {@link Rejection}, {@link DurFlag}, {@link AlternativeOption}),
 * which the engine assembles into the decision.
 */
package org.precisionformulary.model.fact;
