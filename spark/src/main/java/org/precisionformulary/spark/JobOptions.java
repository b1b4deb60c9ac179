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
 */
record JobOptions(String in, InputFormat format, String requestColumn, String out, OutputFormat outFormat,
                  List<String> partitionBy, boolean overwrite, Path formulary, Path pack, Path memberIdKey,
                  String master) {

    /** How requests are stored. */
    enum InputFormat { JSON, PARQUET, ORC }

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
            + " [--overwrite] [--formulary F] [--pack DIR|JAR] [--member-id-key FILE] [--master URL]";

    private static final Set<String> OPTIONS = Set.of("--in", "--out", "--format", "--request-column", "--out-format",
            "--partition-by", "--formulary", "--pack", "--member-id-key", "--master");
    private static final Set<String> FLAGS = Set.of("--overwrite");

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
            if (arg.equals("--report")) {
                throw new IllegalArgumentException("--report is not available in the Spark job yet; run the batch "
                        + "report on the decisions it writes");
            }
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
        return new JobOptions(in, format, column == null ? "request" : column, out, outFormat, List.copyOf(partitionBy),
                flags.contains("--overwrite"), file(values, "--formulary", false), file(values, "--pack", true),
                file(values, "--member-id-key", false), values.get("--master"));
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
