// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.json.FormularyReader;

/**
 * Engines for tests that decide requests one at a time: the built-in pack, a clock fixed on the scenarios'
 * service date, and a generous budget, so a cold engine on a loaded build machine never turns a decision
 * into a time-out.
 */
public final class TestEngines {

    /** The date every test request is decided on: 2026-11-20, noon UTC. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

    private TestEngines() {
    }

    /**
     * @param drug      the drug name
     * @param genotypes the genotype entries, JSON objects separated by commas, or empty
     * @param more      more top-level fields, each starting with a comma ({@code ,"claim":{...}}), or empty
     * @return a request for member {@code M} on the fixed service date
     */
    public static String request(String drug, String genotypes, String more) {
        return "{\"requestId\":\"T-1\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M\"},"
                + "\"drug\":{\"name\":\"" + drug + "\"},\"genotypes\":[" + genotypes + "]" + more + "}";
    }

    /**
     * @param formularyJson a formulary document, or {@code null} for the demo formulary
     * @return an engine over the built-in pack and that formulary
     * @throws org.precisionformulary.model.json.FormularyException when the formulary is malformed
     */
    public static PrecisionFormulary withFormulary(String formularyJson) {
        PrecisionFormulary.Builder builder = PrecisionFormulary.builder().clock(CLOCK)
                .evaluationBudget(Duration.ofSeconds(30));
        if (formularyJson != null) {
            builder.formulary(FormularyReader.read(formularyJson, "test formulary"));
        }
        return builder.build();
    }
}
