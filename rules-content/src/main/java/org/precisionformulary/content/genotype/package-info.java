// SPDX-License-Identifier: Apache-2.0
/**
 * Genotype interpretation: a request's genotype entries (diplotypes, HLA results, phenotypes, outside calls)
 * translated with CPIC's tables into the gene results the rules match on, or into field errors
 * ({@link org.precisionformulary.content.genotype.GenotypeInterpreter}).
 */
package org.precisionformulary.content.genotype;
