// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the finding stage's plan reads drugs and genes out of a compiled constraint's text. */
class ConstraintTextTest {

    @Test
    void readsTheDrugLiteralWithOrWithoutSpaces() {
        assertThat(FindingStage.drugLiteral("[Constraint for 'X' (index: null), drug == \"codeine\"]")).isEqualTo("codeine");
        assertThat(FindingStage.drugLiteral("drug==\"tramadol\" && population == \"general\"")).isEqualTo("tramadol");
    }

    @Test
    void ignoresOtherFieldsAndComparisons() {
        assertThat(FindingStage.drugLiteral("stepDrug == \"codeine\"")).isNull();
        assertThat(FindingStage.drugLiteral("drug != \"codeine\"")).isNull();
        assertThat(FindingStage.drugLiteral("drug == $drug")).isNull();
        assertThat(FindingStage.drugLiteral("drugClass == \"opioids\", drug == \"morphine\"")).isEqualTo("morphine");
    }

    @Test
    void readsEveryGeneConstantAsAWholeWord() {
        assertThat(FindingStage.geneConstants("gene == Gene.CYP2D6 || gene == Gene.HLA_B")).containsExactly("CYP2D6", "HLA_B");
        assertThat(FindingStage.geneConstants("gene == MyGene.CYP2D6")).isEmpty();
        assertThat(FindingStage.geneConstants("Gene.values()")).isEmpty();
        assertThat(FindingStage.geneConstants("gene == Gene.CYP2C19)")).containsExactly("CYP2C19");
        assertThat(FindingStage.geneConstants("Gene.VALUES")).containsExactly("VALUES");
    }
}
