// SPDX-License-Identifier: Apache-2.0
/**
 * The Precision Formulary domain: immutable records for genotypes, drugs, formularies,
 * coverage requests and coverage decisions, following the decision pipeline
 * (genotype → phenotype → finding → routing → decision).
 */
package org.precisionformulary.model;
