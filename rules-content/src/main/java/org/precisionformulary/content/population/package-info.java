// SPDX-License-Identifier: Apache-2.0
/**
 * Population choice: which of a drug's CPIC populations a request falls in, from its indication, age,
 * diagnoses and fill history, by the selectors in {@code populations.tsv} that a plan may replace
 * ({@link org.precisionformulary.content.population.PopulationSelector}).
 */
package org.precisionformulary.content.population;
