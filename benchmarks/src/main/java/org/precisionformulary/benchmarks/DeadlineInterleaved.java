// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.precisionformulary.engine.PrecisionFormulary;

/**
 * What the deadline per evaluation costs, measured so that a busy machine's load falls on both sides alike:
 * one JVM holds an engine with the deadline (on) and one without (off), and short blocks of the same requests
 * alternate between them (on, off, then off, on), on one thread and then on two. {@link EvaluationDeadline}
 * measures each side in a JVM of its own, which is the cleaner figure on a quiet machine; on a shared one, the
 * load moves between its runs by more than the difference it looks for.
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar org.precisionformulary.benchmarks.DeadlineInterleaved \
 *   [--warmup-seconds 90] [--rounds 40] [--block 1000]
 * </pre>
 *
 * Prints, per side: mean, p50 and p99 of every call on one thread, the median of the blocks' CPU time per
 * request (the whole process: workers, JIT and GC included), and the median of the blocks' throughput on two
 * threads; then the differences.
 */
public final class DeadlineInterleaved {

    private DeadlineInterleaved() {
    }

    /**
     * @param args the options above
     * @throws Exception when a block fails
     */
    public static void main(String[] args) throws Exception {
        int warmupSeconds = 90;
        int rounds = 40;
        int block = 1_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--block" -> block = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Workload workload = Workload.standard();
        String[] requests = workload.requests(MixState.DISTINCT_REQUESTS).toArray(String[]::new);
        // The deadline applies to packs with rules compiled at run time (the built-in pack as shipped runs on
        // the caller's thread), so both engines use the built-in rules with one plan rule laid over them.
        org.precisionformulary.engine.RulePack plan = PackDirectories.planPackOverBuiltIn();
        PrecisionFormulary[] engines = {
            PrecisionFormulary.builder().formulary(workload.formulary()).clock(Workload.CLOCK).rulePack(plan).build(),
            PrecisionFormulary.builder().formulary(workload.formulary()).clock(Workload.CLOCK).rulePack(plan)
                    .evaluationDeadline(false).build()};
        String[] names = {"on", "off"};
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            for (int r = 0; System.nanoTime() < warmEnd; r++) {
                for (int side = 0; side < 2; side++) {
                    timeOneThread(engines[side], requests, r * block, block, null);
                    timeTwoThreads(two, engines[side], requests, r * block, block);
                }
            }

            long[][] calls = new long[2][rounds * block];
            double[][] cpuPerRequest = new double[2][rounds];
            double[][] throughput = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    // Alternate which side goes first, so neither always follows the other.
                    int side = r % 2 == 0 ? k : 1 - k;
                    long[] slice = new long[block];
                    long cpu = processCpuNanos();
                    timeOneThread(engines[side], requests, r * block, block, slice);
                    cpuPerRequest[side][r] = (processCpuNanos() - cpu) / 1_000.0 / block;
                    System.arraycopy(slice, 0, calls[side], r * block, block);
                }
                for (int k = 0; k < 2; k++) {
                    int side = r % 2 == 0 ? k : 1 - k;
                    throughput[side][r] = timeTwoThreads(two, engines[side], requests, r * block, block);
                }
            }

            System.out.printf("%d rounds of %d requests per side, interleaved; load average at the end %s%n", rounds,
                    block, loadAverage());
            System.out.printf("%-5s %10s %10s %10s %16s %18s%n", "side", "mean µs", "p50 µs", "p99 µs",
                    "CPU µs/request", "2 threads req/s");
            double[][] figures = new double[2][];
            for (int side = 0; side < 2; side++) {
                long[] sorted = calls[side].clone();
                Arrays.sort(sorted);
                figures[side] = new double[] {Arrays.stream(sorted).average().orElse(0) / 1_000.0,
                    percentile(sorted, 0.50) / 1_000.0, percentile(sorted, 0.99) / 1_000.0,
                    median(cpuPerRequest[side]), median(throughput[side])};
                System.out.printf("%-5s %10.1f %10.1f %10.1f %16.1f %18.0f%n", names[side], figures[side][0],
                        figures[side][1], figures[side][2], figures[side][3], figures[side][4]);
            }
            String[] labels = {"mean", "p50", "p99", "CPU per request", "2-thread throughput"};
            for (int f = 0; f < labels.length; f++) {
                double on = figures[0][f];
                double off = figures[1][f];
                System.out.printf("on - off, %-20s %+10.1f %s (%+.1f %%)%n", labels[f], on - off,
                        f == 4 ? "req/s" : "µs", 100.0 * (on - off) / off);
            }
        } finally {
            two.shutdown();
        }
    }

    /** Decides {@code count} requests from {@code start} on this thread, each call's time into {@code into}. */
    private static void timeOneThread(PrecisionFormulary engine, String[] requests, int start, int count, long[] into) {
        for (int i = 0; i < count; i++) {
            String request = requests[(start + i) & (requests.length - 1)];
            long t0 = System.nanoTime();
            engine.evaluate(request);
            if (into != null) {
                into[i] = System.nanoTime() - t0;
            }
        }
    }

    /** Two threads decide {@code count} requests each; returns decisions per second over the block. */
    private static double timeTwoThreads(ExecutorService two, PrecisionFormulary engine, String[] requests, int start,
                                         int count) throws InterruptedException, ExecutionException {
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int from = start + t * (requests.length / 2);
            done.add(two.submit(() -> timeOneThread(engine, requests, from, count, null)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        return 2.0 * count / ((System.nanoTime() - t0) / 1e9);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String loadAverage() {
        return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
