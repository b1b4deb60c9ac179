// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.genotype;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One genotype entry of a request, as the caller sent it: a gene and exactly one of a diplotype,
 * a phenotype call, an activity score, or a single-allele test result.
 *
 * @param gene          the gene tested
 * @param diplotype     star alleles or variant names in CPIC notation, e.g. {@code *4/*4}, {@code *1/*2x≥3}
 * @param phenotype     a CPIC phenotype term, e.g. an outside call {@code Poor Metabolizer}
 * @param activityScore an activity score (CYP2D6, CYP2C9, DPYD), e.g. {@code 1.0}, {@code ≥3.0}, {@code n/a}
 * @param allele        a single allele tested for presence, e.g. {@code *57:01}; goes with {@code result}
 * @param result        whether {@code allele} was found
 * @param source        optional: where the result comes from (lab, PharmCAT, ...)
 * @param resultDate    optional: when the result was reported
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenotypeInput(Gene gene, String diplotype, String phenotype, String activityScore,
                            String allele, AlleleResult result, String source, LocalDate resultDate) {

    /** @throws IllegalArgumentException when the gene is missing or not exactly one kind of result is given */
    public GenotypeInput {
        Objects.requireNonNull(gene, "gene");
        // Counted without a stream: a request carries a dozen or more entries, each built once per request.
        int kinds = (diplotype != null ? 1 : 0) + (phenotype != null ? 1 : 0) + (activityScore != null ? 1 : 0)
                + (allele != null ? 1 : 0);
        if (kinds != 1) {
            throw new IllegalArgumentException(
                    "a genotype names exactly one of diplotype, phenotype, activityScore or allele; got " + kinds);
        }
        if ((allele == null) != (result == null)) {
            throw new IllegalArgumentException("allele and result go together");
        }
    }

    /**
     * @param gene      the gene
     * @param diplotype the diplotype
     * @return a diplotype entry
     * @throws IllegalArgumentException when an argument is missing
     */
    public static GenotypeInput ofDiplotype(Gene gene, String diplotype) {
        return new GenotypeInput(gene, Objects.requireNonNull(diplotype, "diplotype"), null, null, null, null, null, null);
    }

    /**
     * @param gene      the gene
     * @param phenotype the phenotype call
     * @return a phenotype entry
     * @throws IllegalArgumentException when an argument is missing
     */
    public static GenotypeInput ofPhenotype(Gene gene, String phenotype) {
        return new GenotypeInput(gene, null, Objects.requireNonNull(phenotype, "phenotype"), null, null, null, null, null);
    }

    /**
     * @param gene          the gene
     * @param activityScore the activity score
     * @return an activity-score entry
     * @throws IllegalArgumentException when an argument is missing
     */
    public static GenotypeInput ofActivityScore(Gene gene, String activityScore) {
        return new GenotypeInput(gene, null, null, Objects.requireNonNull(activityScore, "activityScore"),
                null, null, null, null);
    }

    /**
     * @param gene   the gene
     * @param allele the allele tested
     * @param result whether it was found
     * @return a single-allele entry
     * @throws IllegalArgumentException when an argument is missing
     */
    public static GenotypeInput ofAllele(Gene gene, String allele, AlleleResult result) {
        return new GenotypeInput(gene, null, null, null, Objects.requireNonNull(allele, "allele"),
                Objects.requireNonNull(result, "result"), null, null);
    }

    /**
     * @param source where the result comes from
     * @return this entry with its source set
     */
    public GenotypeInput withSource(String source) {
        return new GenotypeInput(gene, diplotype, phenotype, activityScore, allele, result, source, resultDate);
    }
}
