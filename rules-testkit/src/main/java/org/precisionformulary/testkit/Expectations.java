// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Alternative;
import org.precisionformulary.model.decision.Classification;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.DurAlert;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.decision.Severity;

/**
 * The {@code expect} block of a scenario: what keys it may hold ({@link #check}) and how a decision is compared
 * with it ({@link #compare}). Only the keys present are checked; object lists match as subsets, each expected
 * element against a distinct actual one.
 */
final class Expectations {

    /** The object lists of a decision, and the record whose fields their elements may name. */
    private static final Map<String, Class<? extends Record>> LISTS = new LinkedHashMap<>();

    static {
        LISTS.put("findings", Finding.class);
        LISTS.put("alternatives", Alternative.class);
        LISTS.put("exceptions", CoverageException.class);
        LISTS.put("durAlerts", DurAlert.class);
        LISTS.put("errors", FieldError.class);
    }

    private static final Set<String> SCALARS = Set.of("outcome", "requestId", "contractVersion", "tier", "respondBy");
    private static final Set<String> STRING_LISTS = Set.of("rejectCodes", "firedRules", "notFired");

    /** Closed vocabularies, checked when the scenario is read so a misspelt value cannot pass for a mismatch. */
    private static final Map<String, Set<String>> VOCABULARY = Map.of(
            "outcome", names(Outcome.values()),
            "findings.action", names(Action.values()),
            "findings.classification", Arrays.stream(Classification.values()).map(Classification::label)
                    .collect(Collectors.toCollection(LinkedHashSet::new)),
            "durAlerts.severity", names(Severity.values()),
            "exceptions.type", names(ExceptionType.values()));

    private static final int SHOWN_CHARS = 240;

    /** The expectation on the decision's NCPDP D.0 response fields, which the runner adds beside the decision. */
    static final String NCPDP = "ncpdp";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Expectations() {
    }

    /** @return every key an {@code expect} block may hold */
    static Set<String> keys() {
        Set<String> keys = new TreeSet<>(SCALARS);
        keys.addAll(STRING_LISTS);
        keys.addAll(LISTS.keySet());
        LISTS.keySet().forEach(k -> keys.add(k + "Count"));
        keys.add(NCPDP);
        return keys;
    }

    /**
     * @param expect a scenario's {@code expect} block
     * @throws IllegalArgumentException naming the key, for an unknown key or a value of the wrong kind
     */
    static void check(JsonNode expect) {
        if (!expect.isObject()) {
            throw new IllegalArgumentException("expect: must be an object of the decision's expected parts");
        }
        for (Map.Entry<String, JsonNode> e : expect.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            String path = "expect." + key;
            if (key.equals("tier") || key.equals("contractVersion")) {
                if (!value.isIntegralNumber() && !(key.equals("tier") && value.isNull())) {
                    throw new IllegalArgumentException(path + ": must be a whole number" + (key.equals("tier")
                            ? ", or null for a drug that is not covered" : ""));
                }
            } else if (SCALARS.contains(key)) {
                requireText(path, value);
                checkVocabulary(key, path, value);
            } else if (STRING_LISTS.contains(key)) {
                requireArray(path, value);
                for (int i = 0; i < value.size(); i++) {
                    requireText(path + "[" + i + "]", value.get(i));
                }
            } else if (key.equals(NCPDP)) {
                if (!value.isObject() || value.isEmpty()) {
                    throw new IllegalArgumentException(path + ": must be an object of NCPDP field ids and their values,"
                            + " e.g. {\"112-AN\": \"R\", \"511-FB\": [\"76\"]}");
                }
            } else if (LISTS.containsKey(key)) {
                checkObjectList(key, path, value);
            } else if (key.endsWith("Count") && LISTS.containsKey(key.substring(0, key.length() - 5))) {
                checkCount(expect, key, path, value);
            } else {
                throw new IllegalArgumentException(path + ": unknown key" + suggestion(key, keys())
                        + "; expect may hold " + String.join(", ", keys()));
            }
        }
    }

    private static void checkObjectList(String key, String path, JsonNode value) {
        requireArray(path, value);
        if (key.equals("alternatives") && value.size() > 0 && value.get(0).isTextual()) {
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isTextual()) {
                    throw new IllegalArgumentException(path + "[" + i + "]: give every alternative as a drug name, "
                            + "or every one as an object, not a mix");
                }
            }
            return;
        }
        Set<String> fields = fieldNames(LISTS.get(key));
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String at = path + "[" + i + "]";
            if (!element.isObject()) {
                throw new IllegalArgumentException(at + ": must be an object with some of " + String.join(", ", fields)
                        + (key.equals("alternatives") ? " (or give every alternative as a drug name)" : ""));
            }
            for (Map.Entry<String, JsonNode> f : element.properties()) {
                if (!fields.contains(f.getKey())) {
                    throw new IllegalArgumentException(at + "." + f.getKey() + ": unknown field"
                            + suggestion(f.getKey(), fields) + "; " + key + " have " + String.join(", ", fields));
                }
                checkVocabulary(key + "." + f.getKey(), at + "." + f.getKey(), f.getValue());
            }
        }
    }

    private static void checkCount(JsonNode expect, String key, String path, JsonNode value) {
        if (!value.isIntegralNumber() || value.asLong() < 0) {
            throw new IllegalArgumentException(path + ": must be a whole number, 0 or more");
        }
        JsonNode list = expect.get(key.substring(0, key.length() - 5));
        if (list != null && list.isArray()) {
            if (list.isEmpty() && value.asInt() != 0) {
                throw new IllegalArgumentException(path + ": is " + value.asInt() + " but the list itself is [] (none)");
            }
            if (list.size() > value.asInt()) {
                throw new IllegalArgumentException(path + ": is " + value.asInt() + " but the list expects "
                        + list.size() + " distinct elements");
            }
        }
    }

    private static void checkVocabulary(String key, String path, JsonNode value) {
        Set<String> allowed = VOCABULARY.get(key);
        if (allowed != null && (!value.isTextual() || !allowed.contains(value.asText()))) {
            throw new IllegalArgumentException(path + ": " + value + " is not one of " + String.join(", ", allowed));
        }
    }

    private static void requireText(String path, JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(path + ": must be a string");
        }
    }

    private static void requireArray(String path, JsonNode value) {
        if (!value.isArray()) {
            throw new IllegalArgumentException(path + ": must be an array");
        }
    }

    /**
     * @param expect     a checked {@code expect} block
     * @param decision   the decision as contract JSON
     * @param ruleNames  every rule of the pack, so that a misspelt rule name is reported rather than passing
     * @return every difference, in the order of the keys in {@code expect}; empty when the decision matches
     */
    static List<Mismatch> compare(JsonNode expect, JsonNode decision, Set<String> ruleNames) {
        List<Mismatch> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : expect.properties()) {
            String key = e.getKey();
            JsonNode expected = e.getValue();
            if (SCALARS.contains(key)) {
                JsonNode actual = decision.get(key);
                if (!same(expected, actual)) {
                    out.add(new Mismatch(key, show(expected), show(actual)));
                }
            } else if (key.equals("rejectCodes")) {
                JsonNode actual = decision.get(key);
                if (!same(expected, actual == null ? NODES.arrayNode() : actual)) {
                    out.add(new Mismatch(key, show(expected), show(actual)));
                }
            } else if (key.equals(NCPDP)) {
                // Only the fields given are checked, each equal to what the decision maps to (docs/ncpdp.md).
                for (Map.Entry<String, JsonNode> field : expected.properties()) {
                    JsonNode actual = decision.path(NCPDP).get(field.getKey());
                    if (!same(field.getValue(), actual)) {
                        out.add(new Mismatch(NCPDP + "." + field.getKey(), show(field.getValue()), show(actual)));
                    }
                }
            } else if (key.equals("firedRules") || key.equals("notFired")) {
                compareRules(key, expected, decision.path("audit").path("firedRules"), ruleNames, out);
            } else if (LISTS.containsKey(key)) {
                compareList(key, expected, elements(decision.get(key)), out);
            } else {
                String list = key.substring(0, key.length() - 5);
                int actual = elements(decision.get(list)).size();
                if (actual != expected.asInt()) {
                    out.add(new Mismatch(key, expected.asText(), actual + (actual == 0 ? "" : ": " + brief(decision.get(list)))));
                }
            }
        }
        return out;
    }

    private static void compareRules(String key, JsonNode expected, JsonNode fired, Set<String> ruleNames,
                                     List<Mismatch> out) {
        Set<String> firedNames = new LinkedHashSet<>();
        fired.forEach(r -> firedNames.add(r.asText()));
        for (int i = 0; i < expected.size(); i++) {
            String rule = expected.get(i).asText();
            String path = key + "[" + i + "]";
            if (!ruleNames.contains(rule)) {
                out.add(new Mismatch(path, show(expected.get(i)), "no rule of that name in the pack"
                        + suggestion(rule, ruleNames)));
            } else if (key.equals("firedRules") && !firedNames.contains(rule)) {
                out.add(new Mismatch(path, show(expected.get(i)) + " to fire", "it did not fire"));
            } else if (key.equals("notFired") && firedNames.contains(rule)) {
                out.add(new Mismatch(path, show(expected.get(i)) + " not to fire", "it fired"));
            }
        }
    }

    private static void compareList(String key, JsonNode expected, List<JsonNode> actual, List<Mismatch> out) {
        if (expected.isEmpty()) {
            if (!actual.isEmpty()) {
                out.add(new Mismatch(key, "none", actual.size() + ": " + brief(actual)));
            }
            return;
        }
        if (expected.get(0).isTextual()) {
            List<String> names = actual.stream().map(a -> a.path("drug").asText()).toList();
            List<String> wanted = new ArrayList<>();
            expected.forEach(n -> wanted.add(n.asText()));
            if (!names.equals(wanted)) {
                ArrayNode shown = NODES.arrayNode();
                names.forEach(shown::add);
                out.add(new Mismatch(key, show(expected), show(shown)));
            }
            return;
        }
        int n = expected.size();
        int m = actual.size();
        boolean[][] fits = new boolean[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                fits[i][j] = differences("", expected.get(i), actual.get(j)).isEmpty();
            }
        }
        // Each expected element needs its own actual element: a bipartite matching, not first fit, so that
        // a broad expectation listed first cannot take the element a narrower one needs.
        int[] owner = new int[m];
        Arrays.fill(owner, -1);
        for (int i = 0; i < n; i++) {
            assign(i, fits, owner, new boolean[m]);
        }
        Set<Integer> matched = new TreeSet<>();
        for (int j = 0; j < m; j++) {
            if (owner[j] >= 0) {
                matched.add(owner[j]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (matched.contains(i)) {
                continue;
            }
            String path = key + "[" + i + "]";
            JsonNode want = expected.get(i);
            if (m == 0) {
                out.add(new Mismatch(path, show(want), "none: the decision has no " + key));
                continue;
            }
            // The matching is maximum, so no free element fits this one; show how the closest free one differs.
            int best = -1;
            List<Mismatch> bestDiffs = null;
            for (int j = 0; j < m; j++) {
                if (owner[j] >= 0) {
                    continue;
                }
                List<Mismatch> d = differences(path, want, actual.get(j));
                if (bestDiffs == null || d.size() < bestDiffs.size()) {
                    best = j;
                    bestDiffs = d;
                }
            }
            if (bestDiffs == null) {
                out.add(new Mismatch(path, show(want), "nothing left: the decision has " + m + " " + key
                        + ", each matched by another expected element"));
                continue;
            }
            String where = " in " + key + "[" + best + "], the closest";
            for (Mismatch d : bestDiffs) {
                out.add(new Mismatch(d.path(), d.expected(), d.actual() + where));
            }
        }
    }

    private static boolean assign(int i, boolean[][] fits, int[] owner, boolean[] seen) {
        for (int j = 0; j < owner.length; j++) {
            if (fits[i][j] && !seen[j]) {
                seen[j] = true;
                if (owner[j] < 0 || assign(owner[j], fits, owner, seen)) {
                    owner[j] = i;
                    return true;
                }
            }
        }
        return false;
    }

    /** Subset comparison: every field the expected object names must be in the actual one, nested maps too. */
    private static List<Mismatch> differences(String path, JsonNode expected, JsonNode actual) {
        List<Mismatch> out = new ArrayList<>();
        differences(path, expected, actual, out);
        return out;
    }

    private static void differences(String path, JsonNode expected, JsonNode actual, List<Mismatch> out) {
        if (expected.isObject()) {
            if (actual == null || !actual.isObject()) {
                out.add(new Mismatch(path, show(expected), show(actual)));
                return;
            }
            for (Map.Entry<String, JsonNode> f : expected.properties()) {
                String at = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                differences(at, f.getValue(), actual.get(f.getKey()), out);
            }
        } else if (!same(expected, actual)) {
            out.add(new Mismatch(path, show(expected), show(actual)));
        }
    }

    /** Exact equality, except that numbers compare by value and an expected null matches an absent field. */
    private static boolean same(JsonNode expected, JsonNode actual) {
        if (expected.isNull()) {
            return actual == null || actual.isNull() || actual.isMissingNode();
        }
        if (actual == null || actual.isMissingNode()) {
            return false;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!same(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isObject() && actual.isObject()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> f : expected.properties()) {
                if (!same(f.getValue(), actual.get(f.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(out::add);
        }
        return out;
    }

    private static String show(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "(absent)";
        }
        String text = value.toString();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "…";
    }

    /** Elements without their long texts, enough to recognise them in a one-line message. */
    private static String brief(JsonNode array) {
        return brief(elements(array));
    }

    private static String brief(List<JsonNode> elements) {
        List<String> parts = new ArrayList<>();
        for (JsonNode element : elements) {
            if (!element.isObject()) {
                parts.add(element.toString());
                continue;
            }
            ObjectNode shown = NODES.objectNode();
            for (Map.Entry<String, JsonNode> f : element.properties()) {
                JsonNode v = f.getValue();
                boolean longText = v.isTextual() && v.asText().length() > 60;
                if (!longText && !v.isArray()) {
                    shown.set(f.getKey(), v);
                }
            }
            parts.add(shown.toString());
        }
        return String.join(", ", parts);
    }

    private static Set<String> fieldNames(Class<? extends Record> type) {
        Set<String> names = new LinkedHashSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            names.add(c.getName());
        }
        return names;
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** A "did you mean" for a misspelt key or rule name: the known name closest in edit distance, if close. */
    private static String suggestion(String wrong, Set<String> known) {
        String w = wrong.toLowerCase(Locale.ROOT);
        return known.stream()
                .min(Comparator.comparingInt((String k) -> distance(w, k.toLowerCase(Locale.ROOT))).thenComparing(k -> k))
                .filter(k -> distance(w, k.toLowerCase(Locale.ROOT)) <= Math.max(2, wrong.length() / 4))
                .map(k -> " (did you mean \"" + k + "\"?)")
                .orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
