// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.precisionformulary.content.ContentException;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.population.PopulationSelector;
import org.precisionformulary.engine.RulePackException;
import org.precisionformulary.engine.RulePackProblem;
import org.precisionformulary.model.decision.Action;

/**
 * The data tables a plan's rule pack may hold beside its rules, where its pharmacy and therapeutics
 * committee decides differently from the built-in content for the plan's members:
 * <ul>
 *   <li>{@code pt-decisions.tsv}: per CPIC recommendation id, the action, ground or condition the plan's
 *       members get instead of the built-in table's, with who decided, when and why. Each decision that changes
 *       a finding is listed in that decision's audit.</li>
 *   <li>{@code populations.tsv}: selectors in place of the built-in ones for the same drug and population
 *       (prior-use continuity and look-back, ages, diagnoses), read by {@link PopulationSelector}.</li>
 * </ul>
 * Both sit at the pack's root. A pack whose tables cannot be read is refused with file and line, like a rule
 * that does not compile.
 *
 * @param populationsTsv the pack's {@code populations.tsv}, or {@code null}
 * @param decisions      the P&amp;T decisions by recommendation id, in file order
 */
public record PlanTables(String populationsTsv, Map<String, PtDecision> decisions) {

    /** The P&amp;T decision file's name. */
    public static final String PT_DECISIONS = "pt-decisions.tsv";

    /** A pack with no plan tables: the built-in content decides. */
    public static final PlanTables NONE = new PlanTables(null, Map.of());

    static final String HEADER = "recommendation_id\taction\tground\tcondition\tdecided_by\tdecided_on\tnote";

    private static final Pattern FILE_LINE = Pattern.compile("^[^:]+:(\\d+): ");

    /**
     * One P&amp;T decision. An empty action, ground or condition keeps the built-in table's.
     *
     * @param recommendationId the CPIC recommendation it is about
     * @param action           the action instead, or {@code null}
     * @param ground           the statutory ground instead, or {@code null}
     * @param condition        the condition of use instead ({@code none}: no condition), or {@code null}
     * @param decidedBy        who decided (the committee, a name)
     * @param decidedOn        when
     * @param note             why, in words a reviewer can check
     */
    public record PtDecision(String recommendationId, Action action, String ground, String condition,
                             String decidedBy, LocalDate decidedOn, String note) {

        /**
         * @param was    the finding's action before the decision
         * @return the audit line: id, what changed, who and when
         */
        String audit(Action was) {
            List<String> changes = new ArrayList<>();
            if (action != null) {
                changes.add("action " + was + " -> " + action);
            }
            if (ground != null) {
                changes.add("ground " + ground);
            }
            if (condition != null) {
                changes.add("condition " + condition);
            }
            return recommendationId + ": " + String.join(", ", changes) + " (P&T decision by " + decidedBy + " on "
                    + decidedOn + ": " + note + ")";
        }
    }

    /**
     * @param recommendationId a CPIC recommendation id, or {@code null}
     * @return the plan's decision on it, or {@code null}
     */
    PtDecision decision(String recommendationId) {
        return recommendationId == null ? null : decisions.get(recommendationId);
    }

    /**
     * Reads the plan tables of a pack whose files passed {@link #check}.
     *
     * @param files the pack's files, relative to its root
     * @param cpic  the CPIC tables
     * @param origin where the pack comes from, for messages
     * @return the tables; {@link #NONE} when the pack has neither
     * @throws RulePackException with every problem when a table is invalid
     */
    static PlanTables read(Map<String, byte[]> files, CpicData cpic, String origin) {
        List<RulePackProblem> problems = new ArrayList<>();
        PlanTables tables = parse(files, cpic, problems);
        if (!problems.isEmpty()) {
            throw new RulePackException(origin + " is refused: its plan tables cannot be read", problems);
        }
        return tables;
    }

    /**
     * @param files the pack's files, relative to its root
     * @param cpic  the CPIC tables
     * @return every problem of the pack's plan tables, with file and line; empty when they can be used
     */
    static List<RulePackProblem> check(Map<String, byte[]> files, CpicData cpic) {
        List<RulePackProblem> problems = new ArrayList<>();
        parse(files, cpic, problems);
        return problems;
    }

    private static PlanTables parse(Map<String, byte[]> files, CpicData cpic, List<RulePackProblem> problems) {
        String populations = text(files.get(PopulationSelector.TABLE));
        if (populations != null) {
            try {
                new PopulationSelector(cpic, populations, PopulationSelector.TABLE);
            } catch (ContentException e) {
                Matcher m = FILE_LINE.matcher(e.getMessage());
                problems.add(new RulePackProblem(PopulationSelector.TABLE, m.find() ? Integer.parseInt(m.group(1)) : 1,
                        m.replaceFirst("")));
            }
        }
        String decisionsTsv = text(files.get(PT_DECISIONS));
        Map<String, PtDecision> decisions = decisionsTsv == null ? Map.of() : decisions(decisionsTsv, cpic, problems);
        return populations == null && decisions.isEmpty() ? NONE : new PlanTables(populations, decisions);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static Map<String, PtDecision> decisions(String tsv, CpicData cpic, List<RulePackProblem> problems) {
        Map<String, PtDecision> out = new LinkedHashMap<>();
        String[] lines = tsv.split("\\R", -1);
        boolean header = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                header = true;
                if (!line.strip().equals(HEADER)) {
                    problems.add(new RulePackProblem(PT_DECISIONS, number, "the header must be: "
                            + HEADER.replace('\t', ' ')));
                    return Map.of();
                }
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != 7) {
                problems.add(new RulePackProblem(PT_DECISIONS, number, cells.length + " cells, the header has 7"));
                continue;
            }
            List<String> errors = new ArrayList<>();
            PtDecision d = decision(Arrays.stream(cells).map(String::strip).toArray(String[]::new), cpic, errors);
            if (d != null && out.containsKey(d.recommendationId())) {
                errors.add("a second decision on " + d.recommendationId());
            }
            errors.forEach(e -> problems.add(new RulePackProblem(PT_DECISIONS, number, e)));
            if (errors.isEmpty()) {
                out.put(d.recommendationId(), d);
            }
        }
        return out;
    }

    private static PtDecision decision(String[] c, CpicData cpic, List<String> errors) {
        String id = c[0];
        if (cpic.recommendation(id).isEmpty()) {
            errors.add("recommendation_id '" + id + "' is not a recommendation of the CPIC tables " + cpic.version());
        }
        Action action = null;
        if (!c[1].isEmpty()) {
            try {
                action = Action.valueOf(c[1].toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("action '" + c[1] + "' is not one of " + Arrays.toString(Action.values()));
            }
            if (action == Action.INDETERMINATE) {
                errors.add("action INDETERMINATE is the engine's, not a decision");
            }
        }
        String ground = c[2].isEmpty() ? null : c[2].toUpperCase(Locale.ROOT);
        if (ground != null && Arrays.stream(Ground.values()).noneMatch(g -> g.name().equals(ground))) {
            errors.add("ground '" + c[2] + "' is not one of " + Arrays.toString(Ground.values()));
        }
        if (action != null && action.arguesAgainst() && ground == null) {
            errors.add("action " + action + " argues against the drug: name its ground");
        }
        if (action != null && !action.arguesAgainst() && ground != null) {
            errors.add("action " + action + " does not argue against the drug: it takes no ground");
        }
        String condition = c[3].isEmpty() ? null : c[3];
        if (condition != null && action != null && action != Action.AVOID) {
            errors.add("only an AVOID takes a condition of use, not " + action);
        }
        if (action == null && ground == null && condition == null) {
            errors.add("the decision changes nothing: give an action, a ground or a condition");
        }
        for (int i = 4; i <= 6; i++) {
            if (c[i].isEmpty()) {
                errors.add(HEADER.split("\t")[i] + " is required: every P&T decision says who, when and why");
            }
        }
        LocalDate on = null;
        try {
            on = c[5].isEmpty() ? null : LocalDate.parse(c[5]);
        } catch (DateTimeParseException e) {
            errors.add("decided_on '" + c[5] + "' is not a date (yyyy-mm-dd)");
        }
        return errors.isEmpty() ? new PtDecision(id, action, ground, condition, c[4], on, c[6]) : null;
    }
}
