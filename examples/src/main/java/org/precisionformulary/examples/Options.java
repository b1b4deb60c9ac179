// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One command's arguments: {@code --name value} (or {@code --name=value}) options from a fixed set, value-less
 * flags such as {@code --resume} from another, and positionals. Anything else is a usage error raised here,
 * before any work starts.
 */
final class Options {

    private final String command;
    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positionals;

    private Options(String command, Map<String, String> values, Set<String> flags, List<String> positionals) {
        this.command = command;
        this.values = values;
        this.flags = flags;
        this.positionals = positionals;
    }

    /**
     * @param command        the command's name, for messages
     * @param args           the arguments after the command
     * @param allowed        the options the command takes, e.g. {@code --pack}; each takes a value
     * @param minPositionals the fewest positionals the command needs
     * @param maxPositionals the most positionals the command takes
     * @param positionalName what the positionals are, for messages, e.g. {@code GENE DIPLOTYPE}
     * @throws UsageException for an unknown or repeated option, a missing value or a wrong positional count
     */
    static Options parse(String command, List<String> args, Set<String> allowed, int minPositionals,
                         int maxPositionals, String positionalName) {
        return parse(command, args, allowed, Set.of(), minPositionals, maxPositionals, positionalName);
    }

    /**
     * As {@link #parse(String, List, Set, int, int, String)}, with flags: options that take no value and are
     * either given or not.
     *
     * @param allowedFlags the flags the command takes, e.g. {@code --resume}
     * @throws UsageException also for a flag given a value ({@code --resume=yes}) or given twice
     */
    static Options parse(String command, List<String> args, Set<String> allowed, Set<String> allowedFlags,
                         int minPositionals, int maxPositionals, String positionalName) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        List<String> positionals = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (optionsEnded || !arg.startsWith("--")) {
                positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (allowedFlags.contains(name)) {
                if (eq >= 0) {
                    throw new UsageException(command + ": " + name + " takes no value");
                }
                if (!flags.add(name)) {
                    throw new UsageException(command + ": " + name + " is given twice");
                }
                continue;
            }
            if (!allowed.contains(name)) {
                throw new UsageException(command + ": unknown option " + name);
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(command + ": " + name + " needs a value");
            }
            if (value.isEmpty()) {
                throw new UsageException(command + ": " + name + " needs a value");
            }
            if (values.putIfAbsent(name, value) != null) {
                throw new UsageException(command + ": " + name + " is given twice");
            }
        }
        if (positionals.size() < minPositionals) {
            throw new UsageException(command + ": missing " + positionalName);
        }
        if (positionals.size() > maxPositionals) {
            throw new UsageException(command + ": unexpected argument '" + positionals.get(maxPositionals) + "'"
                    + (maxPositionals == 0 ? "" : " (takes " + positionalName + ")"));
        }
        return new Options(command, values, Set.copyOf(flags), List.copyOf(positionals));
    }

    /** @return whether the flag was given */
    boolean flag(String name) {
        return flags.contains(name);
    }

    Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) {
        return value(name).orElseThrow(() -> new UsageException(command + ": " + name + " is required"));
    }

    Optional<Path> path(String name) {
        return value(name).map(v -> toPath(name, v));
    }

    /** @throws UsageException when the value is not a whole number in range */
    int intValue(String name, int defaultValue, int min, int max) {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(text.get().trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new UsageException(command + ": " + name + " takes a whole number from " + min + " to " + max
                + ", not '" + text.get() + "'");
    }

    /** @throws UsageException when the value is not a number in range */
    double doubleValue(String name, double defaultValue, double min, double max) {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            return defaultValue;
        }
        try {
            double n = Double.parseDouble(text.get().trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new UsageException(command + ": " + name + " takes a number from " + plain(min) + " to " + plain(max)
                + ", not '" + text.get() + "'");
    }

    private static String plain(double n) {
        return n == Math.rint(n) ? Long.toString((long) n) : Double.toString(n);
    }

    List<String> positionals() {
        return positionals;
    }

    String command() {
        return command;
    }

    Path toPath(String what, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(command + ": " + what + " '" + value + "' is not a valid path");
        }
    }
}
