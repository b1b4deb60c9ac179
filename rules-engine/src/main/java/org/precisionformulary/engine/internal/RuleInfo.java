// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.Map;

/**
 * A rule's name, file and metadata, read once when the pack is loaded.
 *
 * @param name     the rule name, which is its id in decisions
 * @param pkg      the DRL package
 * @param metadata the rule's {@code @key(value)} annotations, quotes stripped
 */
public record RuleInfo(String name, String pkg, Map<String, String> metadata) {

    /**
     * @param key a metadata key
     * @return its value, or {@code null}
     */
    public String get(String key) {
        return metadata.get(key);
    }

    /**
     * @param value a comma-separated metadata value, e.g. PMIDs
     * @return its items, blanks dropped
     */
    static java.util.List<String> list(String value) {
        return value == null ? java.util.List.of() : java.util.Arrays.stream(value.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Normalises one metadata value. The precompiled pack gives values unquoted, a pack compiled at run
     * time without the MVEL compiler keeps the quotes; both must read the same.
     *
     * @param raw the raw value
     * @return the value without surrounding quotes
     */
    static String clean(Object raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}
