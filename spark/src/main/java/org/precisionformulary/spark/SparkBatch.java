// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.precisionformulary.engine.BatchLines;
import org.precisionformulary.engine.MemberIdKey;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.RequestReader;
import org.precisionformulary.report.Baseline;
import org.precisionformulary.report.BatchReport;
import org.precisionformulary.report.ReportSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Re-adjudicates a book of business on Spark: every input line decided by the same engine, with the same bytes,
 * as {@code batch} decides it. The driver compiles the pack and formulary once to check them and ships their bytes
 * in one broadcast; each executor JVM builds one engine from it, checks the pack's SHA-256 against the driver's,
 * and shares it between its task slots. A request id seen on an earlier line makes the later line a duplicate
 * ({@code PHARMACIST_REVIEW} naming the first line), found by a window over (request id, line) pairs, never on
 * the driver; the request text stays in the partition it was read in. Output goes through Spark's file commit
 * protocol, so a retried task leaves no duplicate rows. With {@code --report DIR} each partition feeds a partial
 * {@link BatchReport}; the partials are merged by {@code treeAggregate} and the driver writes the merged report.
 *
 * <pre>{@code
 * java -jar precision-formulary-spark.jar --in claims/ --out decisions/ --formulary plan.json
 * spark-submit --class org.precisionformulary.spark.SparkBatch precision-formulary-spark-cluster.jar --in ... --out ...
 * }</pre>
 */
public final class SparkBatch {

    private static final Logger LOG = LoggerFactory.getLogger(SparkBatch.class);
    /** One character past the engine's limit, as {@code batch} reads lines: enough to see a request is too long. */
    private static final int MAX_CHARS = RequestReader.MAX_REQUEST_CHARS + 1;
    private static final char BOM = '\uFEFF';
    /** An input line, its request id and the first line that carried that id (the line itself when none did). */
    private static final StructType LINES = new StructType()
            .add("line", DataTypes.LongType, false)
            .add("request", DataTypes.StringType, false)
            .add("requestId", DataTypes.StringType, true)
            .add("firstLine", DataTypes.LongType, false);
    private static final StructType IDS = new StructType()
            .add("requestId", DataTypes.StringType, false)
            .add("line", DataTypes.LongType, false);
    /** The decided rows with a report: a partition's report rides in one extra row, line 0, beside its decisions. */
    private static final StructType WITH_REPORT = DecisionRows.SCHEMA.add("report", DataTypes.BinaryType, true);
    private static final String REPORT_HTML = "report.html";
    private static final String REPORT_JSON = "report.json";

    /** Called before each line is decided; tests use it to fail a task once. */
    static volatile LineHook hook;

    /** A test's hook into the deciding tasks. */
    @FunctionalInterface
    interface LineHook extends Serializable {
        void beforeLine(long line, TaskContext task);
    }

    /**
     * What a run did, counted on the executors.
     *
     * @param lines        input lines, each with one output row
     * @param outcomes     rows by outcome
     * @param duplicates   lines whose request id an earlier line carried
     * @param engineBuilds engines built by executors for this run: one per executor JVM that decided lines, none
     *                     in local mode, where the executor shares the driver's JVM and engine
     * @param packSha256   the pack every line was decided with
     * @param seconds      wall time from reading to the committed output (and the written report)
     * @param report       the directory holding the report, or {@code null}
     */
    record Summary(long lines, Map<Outcome, Long> outcomes, long duplicates, long engineBuilds,
                          String packSha256, double seconds, String report) {

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "spark batch: done, %,d lines in %.1f s (%,.0f requests/s)", lines, seconds,
                    seconds > 0 ? lines / seconds : 0));
            String separator = ": ";
            for (Map.Entry<Outcome, Long> e : outcomes.entrySet()) {
                if (e.getValue() > 0) {
                    sb.append(separator).append(e.getKey()).append(' ')
                            .append(String.format(Locale.ROOT, "%,d", e.getValue()));
                    separator = ", ";
                }
            }
            sb.append(String.format(Locale.ROOT, "; %,d duplicate request ids; engines built: 1 on the driver, %d on executors; pack %s",
                    duplicates, engineBuilds, packSha256));
            if (report != null) {
                sb.append("; report: ").append(report);
            }
            return sb.toString();
        }
    }

    private SparkBatch() {
    }

    /**
     * Runs the job: {@code spark-submit} sets the master; without it the job runs embedded on {@code local[*]}.
     *
     * @param args the command line ({@link JobOptions#USAGE})
     */
    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    static int run(String[] args, PrintStream err) {
        JobOptions options;
        byte[] key;
        try {
            options = JobOptions.parse(args);
            key = options.memberIdKey() == null ? null : memberIdKey(options.memberIdKey());
        } catch (IllegalArgumentException e) {
            err.println("precision-formulary-spark: " + e.getMessage());
            err.println(JobOptions.USAGE);
            return 2;
        }
        SparkSession.Builder builder = SparkSession.builder().appName("precision-formulary re-adjudication");
        if (options.master() != null) {
            builder.master(options.master());
        } else if (!new org.apache.spark.SparkConf().contains("spark.master")) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            err.println(readjudicate(spark, options, key));
            return 0;
        } catch (RuntimeException e) {
            PackMismatchException mismatch = find(e, PackMismatchException.class);
            err.println("precision-formulary-spark: " + (mismatch != null ? mismatch.getMessage() : e));
            return 1;
        } finally {
            spark.stop();
        }
    }

    /**
     * Decides every line of the input and writes the output, committed as a whole or not at all.
     *
     * @param spark       the session
     * @param options     what to read, how to decide and where to write
     * @param memberIdKey the member-id key's bytes, or {@code null}
     * @return what the run did
     * @throws org.precisionformulary.engine.RulePackException when the pack does not compile on the driver
     * @throws org.apache.spark.SparkException (unchecked by Spark's Java API) when the job fails, e.g. an
     *         executor compiled another pack ({@link PackMismatchException} in its causes)
     */
    static Summary readjudicate(SparkSession spark, JobOptions options, byte[] memberIdKey) {
        // In local mode the only executor is this JVM: its tasks find the engine built here.
        return readjudicate(spark, options, EngineSpec.onDriver(options.pack(), options.formulary(), memberIdKey));
    }

    static Summary readjudicate(SparkSession spark, JobOptions options, EngineSpec spec) {
        long start = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        boolean reporting = options.report() != null;
        if (reporting) {
            checkReport(jsc.hadoopConfiguration(), options);
        }
        EngineSpec toShip = spec;
        if (options.baseline() == JobOptions.Baseline.FORMULARY) {
            // Built here first, so that a bad baseline formulary fails before any task starts.
            toShip = spec.withBaseline(options.baselineFormulary());
            ExecutorEngines.baseline(toShip, ExecutorEngines.onDriver(toShip));
        }
        Broadcast<EngineSpec> shipped = jsc.broadcast(toShip);
        Counters counters = new Counters(jsc);

        Dataset<Row> lines = spark.createDataFrame(withFirstLines(spark, readLines(spark, jsc, options)), LINES);
        ReportSettings settings = reporting ? new ReportSettings(options.reportShape().gapThresholdPoints(),
                options.reportShape().minGroupSize(), "Batch re-adjudication report: " + inputName(options.in()))
                : null;
        Dataset<Row> decided = lines.mapPartitions(new Decide(shipped, counters, settings, options.baseline()),
                Encoders.row(reporting ? WITH_REPORT : DecisionRows.SCHEMA));
        BatchReport report = null;
        if (reporting) {
            // Kept for the second pass, which sums the partitions' reports: every line is decided once.
            decided = decided.persist(StorageLevel.MEMORY_AND_DISK());
            write(decided.filter(col("line").gt(0)).drop("report"), options);
            report = decided.filter(col("line").equalTo(0)).select("report").javaRDD()
                    .map(row -> ReportParts.read((byte[]) row.get(0)))
                    .treeAggregate(new BatchReport(settings), BatchReport::merge, BatchReport::merge);
            decided.unpersist();
        } else {
            write(decided, options);
        }

        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        counters.outcomes.forEach((outcome, count) -> outcomes.put(outcome, count.value()));
        long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
        shipped.destroy();
        if (report != null) {
            writeReport(report.generatedAt(Instant.now()), jsc.hadoopConfiguration(), options.report());
        }
        return new Summary(total, outcomes, counters.duplicates.value(), counters.engineBuilds.value(),
                spec.packSha256(), (System.nanoTime() - start) / 1e9, options.report());
    }

    /**
     * Numbers the lines and finds, for each, the first line that carried its request id. Only (request id, line)
     * pairs are shuffled to find repeats, and only (line, first line) pairs of the repeats travel back, each to the
     * input partition holding its line: the request text never leaves the partition it was read in, and the lines
     * stay in input order.
     */
    private static JavaRDD<Row> withFirstLines(SparkSession spark, JavaRDD<String> text) {
        long[] firstLines = firstLines(text);
        JavaRDD<Row> numbered = text.mapPartitionsWithIndex((partition, it) -> {
            long[] line = {firstLines[partition]};
            return new Iterator<Row>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Row next() {
                    String request = it.next();
                    return RowFactory.create(line[0]++, request, BatchLines.requestIdOf(request));
                }
            };
        }, true);
        Dataset<Row> ids = spark.createDataFrame(numbered.filter(row -> !row.isNullAt(2))
                .map(row -> RowFactory.create(row.getString(2), row.getLong(0))), IDS);
        JavaPairRDD<Long, Long> repeats = ids
                .withColumn("firstLine", min("line").over(Window.partitionBy("requestId")))
                .filter(col("line").gt(col("firstLine")))
                .select("line", "firstLine").javaRDD()
                .mapToPair(row -> new Tuple2<>(row.getLong(0), row.getLong(1)))
                .repartitionAndSortWithinPartitions(new LineRanges(firstLines));
        return numbered.zipPartitions(repeats, (rows, repeated) -> new Iterator<Row>() {
            private Tuple2<Long, Long> repeat = repeated.hasNext() ? repeated.next() : null;

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row row = rows.next();
                long line = row.getLong(0);
                long first = line;
                if (repeat != null && repeat._1() == line) {
                    first = repeat._2();
                    repeat = repeated.hasNext() ? repeated.next() : null;
                }
                return RowFactory.create(line, row.getString(1), row.getString(2), first);
            }
        });
    }

    /** @return each input partition's first line number: one count per partition reaches the driver */
    private static long[] firstLines(JavaRDD<String> text) {
        List<Long> counts = text.mapPartitions(it -> {
            long n = 0;
            for (; it.hasNext(); it.next()) {
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        long[] first = new long[counts.size()];
        long next = 1;
        for (int p = 0; p < first.length; p++) {
            first[p] = next;
            next += counts.get(p);
        }
        return first;
    }

    /** The input's last name, as {@code batch} titles its report after the input file's name. */
    private static String inputName(String in) {
        String name = new org.apache.hadoop.fs.Path(in).getName();
        return name.isEmpty() ? in : name;
    }

    /** Refuses, before anything is decided, a report that would land in the output or overwrite one unasked. */
    private static void checkReport(Configuration conf, JobOptions options) {
        try {
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(options.report());
            FileSystem fs = dir.getFileSystem(conf);
            org.apache.hadoop.fs.Path report = fs.makeQualified(dir);
            org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(options.out());
            out = out.getFileSystem(conf).makeQualified(out);
            for (org.apache.hadoop.fs.Path p = report; p != null; p = p.getParent()) {
                if (p.equals(out)) {
                    throw new IllegalArgumentException("--report " + options.report() + " is inside --out "
                            + options.out() + ", which the job replaces");
                }
            }
            for (String name : List.of(REPORT_HTML, REPORT_JSON)) {
                if (!options.overwrite() && fs.exists(new org.apache.hadoop.fs.Path(dir, name))) {
                    throw new IllegalArgumentException("--report " + options.report() + " already holds " + name
                            + "; give --overwrite to replace it");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--report " + options.report() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the report as {@code report.html} and {@code report.json} in the directory, on any file system Hadoop
     * reads (written here first, then copied; no checksum files beside them).
     */
    private static void writeReport(BatchReport report, Configuration conf, String dir) {
        Path local = null;
        try {
            local = Files.createTempDirectory("precision-formulary-report-");
            report.writeHtml(local.resolve(REPORT_HTML));
            report.writeJson(local.resolve(REPORT_JSON));
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir);
            try (FileSystem fs = FileSystem.newInstance(target.toUri(), conf)) {
                fs.setWriteChecksum(false);
                fs.mkdirs(target);
                for (String name : List.of(REPORT_HTML, REPORT_JSON)) {
                    fs.copyFromLocalFile(true, true, new org.apache.hadoop.fs.Path(local.resolve(name).toUri()),
                            new org.apache.hadoop.fs.Path(target, name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--report " + dir + ": " + e.getMessage(), e);
        } finally {
            if (local != null) {
                local.toFile().delete();
            }
        }
    }

    private static void write(Dataset<Row> decided, JobOptions options) {
        List<String> partitions = options.partitionBy();
        Dataset<Row> rows = decided;
        if (options.outFormat() == JobOptions.OutputFormat.DECISIONS) {
            List<Column> columns = new ArrayList<>();
            partitions.forEach(name -> columns.add(col(name)));
            columns.add(col("decision"));
            rows = decided.select(columns.toArray(Column[]::new));
        }
        var writer = rows.write().mode(options.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
                .partitionBy(partitions.toArray(String[]::new));
        switch (options.outFormat()) {
            case PARQUET -> writer.parquet(options.out());
            case NDJSON -> writer.json(options.out());
            case DECISIONS -> writer.text(options.out());
            default -> throw new IllegalStateException(options.outFormat().toString());
        }
    }

    /** The input's lines in input order: files by name, lines by position; a table's rows in the order Spark reads them. */
    private static JavaRDD<String> readLines(SparkSession spark, JavaSparkContext jsc, JobOptions options) {
        if (options.format() == JobOptions.InputFormat.JSON) {
            Configuration conf = new Configuration(jsc.hadoopConfiguration());
            // Lines end at \n only, as batch reads them: a stray \r inside a line must not split it.
            conf.set("textinputformat.record.delimiter", "\n");
            return jsc.newAPIHadoopFile(inputFiles(conf, options.in()), TextInputFormat.class, LongWritable.class,
                    Text.class, conf).map(pair -> line(pair._1().get(), pair._2()));
        }
        Dataset<Row> table = spark.read().format(options.format().name().toLowerCase(Locale.ROOT)).load(options.in());
        if (!Arrays.asList(table.columns()).contains(options.requestColumn())) {
            throw new IllegalArgumentException("--request-column " + options.requestColumn() + ": the table has "
                    + Arrays.toString(table.columns()));
        }
        return table.select(col(options.requestColumn()).cast(DataTypes.StringType)).javaRDD()
                .map(row -> cut(row.isNullAt(0) ? "" : row.getString(0)));
    }

    /** The input's files, sorted by path so that line numbers follow the files' names; hidden files left out. */
    private static String inputFiles(Configuration conf, String in) {
        try {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(in);
            FileSystem fs = path.getFileSystem(conf);
            FileStatus status = fs.getFileStatus(path);
            if (!status.isDirectory()) {
                return path.toString();
            }
            List<String> files = new ArrayList<>();
            for (FileStatus file : fs.listStatus(path)) {
                String name = file.getPath().getName();
                if (file.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
                    files.add(file.getPath().toString());
                }
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("--in " + in + " holds no input files");
            }
            files.sort(null);
            return String.join(",", files);
        } catch (IOException e) {
            throw new UncheckedIOException("--in " + in + ": " + e.getMessage(), e);
        }
    }

    /** A line as batch reads it: UTF-8 (malformed bytes become U+FFFD), no BOM at a file's start, no final \r. */
    private static String line(long offset, Text text) {
        String line = new String(text.getBytes(), 0, text.getLength(), StandardCharsets.UTF_8);
        if (offset == 0 && !line.isEmpty() && line.charAt(0) == BOM) {
            line = line.substring(1);
        }
        line = cut(line);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Cut just past the engine's limit, as batch cuts: it still answers with a size error. */
    private static String cut(String line) {
        return line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS) : line;
    }

    /** The key in the file, read as {@code batch} and every other host read it ({@link MemberIdKey}). */
    private static byte[] memberIdKey(Path file) {
        try {
            return MemberIdKey.read(file);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--member-id-key " + e.getMessage(), e);
        }
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Counted on the executors, read on the driver: numbers only, nothing per claim. */
    private static final class Counters implements Serializable {
        private static final long serialVersionUID = 1L;
        final Map<Outcome, LongAccumulator> outcomes = new EnumMap<>(Outcome.class);
        final LongAccumulator duplicates;
        final LongAccumulator engineBuilds;

        Counters(JavaSparkContext jsc) {
            for (Outcome outcome : Outcome.values()) {
                outcomes.put(outcome, jsc.sc().longAccumulator("outcome " + outcome));
            }
            duplicates = jsc.sc().longAccumulator("duplicate request ids");
            engineBuilds = jsc.sc().longAccumulator("engine builds");
        }
    }

    /**
     * Decides a partition's lines with this executor's engine. With a report, it also feeds every line, its
     * decision and its baseline decision to the partition's report, which follows the last decision as one row.
     */
    private static final class Decide implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<EngineSpec> spec;
        private final Counters counters;
        private final ReportSettings report;
        private final JobOptions.Baseline baseline;

        /** @param report the report's settings, or {@code null} without a report */
        Decide(Broadcast<EngineSpec> spec, Counters counters, ReportSettings report, JobOptions.Baseline baseline) {
            this.spec = spec;
            this.counters = counters;
            this.report = report;
            this.baseline = baseline;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            PrecisionFormulary engine = ExecutorEngines.get(spec.value(), () -> counters.engineBuilds.add(1));
            PrecisionFormulary baselineEngine = report == null || baseline == JobOptions.Baseline.NONE ? null
                    : baseline == JobOptions.Baseline.FORMULARY ? ExecutorEngines.baseline(spec.value(), engine)
                    : engine;
            TaskContext task = TaskContext.get();
            return new Iterator<>() {
                private BatchReport part;
                private boolean partSent;

                @Override
                public boolean hasNext() {
                    return input.hasNext() || part != null && !partSent;
                }

                @Override
                public Row next() {
                    if (!input.hasNext() && part != null && !partSent) {
                        partSent = true;
                        return RowFactory.create(0L, null, "", new String[0], null, new String[0], new String[0],
                                null, null, "", ReportParts.bytes(part));
                    }
                    Row row = input.next();
                    long line = row.getLong(0);
                    String request = row.getString(1);
                    long first = row.getLong(3);
                    LineHook test = hook;
                    if (test != null) {
                        test.beforeLine(line, task);
                    }
                    CoverageDecision decision = first < line
                            ? BatchLines.duplicate(engine, request, row.getString(2), first)
                            : decide(engine, request);
                    if (first < line) {
                        counters.duplicates.add(1);
                    }
                    counters.outcomes.get(decision.outcome()).add(1);
                    if (report == null) {
                        return DecisionRows.of(line, decision);
                    }
                    if (part == null) {
                        part = new BatchReport(report, line);
                    }
                    CoverageDecision compared = baselineEngine == null ? null : first < line
                            ? BatchLines.duplicate(baselineEngine, request, row.getString(2), first)
                            : decide(baselineEngine, Baseline.withoutGenotypes(request));
                    part.add(request, decision, compared);
                    return DecisionRows.withReport(DecisionRows.of(line, decision));
                }
            };
        }

        private static CoverageDecision decide(PrecisionFormulary engine, String request) {
            try {
                return engine.evaluate(request);
            } catch (RuntimeException e) {
                LOG.warn("The engine failed on a request: {}", e.getClass().getName());
                return BatchLines.engineFailure(e);
            }
        }
    }
}
