// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.cpic;

import java.util.List;

/**
 * One CPIC guideline annotation.
 *
 * @param guidelineId guideline annotation id
 * @param name        annotation name
 * @param url         annotation page
 * @param genes       gene symbols
 * @param drugs       drug names
 * @param pmids       guideline publications
 * @param sourceFile  the source file the table was extracted from; the DRL file is named after it
 */
public record CpicGuideline(String guidelineId, String name, String url, List<String> genes, List<String> drugs,
                            List<String> pmids, String sourceFile) {
}
