// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.precisionformulary.engine.RulePackProblem;

/**
 * Compliance checks on DRL source that a compiler cannot make, run before a pack is accepted:
 * <ul>
 * <li>GINA: a rule that reads genetic facts may lower a member's barriers, never exclude coverage
 * (NCPDP 70), touch eligibility or premiums, or raise cost share;</li>
 * <li>{@code monitoringGroup} exists for equity reports only and no rule may read it;</li>
 * <li>time comes from the request's service date: no rule reads the system clock.</li>
 * </ul>
 * The checks read the rule text, so they see what an author wrote, comments removed.
 */
public final class PackLint {

    private static final Pattern RULE = Pattern.compile(
            "(?ms)^\\s*rule\\s+\"((?:[^\"\\\\]|\\\\.)*)\"(.*?)^\\s*when\\b(.*?)^\\s*then\\b(.*?)^\\s*end\\b");
    private static final Pattern GENETIC_FACT = Pattern.compile("\\b(GeneResult|GenomicFinding|GenomicGround|GenotypeInput)\\b");
    private static final Pattern RAISES_BARRIER = Pattern.compile(
            "(?i)(eligib\\w*|premium\\w*|cost.?share\\w*|copay\\w*|coinsurance\\w*|deductible\\w*|new\\s+Rejection\\s*\\(\\s*\"70\")");
    private static final Pattern MONITORING_GROUP = Pattern.compile("monitoringGroup");
    private static final Pattern CLOCK = Pattern.compile(
            "\\b(LocalDate|LocalDateTime|Instant|ZonedDateTime|OffsetDateTime|LocalTime)\\.now\\s*\\(|System\\.currentTimeMillis|new\\s+(java\\.util\\.)?Date\\s*\\(\\s*\\)");

    private static final Pattern META = Pattern.compile("@(\\w+)\\s*\\(");
    private static final Pattern GROUND = Pattern.compile("@ground\\s*\\(\\s*\"?([^\")]*)\"?\\s*\\)");
    private static final Pattern ORDERING = Pattern.compile("(?m)^\\s*(salience|agenda-group|activation-group|ruleflow-group)\\b");

    private PackLint() {
    }

    /**
     * The authoring checks {@code validate} adds to the compliance checks: every rule says what it is
     * (a gene–drug rule cites its guideline, classification and PMIDs; a routing or plan rule names its
     * {@code @concern}), rule names are unique across the pack (they are decisions' rule ids), a declared
     * {@code @ground} names one of the statutory grounds, and any salience or agenda group carries an
     * {@code @orderingReason}.
     *
     * @param files path to content; {@code .drl} files are checked
     * @return every problem, with file and line, compliance problems included
     */
    public static List<RulePackProblem> lint(Map<String, byte[]> files) {
        List<RulePackProblem> problems = new ArrayList<>(check(files));
        Map<String, String> seen = new java.util.HashMap<>();
        for (var e : files.entrySet()) {
            if (!e.getKey().endsWith(".drl")) {
                continue;
            }
            String text = withoutComments(new String(e.getValue(), StandardCharsets.UTF_8));
            Matcher m = RULE.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                String header = m.group(2);
                int line = lineOf(text, m.start(1));
                String where = e.getKey() + ":" + line;
                String earlier = seen.putIfAbsent(name, where);
                if (earlier != null) {
                    problems.add(new RulePackProblem(e.getKey(), line, "rule name \"" + name + "\" is also used at "
                            + earlier + "; rule names are the ids decisions cite and must be unique"));
                }
                java.util.Set<String> keys = new java.util.HashSet<>();
                Matcher meta = META.matcher(header);
                while (meta.find()) {
                    keys.add(meta.group(1));
                }
                boolean geneDrug = m.group(4).contains("GenomicFinding");
                List<String> required = geneDrug ? List.of("guidelineId", "classification", "pmids") : List.of("concern");
                for (String key : required) {
                    if (!keys.contains(key)) {
                        problems.add(new RulePackProblem(e.getKey(), line, "rule \"" + name + "\" has no @" + key
                                + (geneDrug ? " (a rule that inserts a GenomicFinding cites its evidence)"
                                : " (say which routing or plan concern the rule serves)")));
                    }
                }
                Matcher ground = GROUND.matcher(header);
                if (ground.find()) {
                    try {
                        Ground.of(ground.group(1));
                    } catch (IllegalArgumentException bad) {
                        problems.add(new RulePackProblem(e.getKey(), line, "rule \"" + name + "\": " + bad.getMessage()));
                    }
                }
                if (ORDERING.matcher(header).find() && !keys.contains("orderingReason")) {
                    problems.add(new RulePackProblem(e.getKey(), line, "rule \"" + name + "\" sets salience or an agenda"
                            + " group without @orderingReason; sequence rules by data where you can"));
                }
            }
        }
        return problems;
    }

    /**
     * Which file declares each rule, read from the {@code rule "name"} headers of the DRL sources (comments
     * removed), so that a report can group rules by the file an author edits. A name declared twice keeps its
     * first file; {@link #lint} reports the duplicate.
     *
     * @param files path to content; only {@code .drl} files are read
     * @return rule name to file path, in path order, then in order of declaration
     * @throws NullPointerException when files is {@code null}
     */
    public static java.util.LinkedHashMap<String, String> ruleFiles(Map<String, byte[]> files) {
        java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
        for (var e : new java.util.TreeMap<>(files).entrySet()) {
            if (!e.getKey().endsWith(".drl")) {
                continue;
            }
            Matcher m = RULE.matcher(withoutComments(new String(e.getValue(), StandardCharsets.UTF_8)));
            while (m.find()) {
                // The engine reports the name as Drools reads it, with the string's escapes resolved.
                out.putIfAbsent(m.group(1).replaceAll("\\\\(.)", "$1"), e.getKey());
            }
        }
        return out;
    }

    /**
     * @param files path to content; {@code .drl} files are checked
     * @return every problem, with file and line
     */
    public static List<RulePackProblem> check(Map<String, byte[]> files) {
        List<RulePackProblem> problems = new ArrayList<>();
        for (var e : files.entrySet()) {
            if (e.getKey().endsWith(".drl")) {
                problems.addAll(check(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8)));
            }
        }
        return problems;
    }

    static List<RulePackProblem> check(String file, String source) {
        String text = withoutComments(source);
        List<RulePackProblem> problems = new ArrayList<>();
        Matcher m = RULE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String when = m.group(3);
            String then = m.group(4);
            int line = lineOf(text, m.start(1));
            if (GENETIC_FACT.matcher(when).find()) {
                Matcher barrier = RAISES_BARRIER.matcher(then);
                if (barrier.find()) {
                    problems.add(new RulePackProblem(file, line, "GINA: rule \"" + name + "\" reads genetic facts and its"
                            + " consequence touches '" + barrier.group(1) + "'; genetic information may lower a member's"
                            + " barriers, never exclude coverage, raise cost share or touch eligibility or premiums"));
                }
            }
            if (MONITORING_GROUP.matcher(when + then).find()) {
                problems.add(new RulePackProblem(file, line, "rule \"" + name + "\" refers to monitoringGroup, which exists"
                        + " for equity reports only and is never given to a rule"));
            }
            Matcher clock = CLOCK.matcher(when + then);
            if (clock.find()) {
                problems.add(new RulePackProblem(file, line, "rule \"" + name + "\" reads the system clock ('"
                        + clock.group() + "'); use RequestedDrug.serviceDate, so every decision can be replayed"));
            }
        }
        return problems;
    }

    /** Blanks out comments and keeps line breaks, so line numbers still point at the source. */
    private static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        boolean inString = false;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                out.append(c);
                if (c == '\\' && i + 1 < source.length()) {
                    out.append(source.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                out.append(c);
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
                if (i < source.length()) {
                    out.append('\n');
                }
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                i += 2;
                while (i + 1 < source.length() && !(source.charAt(i) == '*' && source.charAt(i + 1) == '/')) {
                    out.append(source.charAt(i) == '\n' ? '\n' : ' ');
                    i++;
                }
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
