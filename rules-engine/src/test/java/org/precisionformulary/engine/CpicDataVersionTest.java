// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.testing.LocalPack;
import org.precisionformulary.model.decision.CoverageDecision;

/** The audit names the CPIC tables that decided; a pack made for other tables is refused. */
class CpicDataVersionTest {

    @Test
    void decisionsCiteTheCpicTablesThatDecidedAndAPackMadeForOthersIsRefused(@TempDir Path root) throws IOException {
        Path own = root.resolve("own");
        LocalPack.standalone("own").drl("local/own.drl", """
                package local;

                import org.precisionformulary.model.fact.RequestedDrug;

                rule "own: notes every request"
                    @concern("plan policy")
                when
                    RequestedDrug()
                then
                end
                """).writeTo(own);
        CoverageDecision decided = PrecisionFormulary.builder().rulePack(own).build().evaluate("{\"requestId\":\"V1\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"codeine\"}}");
        assertThat(decided.audit().cpicDataVersion()).isEqualTo(org.precisionformulary.content.cpic.CpicData.VERSION);

        LocalPack.standalone("own").property("cpicDataVersion", "2019-01-01").writeTo(own);
        assertThat(RulePack.validate(own)).anySatisfy(p -> assertThat(p.toString())
                .startsWith("pack.properties:3: cpicDataVersion 2019-01-01 names CPIC tables this engine does not hold"));
        assertThatThrownBy(() -> RulePack.fromDirectory(own)).isInstanceOf(RulePackException.class)
                .hasMessageContaining("pack.properties:3");
    }
}
