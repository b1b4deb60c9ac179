// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.testing.LocalPack;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;

/**
 * {@code member.monitoringGroup} exists for equity reports only: no fact in any rule session carries it. A
 * local rule that matches every fact of every session and looks for a sentinel value in it proves it.
 */
class MonitoringGroupIsolationTest {

    private static final String SENTINEL = "MG-SENTINEL-7";

    private static String request(String group, String biomarkerName) {
        return "{\"requestId\":\"MG-1\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M-1\",\"monitoringGroup\":\""
                + group + "\"},\"drug\":{\"name\":\"codeine\"},\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*4\"}],"
                + "\"biomarkers\":[{\"name\":\"" + biomarkerName + "\",\"result\":\"positive\"}]}";
    }

    @Test
    void noFactInAnySessionCarriesTheMonitoringGroup(@TempDir Path dir) throws IOException {
        LocalPack.overBuiltIn("sentinel").drl("local/sentinel.drl", """
                package local;
                import org.precisionformulary.model.fact.Rejection;

                rule "a fact carries the sentinel"
                    @concern("test: monitoring group isolation")
                when
                    Object( toString() contains "%s" )
                then
                    insert( new Rejection( "70", "a fact carried the sentinel" ) );
                end
                """.formatted(SENTINEL)).writeTo(dir);
        PrecisionFormulary engine = PrecisionFormulary.builder().rulePack(RulePack.fromDirectory(dir)).build();

        CoverageDecision grouped = engine.evaluate(request(SENTINEL, "EGFR"));
        assertThat(grouped.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(grouped.audit().firedRules()).doesNotContain("a fact carries the sentinel");

        // Control: the same value where the request's facts do carry it (a biomarker name) is seen at once.
        CoverageDecision control = engine.evaluate(request("group-a", SENTINEL));
        assertThat(control.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(control.audit().firedRules()).contains("a fact carries the sentinel");
    }
}
