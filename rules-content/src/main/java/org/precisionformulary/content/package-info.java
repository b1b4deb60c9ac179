// SPDX-License-Identifier: Apache-2.0
/**
 * The built-in rule pack's data: CPIC recommendation, allele, diplotype and activity-score tables
 * (shipped in this jar, never fetched), read by plain Java, and the genotype interpreter that turns a
 * request's genotype entries into the gene results the rules match on.
 */
package org.precisionformulary.content;
