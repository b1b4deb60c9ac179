// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One command's arguments: {@code --name value} (or {@code --name=value}) options from a fixed set, and
 * positionals. Anything else is a usage error raised here, before any work starts.
 */
final class Options {

    private final String command;
    private final Map<String, String> values;
    private final List<String> positionals;

    private Options(String command, Map<String, String> values, List<String> positionals) {
        this.command = command;
        this.values = values;
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
        Map<String, String> values = new LinkedHashMap<>();
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
        return new Options(command, values, List.copyOf(positionals));
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
