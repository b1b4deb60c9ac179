// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.fact;

import java.util.Objects;
import org.precisionformulary.model.genotype.Gene;

/**
 * CPIC makes a Strong recommendation for the requested drug that depends on a gene the request carries no
 * result for. Inserted by the engine from the CPIC tables (every Strong recommendation of the drug whose
 * lookup key names the gene with a value other than {@code No Result}); routing rules turn it into a testing
 * prompt, or, where the plan asks for the result, a prior-authorization hold (testing-prompt.drl). Derived
 * from what the request lacks, never from a result, so a request without genotypes has one for every such
 * gene and genetic information can only remove it.
 *
 * @param drug         the requested drug
 * @param gene         the gene with no result
 * @param guidelineId  the CPIC guideline the recommendation belongs to
 * @param guidelineUrl the guideline's page
 */
public record TestingGap(String drug, Gene gene, String guidelineId, String guidelineUrl) {
    /** @throws NullPointerException when the drug, gene or guideline id is missing */
    public TestingGap {
        Objects.requireNonNull(drug, "drug");
        Objects.requireNonNull(gene, "gene");
        Objects.requireNonNull(guidelineId, "guidelineId");
    }

    /** @return the gene's symbol, as messages name it: {@code HLA-B} */
    public String geneSymbol() {
        return gene.symbol();
    }
}
