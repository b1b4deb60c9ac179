// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.precisionformulary.report.ReportSettings;

/**
 * The job's command line, checked before Spark starts.
 *
 * @param in            the requests: NDJSON text files, or a Parquet/ORC table
 * @param format        how {@code in} is stored
 * @param requestColumn the table column holding a request's JSON (tables only)
 * @param out           the output directory
 * @param outFormat     how the decisions are written
 * @param partitionBy   output columns to partition the output by, in order
 * @param overwrite     whether an existing {@code out} is replaced
 * @param formulary     the formulary file, or {@code null} for the demo formulary
 * @param pack          a pack directory or jar, or {@code null} for the built-in pack
 * @param memberIdKey   the file holding the member-id key, or {@code null}
 * @param master        the Spark master when not set by {@code spark-submit}, or {@code null}
 * @param report        the directory the batch report is written to, or {@code null} for no report
 * @param reportShape   the report's gap threshold and minimum group size (its title is the input's name)
 * @param baseline      what the report compares the run with, {@code NONE} when it does not
 * @param baselineFormulary the formulary of a {@code FORMULARY} baseline, or {@code null}
 */
record JobOptions(String in, InputFormat format, String requestColumn, String out, OutputFormat outFormat,
                  List<String> partitionBy, boolean overwrite, Path formulary, Path pack, Path memberIdKey,
                  String master, String report, ReportSettings reportShape, Baseline baseline,
                  Path baselineFormulary) {

    /** How requests are stored. */
    enum InputFormat { JSON, PARQUET, ORC }

    /** What the report compares each decision with, as {@code batch --report} does. */
    enum Baseline {
        /** No comparison. */
        NONE,
        /** The same request without genotypes, on the same formulary ({@code --compare-without-genotypes}). */
        WITHOUT_GENOTYPES,
        /** The same request without genotypes, on another formulary ({@code --baseline-formulary F}). */
        FORMULARY
    }

    /** How decisions are written. */
    enum OutputFormat {
        /** Flat columns and the decision JSON, as Parquet. */
        PARQUET,
        /** Flat columns and the decision JSON, one JSON object a line. */
        NDJSON,
        /** Only the decision lines, exactly as {@code batch} writes them, in input order. */
        DECISIONS
    }

    static final String USAGE = "usage: precision-formulary-spark --in PATH --out DIR [--format json|parquet|orc]"
            + " [--request-column NAME] [--out-format parquet|ndjson|decisions] [--partition-by COL[,COL...]]"
            + " [--overwrite] [--formulary F] [--pack DIR|JAR] [--member-id-key FILE] [--master URL]"
            + " [--report DIR [--equity-threshold PP] [--min-group-size N]"
            + " [--baseline-formulary F | --compare-without-genotypes]]";

    private static final Set<String> OPTIONS = Set.of("--in", "--out", "--format", "--request-column", "--out-format",
            "--partition-by", "--formulary", "--pack", "--member-id-key", "--master", "--report",
            "--equity-threshold", "--min-group-size", "--baseline-formulary");
    private static final Set<String> FLAGS = Set.of("--overwrite", "--compare-without-genotypes");
    /** Options that only shape the report, as in {@code batch}. */
    private static final List<String> REPORT_OPTIONS = List.of("--equity-threshold", "--min-group-size",
            "--baseline-formulary", "--compare-without-genotypes");

    /**
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException naming the first problem
     */
    static JobOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (FLAGS.contains(arg)) {
                flags.add(arg);
            } else if (OPTIONS.contains(arg)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                if (values.put(arg, args[++i]) != null) {
                    throw new IllegalArgumentException(arg + " is given twice");
                }
            } else {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        String in = required(values, "--in");
        String out = required(values, "--out");
        InputFormat format = choice(InputFormat.class, values.getOrDefault("--format", "json"), "--format");
        String column = values.get("--request-column");
        if (column != null && format == InputFormat.JSON) {
            throw new IllegalArgumentException("--request-column names a table column; give --format parquet or orc");
        }
        OutputFormat outFormat = choice(OutputFormat.class, values.getOrDefault("--out-format", "parquet"),
                "--out-format");
        List<String> partitionBy = new ArrayList<>();
        String partitions = values.get("--partition-by");
        if (partitions != null) {
            for (String name : partitions.split(",", -1)) {
                String trimmed = name.trim();
                if (!DecisionRows.PARTITION_COLUMNS.contains(trimmed)) {
                    throw new IllegalArgumentException("--partition-by: " + trimmed + " is not one of "
                            + DecisionRows.PARTITION_COLUMNS);
                }
                partitionBy.add(trimmed);
            }
        }
        String report = values.get("--report");
        if (report == null) {
            for (String option : REPORT_OPTIONS) {
                if (values.containsKey(option) || flags.contains(option)) {
                    throw new IllegalArgumentException(option + " shapes the report; give --report DIR too");
                }
            }
        } else if (report.isBlank()) {
            throw new IllegalArgumentException("--report needs a directory");
        }
        boolean withoutGenotypes = flags.contains("--compare-without-genotypes");
        if (withoutGenotypes && values.containsKey("--baseline-formulary")) {
            throw new IllegalArgumentException("give --baseline-formulary F or --compare-without-genotypes, not both");
        }
        Path baselineFormulary = file(values, "--baseline-formulary", false);
        Baseline baseline = baselineFormulary != null ? Baseline.FORMULARY
                : withoutGenotypes ? Baseline.WITHOUT_GENOTYPES : Baseline.NONE;
        ReportSettings defaults = ReportSettings.defaults();
        ReportSettings shape = new ReportSettings(
                number(values, "--equity-threshold", defaults.gapThresholdPoints(), 0, 100),
                (int) number(values, "--min-group-size", defaults.minGroupSize(), 1, Integer.MAX_VALUE),
                defaults.title());
        return new JobOptions(in, format, column == null ? "request" : column, out, outFormat, List.copyOf(partitionBy),
                flags.contains("--overwrite"), file(values, "--formulary", false), file(values, "--pack", true),
                file(values, "--member-id-key", false), values.get("--master"), report, shape, baseline,
                baselineFormulary);
    }

    /** @return the option's number, a whole number when {@code max} is {@link Integer#MAX_VALUE} */
    private static double number(Map<String, String> values, String option, double otherwise, double min,
                                 double max) {
        String value = values.get(option);
        if (value == null) {
            return otherwise;
        }
        boolean whole = max == Integer.MAX_VALUE;
        try {
            double n = whole ? Integer.parseInt(value.trim()) : Double.parseDouble(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " " + value + " is not a" + (whole ? " whole" : "")
                + " number from " + (whole ? String.valueOf((long) min) : String.valueOf(min)) + " to "
                + (whole ? String.valueOf((long) max) : String.valueOf(max)));
    }

    private static String required(Map<String, String> values, String option) {
        String value = values.get(option);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " is required");
        }
        return value;
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + value + " is not one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    private static Path file(Map<String, String> values, String option, boolean directoryAllowed) {
        String value = values.get(option);
        if (value == null) {
            return null;
        }
        Path path = Path.of(value);
        if (!(Files.isRegularFile(path) || directoryAllowed && Files.isDirectory(path)) || !Files.isReadable(path)) {
            throw new IllegalArgumentException(option + " " + value + " is not a readable "
                    + (directoryAllowed ? "file or directory" : "file"));
        }
        return path;
    }
}
