// SPDX-License-Identifier: Apache-2.0
/**
 * The built-in rule pack's content, one package per stage of a decision that reads it:
 * {@link org.precisionformulary.content.cpic} (the CPIC tables, shipped in this jar and never fetched),
 * {@link org.precisionformulary.content.genotype} (a request's genotype entries read into the gene results
 * the rules match on), {@link org.precisionformulary.content.population} (which CPIC populations a request
 * falls in) and {@link org.precisionformulary.content.pharmcat} (PharmCAT reports read into genotype
 * entries). This package holds what they share: the bounded cache and its counts, the content error, and the
 * embedded demo formulary.
 */
package org.precisionformulary.content;
