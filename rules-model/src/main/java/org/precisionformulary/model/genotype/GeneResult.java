// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.genotype;

import java.util.Objects;

/**
 * A gene's interpreted result, the fact CPIC rules match on: the phenotype, the activity score where
 * the gene has one, and the value this result contributes to a CPIC recommendation's lookup key.
 *
 * @param gene          the gene
 * @param phenotype     the CPIC phenotype, e.g. {@code Poor Metabolizer}, {@code Indeterminate}, {@code No Result}
 * @param activityScore the activity score for CYP2D6, CYP2C9 and DPYD, else {@code null}
 * @param lookupKey     the key value CPIC tables use for this gene, e.g. {@code 0.0}, {@code *57:01 positive};
 *                      {@code null} when the input cannot be narrowed to one key (a phenotype alone for an
 *                      activity-score gene that several scores share)
 * @param diplotype     the normalised diplotype the result was called from, or {@code null}
 * @param tested        {@code false} for the {@code No Result} stand-in of a gene the request did not carry
 */
public record GeneResult(Gene gene, String phenotype, String activityScore, String lookupKey,
                         String diplotype, boolean tested) {

    /** The phenotype and lookup key CPIC uses for a gene that was not tested or not called. */
    public static final String NO_RESULT = "No Result";

    /** The phenotype of a gene whose call the CPIC tables cannot translate (CYP4F2, VKORC1, IFNL3). */
    public static final String NOT_INTERPRETED = "Not interpreted";

    /** @throws NullPointerException when gene or phenotype is missing */
    public GeneResult {
        Objects.requireNonNull(gene, "gene");
        Objects.requireNonNull(phenotype, "phenotype");
    }

    /**
     * @param gene a gene the request did not test
     * @return the {@code No Result} stand-in CPIC's multi-gene tables key on
     */
    public static GeneResult untested(Gene gene) {
        return new GeneResult(gene, NO_RESULT, null, NO_RESULT, null, false);
    }

    /**
     * @return the text a finding shows for this gene: the phenotype, the allele result for HLA genes, or the
     *         diplotype as given for a gene CPIC has no phenotype table for (CYP4F2, VKORC1, IFNL3)
     */
    public String display() {
        if (gene.kind() == Gene.Kind.ALLELE_POSITIVITY && lookupKey != null) {
            return lookupKey;
        }
        return lookupKey == null && diplotype != null && NOT_INTERPRETED.equals(phenotype) ? diplotype : phenotype;
    }
}
