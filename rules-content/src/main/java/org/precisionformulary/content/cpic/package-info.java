// SPDX-License-Identifier: Apache-2.0
/**
 * CPIC's own tables, read by plain Java from this jar: guidelines and their recommendations, allele
 * functions, diplotype-to-phenotype tables and activity scores ({@link org.precisionformulary.content.cpic.CpicData}).
 * Every later stage reads CPIC through here.
 */
package org.precisionformulary.content.cpic;
