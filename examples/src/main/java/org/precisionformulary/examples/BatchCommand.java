// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.ContractJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code batch --in IN.ndjson --out OUT.ndjson [--formulary F] [--pack DIR | --watch DIR] [--threads N]}: one
 * decision line per input line, in input order, whatever the line holds. Streams: at most a window of lines
 * is in memory. With {@code --watch DIR} the pack in DIR is reloaded whenever it changes, while the batch runs.
 */
final class BatchCommand {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCommand.class);
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;
    private static final int MAX_THREADS = 256;
    /** Lines in flight per thread: enough to keep every thread busy while the head of the window is slow. */
    private static final int WINDOW_PER_THREAD = 4;

    private final PrecisionFormulary engine;
    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    private final long start;
    private long lastProgress;
    private long written;
    private final AtomicLong engineFailures = new AtomicLong();

    private BatchCommand(PrecisionFormulary engine, PrintStream err, LongSupplier nanoTime) {
        this.engine = engine;
        this.err = err;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
        this.lastProgress = start;
    }

    static int run(List<String> args, Console console) throws IOException {
        Options options = Options.parse("batch", args,
                Set.of("--in", "--out", "--formulary", "--pack", "--threads", "--report", "--watch"), 0, 0, "");
        if (options.value("--report").isPresent()) {
            throw new UsageException("batch: --report is not supported yet");
        }
        Path in = options.toPath("--in", options.required("--in"));
        Path out = options.toPath("--out", options.required("--out"));
        int threads = options.intValue("--threads", 1, 1, MAX_THREADS);
        Engines.requireReadableFile("batch", "--in", in);
        checkWritable(in, out);
        java.util.Optional<Path> watch = options.path("--watch");
        if (watch.isPresent() && options.value("--pack").isPresent()) {
            throw new UsageException("batch: --watch DIR is the pack; give --watch or --pack, not both");
        }
        if (watch.isPresent() && !Files.isDirectory(watch.get())) {
            throw new UsageException("batch: --watch " + watch.get() + " is not a directory");
        }
        PrecisionFormulary engine = watch.isPresent()
                ? Engines.build(options, watch.get()) : Engines.build(options);
        BatchCommand batch = new BatchCommand(engine, console.err(), System::nanoTime);
        try (InputStream input = Files.newInputStream(in);
             Lines lines = new Lines(input);
             OutputStream output = Files.newOutputStream(out);
             PackWatcher watcher = watch.map(dir -> new PackWatcher(engine, dir, console.err())).orElse(null)) {
            if (watcher != null) {
                watcher.start();
            }
            if (threads == 1) {
                batch.sequential(lines, output);
            } else {
                batch.parallel(lines, output, threads);
            }
        }
        console.err().println(batch.summary());
        return 0;
    }

    private static void checkWritable(Path in, Path out) throws IOException {
        if (Files.isDirectory(out)) {
            throw new UsageException("batch: --out " + out + " is a directory");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException("batch: --out " + out + ": the directory " + parent + " does not exist");
        }
        try {
            if (Files.isSameFile(in, out)) {
                // Opening the output would truncate the input before a line is read.
                throw new UsageException("batch: --out is the same file as --in");
            }
        } catch (NoSuchFileException e) {
            // the output does not exist yet: nothing to clobber
        }
    }

    private void sequential(Lines lines, OutputStream output) throws IOException {
        for (String line = lines.next(); line != null; line = lines.next()) {
            write(output, decide(line));
        }
    }

    /** Evaluates up to a window of lines at once and writes them strictly in input order. */
    private void parallel(Lines lines, OutputStream output, int threads) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        ArrayDeque<Future<CoverageDecision>> window = new ArrayDeque<>();
        int size = threads * WINDOW_PER_THREAD;
        try {
            for (String line = lines.next(); line != null; line = lines.next()) {
                String request = line;
                window.addLast(pool.submit(() -> decide(request)));
                if (window.size() >= size) {
                    write(output, await(window.removeFirst()));
                }
            }
            while (!window.isEmpty()) {
                write(output, await(window.removeFirst()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "batch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static CoverageDecision await(Future<CoverageDecision> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            // decide() catches everything the engine throws; anything else is a bug worth stopping for.
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The engine answers any text, blank or not JSON, with a decision. Should it throw anyway, the line
     * still gets its line: a review decision naming the failure, since nothing may be lost (contract §4).
     */
    private CoverageDecision decide(String line) {
        try {
            return engine.evaluate(line);
        } catch (RuntimeException e) {
            LOG.warn("The engine failed on a request: {}", e.toString());
            engineFailures.incrementAndGet();
            String message = "engine failure: " + e;
            return new CoverageDecision(CoverageDecision.CONTRACT_VERSION, null, Outcome.PHARMACIST_REVIEW, List.of(),
                    null, List.of(), List.of(), List.of(), List.of(), List.of("cannot decide: $: " + message), null,
                    List.of(new FieldError("$", message)), null);
        }
    }

    /** One write per line, so a reader of the output (or a crash) never sees half a decision. */
    private void write(OutputStream output, CoverageDecision decision) throws IOException {
        output.write((ContractJson.toJson(decision) + "\n").getBytes(StandardCharsets.UTF_8));
        written++;
        counts.merge(decision.outcome(), 1L, Long::sum);
        long now = nanoTime.getAsLong();
        if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
            lastProgress = now;
            err.println(String.format(Locale.ROOT, "batch: %,d lines, %.1f s, %,.0f requests/s",
                    written, seconds(now), rate(now)));
        }
    }

    private String summary() {
        long now = nanoTime.getAsLong();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "batch: done, %,d lines in %.1f s (%,.0f requests/s)",
                written, seconds(now), rate(now)));
        String separator = ": ";
        for (Map.Entry<Outcome, Long> e : counts.entrySet()) {
            sb.append(separator).append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%,d", e.getValue()));
            separator = ", ";
        }
        if (engineFailures.get() > 0) {
            sb.append(" (").append(engineFailures.get()).append(" engine failures, see the log)");
        }
        return sb.toString();
    }

    private double seconds(long now) {
        return (now - start) / 1e9;
    }

    private double rate(long now) {
        double s = seconds(now);
        return s > 0 ? written / s : 0;
    }
}
