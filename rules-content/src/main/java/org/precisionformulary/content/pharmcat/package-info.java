// SPDX-License-Identifier: Apache-2.0
/**
 * PharmCAT import: a PharmCAT phenotyper report or outside-call file read into a request's genotype entries,
 * with the report's notes kept ({@link org.precisionformulary.content.pharmcat.PharmcatImport}).
 */
package org.precisionformulary.content.pharmcat;
