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
import java.util.function.Function;
import org.precisionformulary.engine.PrecisionFormulary;

/**
 * Two ways of deciding the same requests, measured so that a busy machine's load falls on both sides alike:
 * one JVM holds both, and short blocks of the same requests alternate between them (first, second, then
 * second, first), on one thread and then on two. Separate JMH runs see the other tenants' load differently
 * from run to run, often by more than the difference looked for; here each block's neighbour is the other side.
 * <ul>
 *   <li>{@code --compare baseline}: the engine with the built-in pack as shipped against
 *       {@link BaselineAdjudicator}, the figure the performance targets name as a ratio;</li>
 *   <li>{@code --compare deadline} (the default): an engine with the deadline per evaluation (on) against one
 *       without (off), both over the built-in rules with one plan rule laid over them ({@link EvaluationDeadline}
 *       measures each side in a JVM of its own, the cleaner figure on a quiet machine).</li>
 * </ul>
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar org.precisionformulary.benchmarks.Interleaved \
 *   [--compare deadline|baseline] [--warmup-seconds 90] [--rounds 40] [--block 1000]
 * </pre>
 *
 * Prints, per side: mean, p50 and p99 of every call on one thread, the CPU time per request over all its
 * one-thread blocks (the whole process: workers, JIT and GC included), and the median of the blocks' throughput
 * on two threads; then the first side against the second, as differences and as ratios.
 */
public final class Interleaved {

    /** One way of deciding a request's text, under the name it is printed with. */
    private record Side(String name, Function<String, Object> decide) {
    }

    private Interleaved() {
    }

    /**
     * @param args the options above
     * @throws Exception when a block fails
     * @throws IllegalArgumentException on an unknown option or comparison
     */
    public static void main(String[] args) throws Exception {
        String compare = "deadline";
        int warmupSeconds = 90;
        int rounds = 40;
        int block = 1_000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--compare" -> compare = args[i + 1];
                case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--block" -> block = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Workload workload = Workload.standard();
        String[] requests = workload.requests(MixState.DISTINCT_REQUESTS).toArray(String[]::new);
        Side[] sides = switch (compare) {
            case "baseline" -> baselineSides(workload);
            case "deadline" -> deadlineSides(workload);
            default -> throw new IllegalArgumentException("--compare is deadline or baseline, not " + compare);
        };
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            long warmEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            for (int r = 0; System.nanoTime() < warmEnd; r++) {
                for (Side side : sides) {
                    timeOneThread(side, requests, r * block, block, null);
                    timeTwoThreads(two, side, requests, r * block, block);
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
                    timeOneThread(sides[side], requests, r * block, block, slice);
                    cpuPerRequest[side][r] = (processCpuNanos() - cpu) / 1_000.0 / block;
                    System.arraycopy(slice, 0, calls[side], r * block, block);
                }
                for (int k = 0; k < 2; k++) {
                    int side = r % 2 == 0 ? k : 1 - k;
                    throughput[side][r] = timeTwoThreads(two, sides[side], requests, r * block, block);
                }
            }

            System.out.printf("%d rounds of %d requests per side, interleaved; load average at the end %s%n", rounds,
                    block, loadAverage());
            System.out.printf("%-9s %10s %10s %10s %16s %18s%n", "side", "mean µs", "p50 µs", "p99 µs",
                    "CPU µs/request", "2 threads req/s");
            double[][] figures = new double[2][];
            for (int side = 0; side < 2; side++) {
                long[] sorted = calls[side].clone();
                Arrays.sort(sorted);
                figures[side] = new double[] {Arrays.stream(sorted).average().orElse(0) / 1_000.0,
                    percentile(sorted, 0.50) / 1_000.0, percentile(sorted, 0.99) / 1_000.0,
                    mean(cpuPerRequest[side]), median(throughput[side])};
                System.out.printf("%-9s %10.1f %10.1f %10.1f %16.1f %18.0f%n", sides[side].name(), figures[side][0],
                        figures[side][1], figures[side][2], figures[side][3], figures[side][4]);
            }
            String[] labels = {"mean", "p50", "p99", "CPU per request", "2-thread throughput"};
            String pair = sides[0].name() + " - " + sides[1].name();
            String ratio = sides[0].name() + " / " + sides[1].name();
            for (int f = 0; f < labels.length; f++) {
                double first = figures[0][f];
                double second = figures[1][f];
                // Throughput is the one figure where more is better: its ratio is taken the other way up, so every
                // ratio reads as the first side's cost in units of the second's.
                double cost = f == 4 ? second / first : first / second;
                System.out.printf("%s, %-20s %+10.1f %s (%+.1f %%); %s, as cost: %.2f%n", pair, labels[f],
                        first - second, f == 4 ? "req/s" : "µs", 100.0 * (first - second) / second, ratio, cost);
            }
        } finally {
            two.shutdown();
        }
    }

    /** The engine over the built-in pack as shipped, and the hand-written baseline. */
    private static Side[] baselineSides(Workload workload) {
        PrecisionFormulary engine = PrecisionFormulary.builder().formulary(workload.formulary())
                .clock(Workload.CLOCK).build();
        BaselineAdjudicator baseline = new BaselineAdjudicator(workload.formulary(), Workload.CLOCK);
        return new Side[] {new Side("engine", engine::evaluate), new Side("baseline", baseline::decide)};
    }

    /**
     * An engine with and one without the deadline. The deadline applies to packs with rules compiled at run
     * time (the built-in pack as shipped runs on the caller's thread), so both use the built-in rules with one
     * plan rule laid over them.
     */
    private static Side[] deadlineSides(Workload workload) {
        org.precisionformulary.engine.RulePack plan = PackDirectories.planPackOverBuiltIn();
        PrecisionFormulary on = PrecisionFormulary.builder().formulary(workload.formulary()).clock(Workload.CLOCK)
                .rulePack(plan).build();
        PrecisionFormulary off = PrecisionFormulary.builder().formulary(workload.formulary()).clock(Workload.CLOCK)
                .rulePack(plan).evaluationDeadline(false).build();
        return new Side[] {new Side("on", on::evaluate), new Side("off", off::evaluate)};
    }

    /** Decides {@code count} requests from {@code start} on this thread, each call's time into {@code into}. */
    private static void timeOneThread(Side side, String[] requests, int start, int count, long[] into) {
        for (int i = 0; i < count; i++) {
            String request = requests[(start + i) & (requests.length - 1)];
            long t0 = System.nanoTime();
            side.decide().apply(request);
            if (into != null) {
                into[i] = System.nanoTime() - t0;
            }
        }
    }

    /** Two threads decide {@code count} requests each; returns decisions per second over the block. */
    private static double timeTwoThreads(ExecutorService two, Side side, String[] requests, int start,
                                         int count) throws InterruptedException, ExecutionException {
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int from = start + t * (requests.length / 2);
            done.add(two.submit(() -> timeOneThread(side, requests, from, count, null)));
        }
        for (Future<?> f : done) {
            f.get();
        }
        return 2.0 * count / ((System.nanoTime() - t0) / 1e9);
    }

    private static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /**
     * The mean of the blocks' figures. For CPU time, not the median: the JVM reads the process's CPU time in the
     * kernel's ticks (10 ms here), a tenth of a fast side's block, so one block's figure is a few ticks and its
     * median a multiple of 10 µs; over all blocks the ticks average out.
     */
    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
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
