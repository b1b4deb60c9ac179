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
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * One command's arguments as picocli matched them: {@code --name value} (or {@code --name=value}) options,
 * value-less flags such as {@code --resume}, and positionals, with the checks on values (numbers in range, paths)
 * that name the option in their message.
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
     * The options picocli matched for one command. Picocli has already refused unknown, repeated and value-less
     * options and a wrong number of positionals; what is left to check here is what picocli cannot know.
     *
     * @param parsed the command's own parse result (not its parent's)
     * @throws UsageException for an option given an empty value ({@code --pack=})
     */
    static Options of(ParseResult parsed) {
        String command = parsed.commandSpec().name();
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> flags = new LinkedHashSet<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String name = option.longestName();
            if (option.arity().max() == 0) {
                flags.add(name);
                continue;
            }
            String value = option.stringValues().isEmpty() ? "" : option.stringValues().get(0);
            if (value.isEmpty()) {
                throw new UsageException(command + ": " + name + " needs a value");
            }
            values.put(name, value);
        }
        List<String> positionals = new ArrayList<>();
        // A positional that takes several values is listed once per value matched.
        for (PositionalParamSpec positional : new LinkedHashSet<>(parsed.matchedPositionals())) {
            positionals.addAll(positional.stringValues());
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
