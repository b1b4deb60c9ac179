// SPDX-License-Identifier: Apache-2.0
/** Genes, genotype inputs as callers send them, and interpreted gene results as rules see them. */
package org.precisionformulary.model.genotype;
