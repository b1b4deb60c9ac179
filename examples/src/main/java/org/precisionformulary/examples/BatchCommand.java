// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.precisionformulary.engine.BatchLines;
import org.precisionformulary.engine.PackDirectoryWatcher;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.ncpdp.NcpdpResponse;
import org.precisionformulary.model.decision.Audit;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.ContractJson;
import org.precisionformulary.report.Baseline;
import org.precisionformulary.report.BatchReport;
import org.precisionformulary.report.ReportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code batch --in IN.ndjson --out OUT.ndjson [--formulary F] [--pack DIR | --watch DIR] [--threads N] [--resume]
 * [--report R.html [--equity-threshold PP] [--min-group-size N] [--baseline-formulary F |
 * --compare-without-genotypes]]}: one decision line per input line, in input order, whatever the line holds.
 *
 * <p>Streams: at most a window of lines is in memory. The output is written in whole lines only, so a run that is
 * killed leaves complete decisions and at most the start of one more, which {@code --resume} drops before it
 * carries on after the last complete line. A request id seen earlier in the input is a duplicate: that line goes
 * to {@code PHARMACIST_REVIEW}. With {@code --watch DIR} the pack in DIR is reloaded whenever it changes.
 * With {@code --report} every line and its decision (and the baseline decision, when comparing) feed a
 * {@link BatchReport}, written at the end as HTML and JSON.
 */
final class BatchCommand {

    private static final Logger LOG = LoggerFactory.getLogger(BatchCommand.class);
    private static final int MAX_THREADS = 256;
    /** Tasks in flight per thread: enough to keep every thread busy while the head of the window is slow. */
    private static final int WINDOW_PER_THREAD = 4;
    /**
     * Lines a worker decides per task. Handing over one line at a time cost a queue hand-off and a wake-up of the
     * reading thread per line, a few percent of a batch's CPU (docs/performance.md, round 2, sixth pass).
     */
    static final int LINES_PER_TASK = 16;
    /**
     * A task is handed over once its lines reach this many characters, even short of {@link #LINES_PER_TASK}: the
     * text in flight stays about what one line per task may be (a request of up to 1,000,000 characters).
     */
    static final int CHARS_PER_TASK = 64 * 1024;
    /** Options that only shape the report. */
    private static final List<String> REPORT_OPTIONS = List.of("--equity-threshold", "--min-group-size",
            "--baseline-formulary", "--compare-without-genotypes");

    /** One input line on its way: what the reading thread knows of it. */
    private record Job(long line, String request, String requestId, int duplicateOf, String writtenDecision) {
    }

    /** One input line decided: the output line to write ({@code null} when a resumed run already wrote it). */
    private record Done(Job job, byte[] json, CoverageDecision decision, CoverageDecision baseline) {
    }

    private final PrecisionFormulary engine;
    private final PrecisionFormulary baselineEngine;
    private final BatchReport report;
    private final RequestIds requestIds;
    private final Progress progress;
    private final Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
    private final AtomicLong engineFailures = new AtomicLong();
    private long written;
    private long duplicates;
    private long resumedAfter;
    private long uncheckedIds;
    private long stoppedCheckingAt;
    /** Whether each line gets the decision's NCPDP response fields instead of the decision. */
    private boolean ncpdp;

    /**
     * @param baselineEngine decides each request again without its genotypes, for the report; {@code null} when
     *                       not comparing
     * @param report         the report to feed, or {@code null}
     */
    BatchCommand(PrecisionFormulary engine, PrecisionFormulary baselineEngine, BatchReport report,
                 RequestIds requestIds, Progress progress) {
        this.engine = engine;
        this.baselineEngine = baselineEngine;
        this.report = report;
        this.requestIds = requestIds;
        this.progress = progress;
    }

    @Command(name = "batch", customSynopsis = {
            "precision-formulary batch --in IN.ndjson --out OUT.ndjson [--formulary F] [--pack DIR | --watch DIR]",
            "         [--threads N] [--resume] [--member-id-key FILE] [--report R.html [--equity-threshold PP]",
            "         [--min-group-size N] [--baseline-formulary F | --compare-without-genotypes]] [--ncpdp]"},
            description = {"Decides one request per line and writes one decision per line, in input order, whole lines "
                    + "only. A request id seen on an earlier line is a duplicate: PHARMACIST_REVIEW. Progress (every "
                    + "5 s) and a summary go to standard error.",
                    "Exit 0 when every line got its decision line; 1 when the pack or formulary is refused or a file "
                    + "cannot be read or written."})
    static final class Syntax extends CliCommand {
        @Option(names = "--in", paramLabel = "IN.ndjson", description = "the requests, one JSON object a line")
        private String in;
        @Option(names = "--out", paramLabel = "OUT.ndjson", description = "the decisions, one a line (overwritten)")
        private String out;
        @Option(names = "--formulary", paramLabel = "F", description = Engines.FORMULARY)
        private String formulary;
        @Option(names = "--pack", paramLabel = "DIR", description = Engines.PACK)
        private String pack;
        @Option(names = "--watch", paramLabel = "DIR",
                description = "the pack in DIR, reloaded in the background whenever it changes")
        private String watch;
        @Option(names = "--threads", paramLabel = "N",
                description = "decide up to N requests at once (default 1); output order is kept")
        private String threads;
        @Option(names = "--resume", description = "carry on an interrupted run: keeps the complete lines of OUT, drops"
                + " a last line cut short and appends the rest")
        private boolean resume;
        @Option(names = "--member-id-key", paramLabel = "FILE", description = Engines.MEMBER_ID_KEY)
        private String memberIdKey;
        @Option(names = "--report", paramLabel = "R.html",
                description = "write the batch report as R.html and its figures as R.json")
        private String report;
        @Option(names = "--equity-threshold", paramLabel = "PP",
                description = "with --report: flag gaps between monitoring groups above PP percentage points (default 5)")
        private String equityThreshold;
        @Option(names = "--min-group-size", paramLabel = "N",
                description = "with --report: smaller groups are pooled (default 20)")
        private String minGroupSize;
        @Option(names = "--baseline-formulary", paramLabel = "F",
                description = "with --report: also decide each request on formulary F without its genotypes, and compare")
        private String baselineFormulary;
        @Option(names = "--compare-without-genotypes",
                description = "with --report: compare with the same formulary without genotypes")
        private boolean compareWithoutGenotypes;
        @Option(names = "--ncpdp", description = "write each decision as its NCPDP D.0 response fields, "
                + "{\"requestId\": ..., \"fields\": {field id: value}} (docs/ncpdp.md), instead of the decision")
        private boolean ncpdp;

        @Override
        int run(Options options, Console console) throws IOException {
            return BatchCommand.run(options, console);
        }
    }

    static int run(Options options, Console console) throws IOException {
        Path in = options.toPath("--in", options.required("--in"));
        Path out = options.toPath("--out", options.required("--out"));
        int threads = options.intValue("--threads", 1, 1, MAX_THREADS);
        Engines.requireReadableFile("batch", "--in", in);
        checkWritable(in, out);
        boolean resume = options.flag("--resume");
        Optional<Path> watch = options.path("--watch");
        if (watch.isPresent() && options.value("--pack").isPresent()) {
            throw new UsageException("batch: --watch DIR is the pack; give --watch or --pack, not both");
        }
        if (watch.isPresent() && !Files.isDirectory(watch.get())) {
            throw new UsageException("batch: --watch " + watch.get() + " is not a directory");
        }
        Optional<Path> html = options.path("--report");
        if (html.isEmpty()) {
            for (String option : REPORT_OPTIONS) {
                if (options.value(option).isPresent() || options.flag(option)) {
                    throw new UsageException("batch: " + option + " shapes the report; give --report R.html too");
                }
            }
        }
        Path json = html.map(file -> checkReport(in, out, file)).orElse(null);
        double threshold = options.doubleValue("--equity-threshold", 5, 0, 100);
        int minGroupSize = options.intValue("--min-group-size", 20, 1, Integer.MAX_VALUE);
        boolean withoutGenotypes = options.flag("--compare-without-genotypes");
        boolean otherFormulary = options.value("--baseline-formulary").isPresent();
        if (withoutGenotypes && otherFormulary) {
            throw new UsageException("batch: give --baseline-formulary F or --compare-without-genotypes, not both");
        }
        options.path("--baseline-formulary")
                .ifPresent(file -> Engines.requireReadableFile("batch", "--baseline-formulary", file));
        if (otherFormulary && watch.isPresent()) {
            // The baseline would keep the pack it started with while the watched one changes under it.
            throw new UsageException("batch: --baseline-formulary cannot be combined with --watch");
        }
        boolean ncpdp = options.flag("--ncpdp");
        if (ncpdp && resume) {
            // A resumed run reads its earlier decisions back from OUT, and response fields are not decisions.
            throw new UsageException("batch: --resume reads the decisions already in OUT; it cannot carry on an --ncpdp run");
        }
        ResumePoint resumePoint = resume && Files.exists(out) ? ResumePoint.of(out) : ResumePoint.START;

        Path pack = watch.orElse(options.path("--pack").orElse(null));
        PrecisionFormulary engine = Engines.build(options, pack);
        PrecisionFormulary baselineEngine = otherFormulary ? baseline(engine, options.path("--baseline-formulary").get())
                : withoutGenotypes ? engine : null;
        BatchReport report = html.isPresent() ? new BatchReport(new ReportSettings(threshold, minGroupSize,
                "Batch re-adjudication report: " + in.getFileName())).generatedAt(Instant.now()) : null;
        BatchCommand batch = new BatchCommand(engine, baselineEngine, report,
                new RequestIds(RequestIds.DEFAULT_CAPACITY), new Progress(console.err(), System::nanoTime, Files.size(in)));
        batch.ncpdp = ncpdp;
        try (CountingInputStream input = new CountingInputStream(Files.newInputStream(in));
             Lines lines = new Lines(input);
             PackDirectoryWatcher watcher = watch.map(dir -> new PackDirectoryWatcher(engine, dir, Duration.ofSeconds(1),
                     new WatchMessages(console.err()))).orElse(null)) {
            if (watcher != null) {
                watcher.start();
            }
            batch.run(lines, input, out, resumePoint, threads);
        }
        if (report != null) {
            report.writeHtml(html.get());
            report.writeJson(json);
        }
        console.err().println(batch.summary());
        return 0;
    }

    /** The same compiled pack on another formulary, so the two runs differ in the plan only. */
    private static PrecisionFormulary baseline(PrecisionFormulary engine, Path formulary) {
        return PrecisionFormulary.builder().rulePack(engine.rulePack()).formulary(formulary).build();
    }

    private static void checkWritable(Path in, Path out) throws IOException {
        if (Files.isDirectory(out)) {
            throw new UsageException("batch: --out " + out + " is a directory");
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException("batch: --out " + out + ": the directory " + parent + " does not exist");
        }
        if (sameFile(in, out)) {
            // Opening the output would truncate the input before a line is read.
            throw new UsageException("batch: --out is the same file as --in");
        }
    }

    /** @return the JSON report's path: the HTML report's, ending in .json instead */
    private static Path checkReport(Path in, Path out, Path html) {
        String name = html.getFileName() == null ? "" : html.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".html") && !lower.endsWith(".htm")) {
            throw new UsageException("batch: --report " + html + " must name an .html file (the JSON goes beside it)");
        }
        Path json = html.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".json");
        Path parent = html.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException("batch: --report " + html + ": the directory " + parent + " does not exist");
        }
        for (Path file : List.of(html, json)) {
            if (Files.isDirectory(file)) {
                throw new UsageException("batch: --report: " + file + " is a directory");
            }
            try {
                if (sameFile(file, in) || sameFile(file, out)) {
                    throw new UsageException("batch: --report: " + file + " would overwrite --in or --out");
                }
            } catch (IOException e) {
                throw new UsageException("batch: --report: " + file + " cannot be checked: " + e.getMessage());
            }
        }
        return json;
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.isSameFile(a, b);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Reads every line on this thread (request ids are checked here, in input order), has up to a window of them
     * decided on {@code threads} threads, up to {@value #LINES_PER_TASK} lines a task, and writes them on this thread,
     * strictly in input order.
     */
    void run(Lines lines, CountingInputStream input, Path out, ResumePoint resumePoint, int threads)
            throws IOException {
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
        ArrayDeque<Future<List<Done>>> window = new ArrayDeque<>();
        List<Job> task = new ArrayList<>(LINES_PER_TASK);
        long taskChars = 0;
        int windowSize = threads * WINDOW_PER_THREAD;
        long resumed = resumePoint.lines();
        LineOutput output = resumed == 0 ? new LineOutput(Files.newOutputStream(out)) : null;
        // With a report, lines a resumed run skips still count: their decisions are read back from the output.
        BufferedReader writtenDecisions = resumed > 0 && report != null
                ? new BufferedReader(new InputStreamReader(Files.newInputStream(out), StandardCharsets.UTF_8), 1 << 16)
                : null;
        long line = 0;
        try {
            for (String request = lines.next(); request != null; request = lines.next()) {
                line++;
                String id = RequestIds.requestIdOf(request);
                int duplicateOf = id == null ? 0 : checkId(id, line);
                Job job;
                if (line <= resumed) {
                    if (writtenDecisions == null) {
                        progress.update(line, input.count());
                        continue;
                    }
                    String writtenLine = writtenDecisions.readLine();
                    if (writtenLine == null) {
                        throw new UsageException("batch: --resume: " + out + " changed while it was read");
                    }
                    job = new Job(line, request, id, duplicateOf, writtenLine);
                } else {
                    if (output == null) {
                        output = append(out, resumePoint);
                        writtenDecisions = close(writtenDecisions);
                        resumedAfter = resumed;
                        progress.resumedAt(resumed, input.count());
                    }
                    job = new Job(line, request, id, duplicateOf, null);
                }
                if (pool == null) {
                    finish(output, process(job), input);
                } else {
                    task.add(job);
                    taskChars += request.length();
                    if (task.size() == LINES_PER_TASK || taskChars >= CHARS_PER_TASK) {
                        submit(pool, window, task);
                        task = new ArrayList<>(LINES_PER_TASK);
                        taskChars = 0;
                        if (window.size() >= windowSize) {
                            finish(output, await(window.removeFirst()), input);
                        }
                    }
                }
            }
            if (line < resumed) {
                throw new UsageException("batch: --resume: " + out + " has " + resumed + " decision lines but "
                        + "--in has only " + line + "; it is not the output of this input");
            }
            if (!task.isEmpty()) {
                submit(pool, window, task);
            }
            while (!window.isEmpty()) {
                finish(output, await(window.removeFirst()), input);
            }
            if (output == null) {
                // Every line was decided before: only a partial last line, if any, is left to drop.
                output = append(out, resumePoint);
                resumedAfter = resumed;
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
            close(writtenDecisions);
            if (output != null) {
                output.close();
            }
        }
    }

    /** Opens the output after its last complete line, dropping the start of a line an earlier run did not finish. */
    private static LineOutput append(Path out, ResumePoint resumePoint) throws IOException {
        FileChannel channel = FileChannel.open(out, StandardOpenOption.WRITE);
        try {
            channel.truncate(resumePoint.keptBytes());
            channel.position(resumePoint.keptBytes());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        OutputStream stream = Channels.newOutputStream(channel);
        return new LineOutput(stream);
    }

    private static BufferedReader close(BufferedReader reader) throws IOException {
        if (reader != null) {
            reader.close();
        }
        return null;
    }

    private int checkId(String id, long line) {
        if (requestIds.full()) {
            uncheckedIds++;
            return 0;
        }
        int first = requestIds.firstLineOf(id, line);
        if (requestIds.full()) {
            stoppedCheckingAt = line;
            uncheckedIds++;
            LOG.warn("Duplicate request ids are no longer checked from line {} on: more than {} distinct ids"
                    + " ({} bytes each); later repeats are decided as new requests", line, requestIds.size(),
                    RequestIds.BYTES_PER_ID);
        }
        return first;
    }

    private void submit(ExecutorService pool, ArrayDeque<Future<List<Done>>> window, List<Job> jobs) {
        window.addLast(pool.submit(() -> {
            List<Done> done = new ArrayList<>(jobs.size());
            for (Job job : jobs) {
                done.add(process(job));
            }
            return done;
        }));
    }

    private void finish(LineOutput output, List<Done> done, CountingInputStream input) throws IOException {
        for (Done line : done) {
            finish(output, line, input);
        }
    }

    private void finish(LineOutput output, Done done, CountingInputStream input) throws IOException {
        if (done.json() != null) {
            output.writeLine(done.json());
            written++;
            counts.merge(done.decision().outcome(), 1L, Long::sum);
            if (done.job().duplicateOf() > 0) {
                duplicates++;
            }
        }
        if (report != null) {
            report.add(done.job().request(), done.decision(), done.baseline());
        }
        if (progress.update(done.job().line(), input.count()) && output != null) {
            // Someone following the file sees it move at least as often as the progress line.
            output.flush();
        }
    }

    /** Runs on a worker thread (or the reading thread, with one thread): everything a line needs but its order. */
    private Done process(Job job) {
        CoverageDecision decision;
        byte[] json = null;
        if (job.writtenDecision() != null) {
            decision = readBack(job);
        } else {
            decision = job.duplicateOf() > 0 ? duplicate(engine, job) : decide(engine, job.request());
            json = ncpdp ? toNcpdpBytes(decision) : toJsonBytes(decision);
        }
        CoverageDecision baseline = null;
        if (baselineEngine != null) {
            baseline = job.duplicateOf() > 0 ? duplicate(baselineEngine, job)
                    : decide(baselineEngine, Baseline.withoutGenotypes(job.request()));
        }
        return new Done(job, json, decision, baseline);
    }

    /** The same bytes as {@link ContractJson#toJson} in UTF-8, without the string in between. */
    private static byte[] toJsonBytes(CoverageDecision decision) {
        try {
            return ContractJson.mapper().writeValueAsBytes(decision);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decision's NCPDP response fields, with its request id so a line can be matched to its claim. */
    private static byte[] toNcpdpBytes(CoverageDecision decision) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("requestId", decision.requestId());
        line.put("fields", NcpdpResponse.fields(decision));
        try {
            return ContractJson.mapper().writeValueAsBytes(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CoverageDecision readBack(Job job) {
        try {
            return ContractJson.mapper().readValue(job.writtenDecision(), CoverageDecision.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new UsageException("batch: --resume: output line " + job.line() + " is not a decision ("
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())
                    + "); it is not the output of this batch");
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

    private static List<Done> await(Future<List<Done>> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UsageException usage) {
                throw usage;
            }
            // decide() catches everything the engine throws; anything else is a bug worth stopping for.
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The engine answers any text, blank or not JSON, with a decision. Should it throw anyway, the line
     * still gets its line: a review decision naming the failure, since nothing may be lost (contract §4).
     */
    private CoverageDecision decide(PrecisionFormulary formulary, String line) {
        try {
            return formulary.evaluate(line);
        } catch (RuntimeException e) {
            LOG.warn("The engine failed on a request: {}", e.toString());
            engineFailures.incrementAndGet();
            return BatchLines.engineFailure(e);
        }
    }

    /** A repeat of an earlier request id: decided as every batch runner decides one. */
    private static CoverageDecision duplicate(PrecisionFormulary formulary, Job job) {
        return BatchLines.duplicate(formulary, job.request(), job.requestId(), job.duplicateOf());
    }

    String summary() {
        long now = progress.now();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "batch: done, %,d lines in %.1f s (%,.0f requests/s)",
                written, progress.elapsedSeconds(now), progress.rate(resumedAfter + written, now)));
        String separator = ": ";
        for (Map.Entry<Outcome, Long> e : counts.entrySet()) {
            sb.append(separator).append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%,d", e.getValue()));
            separator = ", ";
        }
        sb.append(String.format(Locale.ROOT, "; %,d duplicate request ids", duplicates));
        if (stoppedCheckingAt > 0) {
            sb.append(String.format(Locale.ROOT, " (checked up to line %,d; %,d later lines with an id not checked)",
                    stoppedCheckingAt - 1, uncheckedIds));
        }
        if (resumedAfter > 0) {
            sb.append(String.format(Locale.ROOT, "; resumed after line %,d", resumedAfter));
        }
        if (engineFailures.get() > 0) {
            sb.append(" (").append(engineFailures.get()).append(" engine failures, see the log)");
        }
        return sb.toString();
    }

    /** Counts the bytes the line reader has taken from the input, for the progress estimate. */
    static final class CountingInputStream extends FilterInputStream {

        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        long count() {
            return count;
        }
    }
}
