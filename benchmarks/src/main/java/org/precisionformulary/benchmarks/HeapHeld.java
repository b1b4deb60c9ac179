// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import org.precisionformulary.content.DemoFormulary;
import org.precisionformulary.engine.PrecisionFormulary;

/**
 * Heap held by a built engine: used heap after full GCs, before and after building the engine over the
 * built-in pack and the demo formulary, then after a second engine over the 2,000-drug formulary. The second
 * shares the loaded pack and the formulary is read before the first reading, so its delta is what the engine
 * derives per formulary. Run in a fresh JVM:
 * {@code java -cp benchmarks/target/benchmarks.jar org.precisionformulary.benchmarks.HeapHeld}.
 */
public final class HeapHeld {

    private static final String REQUEST = "{\"requestId\":\"H-1\",\"serviceDate\":\"2026-06-30\",\"member\":{\"id\":\"M-1\"},"
            + "\"drug\":{\"name\":\"codeine\"},\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}]}";

    private HeapHeld() {
    }

    /**
     * @param args none
     */
    public static void main(String[] args) {
        // Data the measurement must not count: the workload is built before the first reading.
        var workload = Workload.standard();
        var demo = DemoFormulary.load();
        long before = usedAfterGc();
        PrecisionFormulary engine = PrecisionFormulary.builder().formulary(demo).clock(Workload.CLOCK).build();
        engine.evaluate(REQUEST);
        long withEngine = usedAfterGc();
        PrecisionFormulary large = PrecisionFormulary.builder().formulary(workload.formulary()).clock(Workload.CLOCK).build();
        large.evaluate(REQUEST);
        long withLarge = usedAfterGc();
        System.out.printf("%-62s %7.1f MiB%n", "heap used before any engine (workload already built)", mib(before));
        System.out.printf("%-62s %7.1f MiB%n", "held by an engine: built-in pack, demo formulary", mib(withEngine - before));
        System.out.printf("%-62s %7.1f MiB%n", "held by a second engine: same pack, " + workload.formulary().drugs().size()
                + "-drug formulary", mib(withLarge - withEngine));
        System.out.printf("%-62s %7.1f MiB%n", "held by both", mib(withLarge - before));
        Reference.reachabilityFence(engine);
        Reference.reachabilityFence(large);
        Reference.reachabilityFence(workload);
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
