// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.precisionformulary.model.decision.Action;

/**
 * Maps each CPIC recommendation to one {@link Action} and writes the reviewed table {@code actions.tsv}.
 * Ordered phrase rules look at the primary instruction (the text before "Other Considerations:"); the first
 * match wins. Rows the rules get wrong are corrected in {@code action-overrides.tsv}, not here by id.
 */
public final class ActionClassifier {

    static final Path DIR = Path.of("src/main/resources/org/precisionformulary/content/cpic");
    static final Path RECOMMENDATIONS = DIR.resolve("recommendations.tsv");
    static final Path OVERRIDES = DIR.resolve("action-overrides.tsv");
    static final Path ACTIONS = DIR.resolve("actions.tsv");
    static final String HEADER = "recommendation_id\tdrug\tpopulation\tlookup_key\tclassification\taction\tbasis\trecommendation";
    private static final int TEXT_CHARS = 160;

    /** The action and the phrase or pattern that decided it. */
    public record Classified(Action action, String basis) {}

    /** The columns of a recommendations.tsv row this table needs. */
    record Recommendation(String id, String drug, String population, String lookupKey, String classification,
            String text) {}

    /** A manual correction: the action to use instead and why, in words a pharmacist can check. */
    record Correction(Action action, String reason) {}

    private record Rule(Action action, Pattern pattern, String basis) {}

    // "[^.;]*" keeps a phrase inside the first clause, so a later "if X is warranted, reduce ..." cannot decide.
    private static final List<Rule> RULES = List.of(
            rule(Action.NO_RECOMMENDATION, "^(no recommendation|n/a$)", "text \"No recommendation\" or \"n/a\""),
            // Tamoxifen: the avoidance is about co-medication; the drug itself is dosed as usual.
            rule(Action.STANDARD, "^avoid [^.]*inhibitors\\. initiate therapy with recommended standard",
                    "\"Avoid ... inhibitors\" is co-medication advice; \"standard of care dosing\""),
            rule(Action.AVOID, "^avoid\\b", "starts with \"Avoid\""),
            rule(Action.AVOID, "^(select|choose|prescribe|recommend) (an )?alternative",
                    "starts with \"Select/Choose/Prescribe/Recommend (an) alternative\""),
            rule(Action.AVOID, "^[^.;]*\\bis not recommended", "\"is not recommended\""),
            rule(Action.AVOID, "^[^.;]*\\bcontraindicated", "\"contraindicated\""),
            rule(Action.AVOID, "^[^.;]*\\bdo not use\\b", "\"do not use\""),
            rule(Action.CONSIDER_ALTERNATIVE, "^consider (an |a clinically appropriate )?alternative",
                    "starts with \"Consider (an) alternative\""),
            rule(Action.CONSIDER_ALTERNATIVE, "^consider a clinically appropriate antidepressant not",
                    "\"Consider a clinically appropriate antidepressant not ... metabolized by\""),
            rule(Action.CONSIDER_ALTERNATIVE, "^consider hormonal therapy such as an aromatase inhibitor",
                    "\"Consider hormonal therapy such as an aromatase inhibitor\" instead of tamoxifen"),
            // Azathioprine is mostly used for non-malignant disease, so CPIC puts the alternative first.
            rule(Action.CONSIDER_ALTERNATIVE, "^for non-malignant conditions, consider alternative",
                    "starts with \"For non-malignant conditions, consider alternative\""),
            // Atomoxetine normal and ultrarapid metabolizers: 40 -> 80 mg/day (0.5 -> 1.2 mg/kg/day) is the
            // label titration; only poor metabolizers get concentration-guided dosing beyond it.
            rule(Action.STANDARD, "^initiate with a dose of (40 mg/day|0\\.5 mg/kg(/day)?) and increase to",
                    "atomoxetine label titration \"Initiate with ... and increase to ... after 3 days\""),
            // Monitoring or testing is the point: no genotype-based dose or drug change is asked for.
            rule(Action.MONITOR, "enzyme activity must be measured", "\"enzyme activity must be measured\""),
            rule(Action.MONITOR, "^(neither tpmt|tpmt|nudt15) [^.]*could (not )?be assigned",
                    "phenotype could not be assigned: evaluate TPMT activity, \"monitor closely for toxicity\""),
            // Thiopurines with one gene normal and the other unknown: CPIC's point is close monitoring.
            rule(Action.MONITOR, "^start with normal starting dose.*monitor closely for toxicity",
                    "normal start, other gene unknown: \"monitor closely for toxicity\""),
            rule(Action.MONITOR, "clinical findings, family history, further genetic testing",
                    "\"clinical findings, family history, further genetic testing ... should guide use\""),
            rule(Action.MONITOR, "cautiously consider use", "\"cautiously consider use\" (prior tolerance)"),
            rule(Action.MONITOR, "with increased frequency of clinical monitoring",
                    "\"with increased frequency of clinical monitoring\""),
            rule(Action.MONITOR, "^use [^.]*at standard doses [^.]*(monitoring|caution)",
                    "\"at standard doses\" with monitoring/caution"),
            rule(Action.MONITOR, "^initiate [^.]*(recommended|standard)[^.]*\\. use therapeutic drug monitoring",
                    "standard start, then \"Use therapeutic drug monitoring\""),
            // A standard start followed by a genotype-based titration/maintenance change is still a dose change.
            rule(Action.ADJUST_DOSE, "^initiate [^.]*starting (daily )?dose\\. [^.]*"
                    + "(slower titration|lower maintenance|\\d+% reduction|increasing dose)",
                    "standard start, then \"slower titration / lower maintenance / % reduction / increasing dose\""),
            rule(Action.STANDARD, "^((initiate|start) (\\w+ )?(therapy )?with (recommended|standard|normal) |initiate standard )",
                    "starts with \"Initiate/Start with recommended/standard/normal\" dose"),
            rule(Action.STANDARD, "^prescribe desired starting dose", "\"Prescribe desired starting dose\""),
            rule(Action.STANDARD, "^use [^.]*(per standard dosing|label|according to the product label)",
                    "\"Use ... per standard dosing / label\""),
            rule(Action.STANDARD, "^no adjustments needed", "\"No adjustments needed\""),
            rule(Action.STANDARD, "^if considering [^.]*use at standard dose", "\"use at standard dose\""),
            rule(Action.STANDARD, "^(no reason|there is no need|there is no indication) to",
                    "\"no reason / no need / no indication\" to avoid or change"),
            rule(Action.ADJUST_DOSE, "^for first dose, [^.]*\\. for subsequent doses,? use approximately \\d+% less",
                    "\"For subsequent doses use approximately N% less\""),
            // Atomoxetine: CPIC's own schedule with concentration-guided increases beyond the label.
            rule(Action.ADJUST_DOSE, "^initiate with a dose of", "starts with \"Initiate with a dose of\" (CPIC titration)"),
            rule(Action.ADJUST_DOSE, "^increase starting", "starts with \"Increase starting\" dose"),
            rule(Action.ADJUST_DOSE, "^prescribe ≤", "\"Prescribe ≤N mg as a starting dose\""),
            rule(Action.ADJUST_DOSE, "^[^.;]*\\breduc", "\"reduce/reduced/reduction\""),
            rule(Action.ADJUST_DOSE, "^[^.;]*\\b(decreased|lower) (starting )?dose", "\"decreased/lower starting dose\""),
            rule(Action.ADJUST_DOSE, "^[^.;]*lowest recommended starting dose", "\"lowest recommended starting dose\""),
            rule(Action.ADJUST_DOSE, "^[^.;]*\\d+% of", "\"N% of\" a normal dose"),
            rule(Action.ADJUST_DOSE, "^[^.;]*\\binitiate dose at", "\"initiate dose at\" a reduced dose"));

    private static final Pattern OTHER_CONSIDERATIONS = Pattern.compile("\\s*Other Considerations:.*$");
    // "Based on TPMT status, start with ..." carries the instruction after the comma.
    private static final Pattern BASED_ON = Pattern.compile("^based (on )?\\S+( status)?,\\s*", Pattern.CASE_INSENSITIVE);

    private ActionClassifier() {}

    private static Rule rule(Action action, String regex, String basis) {
        return new Rule(action, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), basis);
    }

    /**
     * @param recommendationText the CPIC recommendation text
     * @param classification     CPIC's strength: Strong, Moderate, Optional, No recommendation or N/A
     * @return the action and what decided it; {@link Action#INDETERMINATE} when no rule matched
     */
    public static Classified classify(String recommendationText, String classification) {
        // CPIC's classification is the authority for "no recommendation"; the text rule catches the 44 oddities.
        if ("No recommendation".equals(classification) || "N/A".equals(classification)) {
            return new Classified(Action.NO_RECOMMENDATION, "classification " + classification);
        }
        String primary = OTHER_CONSIDERATIONS.matcher(recommendationText.strip()).replaceFirst("").strip();
        primary = BASED_ON.matcher(primary).replaceFirst("").replaceAll("\\s+", " ");
        for (Rule r : RULES) {
            if (r.pattern().matcher(primary).find()) {
                return new Classified(r.action(), r.basis());
            }
        }
        return new Classified(Action.INDETERMINATE, "no rule matched");
    }

    /** @return the data rows of a TSV file as column name to cell; lines starting with '#' are comments */
    static List<Map<String, String>> readTsv(Path tsv) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        String[] header = null;
        for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (header == null) {
                header = cells;
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], i < cells.length ? cells[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    static List<Recommendation> readRecommendations(Path tsv) throws IOException {
        return readTsv(tsv).stream().map(r -> new Recommendation(r.get("recommendation_id"), r.get("drug"),
                r.get("population"), r.get("lookup_key"), r.get("classification"), r.get("recommendation"))).toList();
    }

    static Map<String, Correction> readCorrections(Path tsv) throws IOException {
        Map<String, Correction> out = new LinkedHashMap<>();
        for (Map<String, String> r : readTsv(tsv)) {
            var correction = new Correction(Action.valueOf(r.get("action").strip()), r.get("reason").strip());
            if (out.put(r.get("recommendation_id").strip(), correction) != null) {
                throw new IllegalStateException("duplicate override for " + r.get("recommendation_id"));
            }
        }
        return out;
    }

    /** @return the phrase rules' answer, or the override where there is one */
    static Classified decide(Recommendation r, Map<String, Correction> overrides) {
        Correction o = overrides.get(r.id());
        return o != null ? new Classified(o.action(), "override: " + o.reason())
                : classify(r.text(), r.classification());
    }

    /** @return the complete text of actions.tsv for these recommendations and overrides */
    static String render(List<Recommendation> recommendations, Map<String, Correction> overrides) {
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        StringBuilder rows = new StringBuilder(HEADER).append('\n');
        for (Recommendation r : recommendations) {
            Classified c = decide(r, overrides);
            counts.merge(c.action(), 1, Integer::sum);
            String text = r.text().strip();
            text = text.length() > TEXT_CHARS ? text.substring(0, TEXT_CHARS - 1) + "…" : text;
            rows.append(String.join("\t", r.id(), r.drug(), r.population(), r.lookupKey(), r.classification(),
                    c.action().name(), c.basis(), text)).append('\n');
        }
        return "# CPIC recommendation -> action: one row per row of recommendations.tsv, in the same order.\n"
                + "# Generated, do not edit by hand. Built by ActionClassifier\n"
                + "# (rules-content/src/test/java/org/precisionformulary/content/generator/ActionClassifier.java):\n"
                + "# ordered phrase rules on the primary instruction of each text (first match wins),\n"
                + "# then the manual corrections in action-overrides.tsv.\n"
                + "# The basis column names the phrase, rule or override that decided; recommendation is cut to "
                + TEXT_CHARS + " chars.\n"
                + "# Regenerate: ./mvnw -pl rules-content -am test -Dtest=ActionTableTest -Dcpic.regenerate=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false\n"
                + "# Counts: " + counts + " (" + overrides.size() + " overrides)\n"
                + rows;
    }

    /** Writes actions.tsv from the recommendations and the overrides. */
    public static void writeTable(Path recommendationsTsv, Path overridesTsv, Path out) throws IOException {
        String table = render(readRecommendations(recommendationsTsv), readCorrections(overridesTsv));
        Files.writeString(out, table, StandardCharsets.UTF_8);
    }

    /** Run from the rules-content directory; the test does the same with {@code -Dcpic.regenerate=true}. */
    public static void main(String[] args) throws IOException {
        writeTable(RECOMMENDATIONS, OVERRIDES, ACTIONS);
    }
}
