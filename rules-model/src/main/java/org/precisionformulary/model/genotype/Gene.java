// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.genotype;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The pharmacogenes named by the CPIC guidelines the library knows, by their HGNC symbol. */
public enum Gene {
    ABCG2("ABCG2", Kind.PHENOTYPE),
    CACNA1S("CACNA1S", Kind.PHENOTYPE),
    CFTR("CFTR", Kind.PHENOTYPE),
    CYP2B6("CYP2B6", Kind.PHENOTYPE),
    CYP2C19("CYP2C19", Kind.PHENOTYPE),
    CYP2C9("CYP2C9", Kind.ACTIVITY_SCORE),
    CYP2D6("CYP2D6", Kind.ACTIVITY_SCORE),
    CYP3A5("CYP3A5", Kind.PHENOTYPE),
    CYP4F2("CYP4F2", Kind.PHENOTYPE),
    DPYD("DPYD", Kind.ACTIVITY_SCORE),
    G6PD("G6PD", Kind.PHENOTYPE),
    HLA_A("HLA-A", Kind.ALLELE_POSITIVITY),
    HLA_B("HLA-B", Kind.ALLELE_POSITIVITY),
    IFNL3("IFNL3", Kind.PHENOTYPE),
    MT_RNR1("MT-RNR1", Kind.PHENOTYPE),
    NUDT15("NUDT15", Kind.PHENOTYPE),
    RYR1("RYR1", Kind.PHENOTYPE),
    SLCO1B1("SLCO1B1", Kind.PHENOTYPE),
    TPMT("TPMT", Kind.PHENOTYPE),
    UGT1A1("UGT1A1", Kind.PHENOTYPE),
    VKORC1("VKORC1", Kind.PHENOTYPE);

    /** How CPIC keys its recommendations for a gene (see the CPIC data README, "How lookup keys work"). */
    public enum Kind {
        /** Keyed by the phenotype name, e.g. {@code Poor Metabolizer}. */
        PHENOTYPE,
        /** Keyed by the activity score, e.g. {@code 1.25} or {@code ≥3.0}. */
        ACTIVITY_SCORE,
        /** Keyed by one allele's presence, e.g. {@code *57:01 positive}. */
        ALLELE_POSITIVITY
    }

    private static final Map<String, Gene> BY_SYMBOL = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(g -> g.symbol.toUpperCase(Locale.ROOT), Function.identity()));

    private final String symbol;
    private final Kind kind;

    Gene(String symbol, Kind kind) {
        this.symbol = symbol;
        this.kind = kind;
    }

    /** @return the HGNC symbol, e.g. {@code HLA-B} */
    @JsonValue
    public String symbol() {
        return symbol;
    }

    /** @return how CPIC recommendations are keyed for this gene */
    public Kind kind() {
        return kind;
    }

    /**
     * Looks a gene up by symbol, ignoring case; {@code MT_RNR1} and {@code MT-RNR1} both work.
     *
     * @param symbol the gene symbol
     * @return the gene, or empty when the library does not know it
     */
    public static Optional<Gene> find(String symbol) {
        if (symbol == null) {
            return Optional.empty();
        }
        String key = symbol.trim().toUpperCase(Locale.ROOT);
        Gene gene = BY_SYMBOL.get(key);
        return gene != null ? Optional.of(gene) : Optional.ofNullable(BY_SYMBOL.get(key.replace('_', '-')));
    }

    /**
     * Jackson entry point: the gene for a symbol.
     *
     * @param symbol the gene symbol
     * @return the gene
     * @throws IllegalArgumentException when the symbol names no known gene
     */
    @JsonCreator
    public static Gene of(String symbol) {
        return find(symbol).orElseThrow(() -> new IllegalArgumentException("unknown gene '" + symbol + "'"));
    }

    @Override
    public String toString() {
        return symbol;
    }
}
