// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.precisionformulary.engine.PrecisionFormulary;

/**
 * The standard benchmark mix, shared by every thread of a trial: the engine and the baseline over the
 * full built-in pack and the 2,000-drug formulary, and a few thousand distinct requests to cycle through.
 */
@State(Scope.Benchmark)
public class MixState {

    /** Distinct requests cycled through: enough that no branch predictor or cache learns the answers. */
    static final int DISTINCT_REQUESTS = 4_096;

    PrecisionFormulary engine;
    BaselineAdjudicator baseline;
    String[] requests;

    /** Builds the workload, the engine and the baseline once per trial. */
    @Setup(Level.Trial)
    public void setUp() {
        Workload workload = Workload.standard();
        requests = workload.requests(DISTINCT_REQUESTS).toArray(String[]::new);
        engine = PrecisionFormulary.builder().formulary(workload.formulary()).clock(Workload.CLOCK).build();
        baseline = new BaselineAdjudicator(workload.formulary(), Workload.CLOCK);
    }

    /** Each thread's position in the request cycle, so threads do not contend on a shared counter. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        /** Starts threads at different points of the cycle. */
        @Setup(Level.Trial)
        public void setUp() {
            next = (int) (Thread.currentThread().getId() * 977) & (DISTINCT_REQUESTS - 1);
        }

        String next(String[] requests) {
            String request = requests[next];
            next = (next + 1) & (requests.length - 1);
            return request;
        }
    }
}
