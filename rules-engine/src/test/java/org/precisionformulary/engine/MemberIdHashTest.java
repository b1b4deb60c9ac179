// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.ContractJson;

/** Decisions never carry a member id; with the plan's key they carry its keyed hash, to link records up. */
class MemberIdHashTest {

    private static final byte[] KEY = "plan-secret-key-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final String MEMBER = "MEMBER-8812-XQ";

    private static String request(String diplotype) {
        return "{\"requestId\":\"H-1\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"" + MEMBER + "\"},"
                + "\"drug\":{\"name\":\"codeine\"},\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"" + diplotype + "\"}]}";
    }

    private static String hmac(byte[] key, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void withoutAKeyADecisionHoldsNoMemberIdentifier() {
        String json = ContractJson.toJson(PrecisionFormulary.builder().build().evaluate(request("*1/*1")));
        assertThat(json).doesNotContain(MEMBER).doesNotContain("memberIdHash");
    }

    @Test
    void withAKeyEveryDecisionCarriesTheKeyedHashAndNeverTheId() throws Exception {
        PrecisionFormulary engine = PrecisionFormulary.builder().hashMemberIds(KEY).build();
        CoverageDecision decided = engine.evaluate(request("*1/*1"));
        CoverageDecision reviewed = engine.evaluate(request("*1/*999"));
        assertThat(reviewed.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        for (CoverageDecision d : new CoverageDecision[] {decided, reviewed}) {
            assertThat(d.audit().memberIdHash()).isEqualTo(hmac(KEY, MEMBER));
            assertThat(ContractJson.toJson(d)).doesNotContain(MEMBER).contains(hmac(KEY, MEMBER));
        }
        byte[] otherKey = "another-plan-secret-key-xyz".getBytes(StandardCharsets.UTF_8);
        assertThat(PrecisionFormulary.builder().hashMemberIds(otherKey).build().evaluate(request("*1/*1")).audit()
                .memberIdHash()).isNotEqualTo(decided.audit().memberIdHash());
    }

    @Test
    void aShortKeyIsRefusedAtBuild() {
        assertThatThrownBy(() -> PrecisionFormulary.builder().hashMemberIds("short".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 16 bytes");
    }
}
