// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.json.RequestReader;

/**
 * The largest requests the request limits allow, decided by the built-in pack on the demo formulary on the
 * caller's thread: what bounds an evaluation of the built-in pack, which runs without the workers' deadline
 * ({@code docs/reliability.md}, "The deadline per evaluation"). Each member has every gene called (the
 * strongest phenotypes CPIC acts on) and {@link RequestReader#MAX_HISTORY} fills of step, class and other
 * drugs spread over the look-back, and asks for each of a few drugs in turn: a step-therapy drug whose steps
 * were filled hundreds of times, drugs CPIC says to avoid, and drugs it says nothing against. Prints the mean
 * and the maximum wall time per drug over the timed calls. Run in a fresh JVM:
 * {@code java -cp benchmarks/target/benchmarks.jar org.precisionformulary.benchmarks.LargestRequests [calls]}.
 */
public final class LargestRequests {

    private static final String[] FILLED = {"codeine", "tramadol", "oxycodone", "morphine", "hydrocodone",
        "clopidogrel", "simvastatin", "warfarin"};
    private static final String[] REQUESTED = {"hydromorphone", "codeine", "tramadol", "clopidogrel", "simvastatin",
        "warfarin", "oxycodone"};
    private static final String GENOTYPES = "[{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"},"
            + "{\"gene\":\"CYP2C19\",\"diplotype\":\"*2/*2\"},{\"gene\":\"CYP2C9\",\"diplotype\":\"*3/*3\"},"
            + "{\"gene\":\"VKORC1\",\"diplotype\":\"-1639A/-1639A\"},{\"gene\":\"SLCO1B1\",\"diplotype\":\"*5/*5\"},"
            + "{\"gene\":\"TPMT\",\"diplotype\":\"*3A/*3A\"},{\"gene\":\"NUDT15\",\"diplotype\":\"*3/*3\"},"
            + "{\"gene\":\"DPYD\",\"diplotype\":\"c.1905+1G>A/c.1905+1G>A\"},{\"gene\":\"UGT1A1\",\"diplotype\":\"*28/*28\"},"
            + "{\"gene\":\"CYP3A5\",\"diplotype\":\"*1/*1\"},{\"gene\":\"HLA-B\",\"allele\":\"*57:01\",\"result\":\"positive\"},"
            + "{\"gene\":\"HLA-B\",\"allele\":\"*58:01\",\"result\":\"positive\"},"
            + "{\"gene\":\"HLA-B\",\"allele\":\"*15:02\",\"result\":\"positive\"},{\"gene\":\"G6PD\",\"phenotype\":\"Deficient\"},"
            + "{\"gene\":\"CYP2B6\",\"diplotype\":\"*6/*6\"}]";

    private LargestRequests() {
    }

    /**
     * @param args optionally, the timed calls per drug (300 by default; 50 more warm up first)
     */
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        LocalDate serviceDate = LocalDate.parse("2026-11-20");
        StringBuilder history = new StringBuilder();
        for (int i = 0; i < RequestReader.MAX_HISTORY; i++) {
            history.append(i == 0 ? "" : ",").append("{\"drug\":\"").append(FILLED[i % FILLED.length])
                    .append("\",\"filledOn\":\"").append(serviceDate.minusDays(1 + i % 170)).append("\",\"daysSupply\":30}");
        }
        PrecisionFormulary engine = PrecisionFormulary.builder().build();
        long worst = 0;
        for (String drug : REQUESTED) {
            String request = "{\"requestId\":\"L-1\",\"serviceDate\":\"" + serviceDate + "\",\"member\":{\"id\":\"M-1\","
                    + "\"birthDate\":\"1970-01-01\"},\"drug\":{\"name\":\"" + drug + "\"},\"genotypes\":" + GENOTYPES
                    + ",\"history\":[" + history + "]}";
            List<Long> nanos = new ArrayList<>();
            CoverageDecision decision = null;
            for (int i = 0; i < 50 + calls; i++) {
                long start = System.nanoTime();
                decision = engine.evaluate(request);
                if (i >= 50) {
                    nanos.add(System.nanoTime() - start);
                }
            }
            if (!decision.errors().isEmpty()) {
                throw new IllegalStateException(drug + ": the request was not decided: " + decision.errors());
            }
            long max = Collections.max(nanos);
            worst = Math.max(worst, max);
            System.out.printf("%-14s %-24s %4d rules fired  mean %6.2f ms  max %6.2f ms  (%,d characters)%n", drug,
                    decision.outcome(), decision.audit().firedRules().size(),
                    nanos.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6, max / 1e6, request.length());
        }
        System.out.printf("slowest of %d calls per drug: %.1f ms%n", calls, worst / 1e6);
    }
}
