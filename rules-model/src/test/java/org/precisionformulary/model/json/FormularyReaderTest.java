// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.precisionformulary.model.formulary.PgxStrongAvoid;

/** Formulary documents are checked on load, with messages that name the field. */
class FormularyReaderTest {

    @Test
    void theContractsExampleLoadsWithItsPolicy() {
        var f = FormularyReader.read("""
                { "formularyId": "DEMO-2026",
                  "policy": { "pgxStrongAvoid": "ALERT", "defaultLookbackDays": 90, "stepTherapyRejectCode": "75", "pgxDurReasonCode": "DL" },
                  "drugs": [ { "drug": "codeine", "rxnorm": "2670", "tier": 1, "class": "opioid-analgesic" },
                             { "drug": "Hydromorphone", "tier": 2, "class": "opioid-analgesic",
                               "stepTherapy": { "anyOf": ["codeine"], "lookbackDays": 180 } },
                             { "drug": "pembrolizumab", "tier": 5, "class": "pd-1-inhibitor",
                               "priorAuth": { "anyOf": [ { "biomarker": "PD-L1", "min": 50 }, { "biomarker": "MSI", "result": "high" } ] } } ] }""",
                "t");
        assertThat(f.policy().pgxStrongAvoid()).isEqualTo(PgxStrongAvoid.ALERT);
        assertThat(f.policy().stepTherapyRejectCode()).isEqualTo("75");
        assertThat(f.find("HYDROMORPHONE")).get().satisfies(d -> assertThat(d.stepTherapy().anyOf()).containsExactly("codeine"));
        assertThat(f.find("pembrolizumab").get().priorAuth().anyOf()).hasSize(2);
    }

    @Test
    void policyDefaultsAreTheContracts() {
        var f = FormularyReader.read("{\"formularyId\":\"X\",\"drugs\":[]}", "t");
        assertThat(f.policy().pgxStrongAvoid()).isEqualTo(PgxStrongAvoid.REJECT);
        assertThat(f.policy().stepTherapyRejectCode()).isEqualTo("608");
        assertThat(f.policy().pgxDurReasonCode()).isEqualTo("DL");
        assertThat(f.policy().defaultLookbackDays()).isEqualTo(180);
    }

    @Test
    void badDocumentsNameTheProblem() {
        assertThatThrownBy(() -> FormularyReader.read("{\"formularyId\":\"X\",\"drugs\":[{\"drug\":\"a\",\"tier\":\"two\",\"class\":\"c\"}]}", "f.json"))
                .isInstanceOf(FormularyException.class).hasMessageContaining("f.json").hasMessageContaining("drugs[0].tier");
        assertThatThrownBy(() -> FormularyReader.read("{\"formularyId\":\"X\",\"drugs\":[{\"drug\":\"a\",\"tier\":1}]}", "f.json"))
                .hasMessageContaining("class of a is missing");
        assertThatThrownBy(() -> FormularyReader.read("{\"formularyId\":\"X\",\"drugs\":[{\"drug\":\"a\",\"tier\":1,\"class\":\"c\"},"
                + "{\"drug\":\"A\",\"tier\":2,\"class\":\"c\"}]}", "f.json")).hasMessageContaining("a is listed twice");
        assertThatThrownBy(() -> FormularyReader.read("{\"formularyId\":\"X\",\"drugs\":[{\"drug\":\"a\",\"tier\":1,\"class\":\"c\","
                + "\"stepTherapy\":{\"anyOf\":[\"zzz\"]}}]}", "f.json")).hasMessageContaining("step drug 'zzz' is not on the formulary");
        assertThatThrownBy(() -> FormularyReader.read("not json", "f.json")).hasMessageContaining("not JSON");
    }
}
