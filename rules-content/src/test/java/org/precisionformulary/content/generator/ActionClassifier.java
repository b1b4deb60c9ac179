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
 * Maps each CPIC recommendation to one {@link Action} and, where the action argues against the drug, to the
 * statutory {@link Ground} a step-therapy or tier exception can cite, and writes the machine-proposed table
 * {@code actions.tsv}. Ordered phrase rules look at the primary instruction (the text before "Other
 * Considerations:") and, for the ground, at CPIC's implications; the first match wins. Rows the rules get
 * wrong are corrected in {@code action-overrides.tsv} and {@code ground-overrides.tsv}, not here by id.
 */
public final class ActionClassifier {

    static final Path DIR = Path.of("src/main/resources/org/precisionformulary/content/cpic");
    static final Path RECOMMENDATIONS = DIR.resolve("recommendations.tsv");
    static final Path OVERRIDES = DIR.resolve("action-overrides.tsv");
    static final Path GROUND_OVERRIDES = DIR.resolve("ground-overrides.tsv");
    static final Path ACTIONS = DIR.resolve("actions.tsv");
    static final String HEADER = "recommendation_id\tdrug\tpopulation\tlookup_key\tclassification\taction\tbasis"
            + "\tground\tground_basis\tcondition\tcondition_basis\treview_status\treviewed_by\treviewed_on\treview_note"
            + "\trecommendation";
    /** The ground cell of a row whose action does not argue against the drug. */
    static final String NO_GROUND = "-";
    /** The condition cell of an AVOID row where CPIC states no condition under which the drug may be used. */
    static final String NO_CONDITION = "none";
    /** The review status of a row the generator wrote: proposed by the phrase rules, not yet read by a pharmacist. */
    static final String MACHINE = "machine";
    /** The review status of a row a pharmacist has read and signed; the generator never rewrites it. */
    static final String REVIEWED = "reviewed";
    private static final int CONDITION_CHARS = 240;
    private static final int TEXT_CHARS = 160;

    /** The action and the phrase or pattern that decided it. */
    public record Classified(Action action, String basis) {}

    /**
     * The statutory exception ground a finding against a drug supports. Step-therapy exception laws accept a
     * drug that is contraindicated or likely to cause an adverse reaction, or one expected to be ineffective
     * given the patient's known clinical characteristics; where CPIC's text says neither, the finding is
     * cited as CPIC's advice against the drug.
     */
    public enum Ground { CONTRAINDICATED, ADVERSE_REACTION, INEFFECTIVE, ADVISED_AGAINST }

    /** The ground and the phrase or override that decided it. */
    public record GroundClassified(Ground ground, String basis) {}

    /** The columns of a recommendations.tsv row this table needs. */
    record Recommendation(String id, String drug, String population, String lookupKey, String classification,
            String text, String implications) {}

    /** A manual correction: the action to use instead and why, in words a pharmacist can check. */
    record Correction(Action action, String reason) {}

    /** A manual correction of the ground and why, in words a pharmacist can check. */
    record GroundCorrection(Ground ground, String reason) {}

    /** Which CPIC text a ground rule reads. */
    private enum Source { RECOMMENDATION, IMPLICATIONS }

    private record GroundRule(Ground ground, Source source, Pattern pattern, String basis) {}

    private record Rule(Action action, Pattern pattern, String basis) {}

    /** The condition under which CPIC still allows a drug it advises avoiding, in CPIC's words, and the rule. */
    public record ConditionClassified(String condition, String basis) {}

    private record ConditionRule(Pattern pattern, String basis) {}

    // Conditions, first match wins, over the whole text (Other Considerations included: the tricyclics' low
    // doses for neuropathic pain are there). The match is CPIC's own clause, so a reviewer reads CPIC's words.
    // "If opioid use is warranted, consider a non-tramadol opioid" names an alternative, not a condition for
    // the drug itself, hence the negative look-ahead.
    private static final List<ConditionRule> CONDITION_RULES = List.of(
            conditionRule("\\bunless [^.;]*", "\"unless\""),
            conditionRule("\\bexcept in extraordinary circumstances[^.;]*", "\"except in extraordinary circumstances\""),
            conditionRule("\\bexcept in the following cases.*", "\"except in the following cases\""),
            conditionRule("\\bin the event,? [^.;]*", "\"in the event ...\" (no suitable alternative)"),
            conditionRule("\\bif (a |an )?[\\w-]+( [\\w-]+)? (use |therapy )?is warranted, (?!consider (a |an )?(non|alternative))[^.;]*",
                    "\"if ... is warranted\""),
            conditionRule("\\bfor tertiary amines, consider [^.;]*", "\"for tertiary amines, consider\" a reduced dose"),
            conditionRule("\\bif [^.;,]* (is|are) contraindicated, [^.;]*", "\"if ... is contraindicated\" (the alternative)"),
            conditionRule("[^.;]*\\bcan be considered if [^.;]*", "\"can be considered if\""),
            conditionRule("[^.;]*\\band alternative agents are available[^.;]*", "\"and alternative agents are available\""),
            conditionRule("[^.;]*\\bif possible\\b[^.;]*", "\"if possible\""),
            conditionRule("[^.;]*\\blower initial doses are used[^.;]*", "\"lower initial doses\" (e.g. neuropathic pain)"));

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
            rule(Action.MEASURE_FIRST, "enzyme activity must be measured", "\"enzyme activity must be measured\""),
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

    // Grounds, first match wins. The recommendation's first sentence is read first: where CPIC states its own
    // reason ("due to potential lack of efficacy", "because of potential for serious toxicity") that decides,
    // so a later "if warranted, titrate ... based on efficacy and side effects" cannot. Then the implications:
    // a named severe cutaneous or hypersensitivity reaction, then lost efficacy, then any other named harm.
    // Lost efficacy comes before harm in the implications because CPIC often names the harm that follows from
    // it (clopidogrel: too little active metabolite, hence adverse cardiovascular events).
    private static final List<GroundRule> GROUND_RULES = List.of(
            groundRule(Ground.CONTRAINDICATED, Source.RECOMMENDATION, "\\b(is|are) (relatively )?contraindicated\\b",
                    "first sentence: \"is/are (relatively) contraindicated\""),
            groundRule(Ground.INEFFECTIVE, Source.RECOMMENDATION,
                    "lack of efficacy|sub-?optimal response|diminished analgesia|therapeutic failure|reduced efficacy",
                    "first sentence names lost efficacy"),
            groundRule(Ground.ADVERSE_REACTION, Source.RECOMMENDATION, "side effects|toxicit(?:y|ies)|hearing loss|adverse",
                    "first sentence names harm"),
            groundRule(Ground.ADVERSE_REACTION, Source.IMPLICATIONS,
                    "sjs/ten|stevens-johnson|toxic epidermal necrolysis|hypersensitivity|\\bscar\\b|\\bdress\\b"
                            + "|malignant hyperthermia",
                    "implications name a severe drug reaction"),
            groundRule(Ground.INEFFECTIVE, Source.IMPLICATIONS,
                    "pharmacotherapy failure|therapeutic failure|lack of efficacy|decreased response|reduced response"
                            + "|probability of clinical benefit|attainment of therapeutic [a-z ]*concentrations"
                            + "|reduced [a-z ]*active metabolite|risk of [a-z ]*cancer recurrence"
                            + "|negative for a [a-z]+ variant [^.|]*\\bresponsive\\b",
                    "implications name lost efficacy"),
            groundRule(Ground.ADVERSE_REACTION, Source.IMPLICATIONS,
                    "side effects|adverse|toxicit(?:y|ies)|myopathy|bleeding|neutropenia|myelosuppression|ha?emoly\\w*"
                            + "|hearing loss|bilirubin",
                    "implications name harm"));

    // The TCA guideline's CYP2C19 implication says the change "may affect response or side effects": it names
    // both grounds and decides neither, so it is blanked before the implication rules read the text.
    private static final Pattern UNDECIDED = Pattern.compile("may affect response or side effects", Pattern.CASE_INSENSITIVE);
    private static final Pattern FIRST_SENTENCE = Pattern.compile("^.*?\\.(\\s|$)");

    private static final Pattern OTHER_CONSIDERATIONS = Pattern.compile("\\s*Other Considerations:.*$");
    // "Based on TPMT status, start with ..." carries the instruction after the comma.
    private static final Pattern BASED_ON = Pattern.compile("^based (on )?\\S+( status)?,\\s*", Pattern.CASE_INSENSITIVE);

    private ActionClassifier() {}

    private static Rule rule(Action action, String regex, String basis) {
        return new Rule(action, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), basis);
    }

    private static ConditionRule conditionRule(String regex, String basis) {
        return new ConditionRule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), basis);
    }

    /**
     * Finds the condition under which CPIC still allows a drug it advises avoiding.
     *
     * @param recommendationText the CPIC recommendation text
     * @return CPIC's clause and the rule that found it; {@link #NO_CONDITION} when CPIC states none
     */
    public static ConditionClassified classifyCondition(String recommendationText) {
        String text = recommendationText.strip().replaceAll("\\s+", " ");
        for (ConditionRule r : CONDITION_RULES) {
            var m = r.pattern().matcher(text);
            if (m.find()) {
                String clause = m.group().strip();
                clause = clause.length() > CONDITION_CHARS ? clause.substring(0, CONDITION_CHARS - 1) + "…" : clause;
                return new ConditionClassified(clause, r.basis());
            }
        }
        return new ConditionClassified(NO_CONDITION, "no condition phrase matched");
    }

    private static GroundRule groundRule(Ground ground, Source source, String regex, String basis) {
        return new GroundRule(ground, source, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), basis);
    }

    /**
     * Proposes the statutory ground of a recommendation that argues against its drug.
     *
     * @param recommendationText the CPIC recommendation text
     * @param implications       CPIC's implications, one per gene, as written in recommendations.tsv
     * @return the ground and the phrase that decided it; {@link Ground#ADVISED_AGAINST} when no rule matched
     */
    public static GroundClassified classifyGround(String recommendationText, String implications) {
        String primary = OTHER_CONSIDERATIONS.matcher(recommendationText.strip()).replaceFirst("").strip();
        primary = BASED_ON.matcher(primary).replaceFirst("").replaceAll("\\s+", " ");
        var first = FIRST_SENTENCE.matcher(primary);
        String sentence = first.find() ? first.group() : primary;
        String implied = UNDECIDED.matcher(implications).replaceAll("");
        for (GroundRule r : GROUND_RULES) {
            var m = r.pattern().matcher(r.source() == Source.RECOMMENDATION ? sentence : implied);
            if (m.find()) {
                return new GroundClassified(r.ground(), r.basis() + ": \"" + m.group() + "\"");
            }
        }
        return new GroundClassified(Ground.ADVISED_AGAINST, "no ground phrase matched");
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
                r.get("population"), r.get("lookup_key"), r.get("classification"), r.get("recommendation"),
                r.get("implications"))).toList();
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

    static Map<String, GroundCorrection> readGroundCorrections(Path tsv) throws IOException {
        Map<String, GroundCorrection> out = new LinkedHashMap<>();
        for (Map<String, String> r : readTsv(tsv)) {
            var correction = new GroundCorrection(Ground.valueOf(r.get("ground").strip()), r.get("reason").strip());
            if (out.put(r.get("recommendation_id").strip(), correction) != null) {
                throw new IllegalStateException("duplicate ground override for " + r.get("recommendation_id"));
            }
        }
        return out;
    }

    /** @return the ground phrase rules' answer, or the override where there is one */
    static GroundClassified decideGround(Recommendation r, Map<String, GroundCorrection> overrides) {
        GroundCorrection o = overrides.get(r.id());
        return o != null ? new GroundClassified(o.ground(), "override: " + o.reason())
                : classifyGround(r.text(), r.implications());
    }

    /** @return the phrase rules' answer, or the override where there is one */
    static Classified decide(Recommendation r, Map<String, Correction> overrides) {
        Correction o = overrides.get(r.id());
        return o != null ? new Classified(o.action(), "override: " + o.reason())
                : classify(r.text(), r.classification());
    }

    /**
     * A row a pharmacist has signed: its action, ground and condition stand as written, against the CPIC text
     * they were read with.
     */
    record Review(String action, String ground, String condition, String by, String on, String note, String text) {}

    /**
     * The reviewed rows of the committed table, checked: who, when (an ISO date) and a note on each, a valid
     * action, and a ground exactly where the action argues against the drug.
     *
     * @param committed the rows of the committed actions.tsv (a table written before review status existed
     *                  has none)
     * @return recommendation id to review
     * @throws IllegalStateException naming every row that is not a complete review
     */
    static Map<String, Review> reviews(List<Map<String, String>> committed) {
        Map<String, Review> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, String> row : committed) {
            String status = row.getOrDefault("review_status", MACHINE);
            String id = row.get("recommendation_id");
            if (!REVIEWED.equals(status)) {
                if (!MACHINE.equals(status)) {
                    problems.add(id + ": review_status '" + status + "' is neither " + MACHINE + " nor " + REVIEWED);
                }
                continue;
            }
            Review r = new Review(row.get("action"), row.get("ground"), row.get("condition"), row.get("reviewed_by"),
                    row.get("reviewed_on"), row.get("review_note"), row.get("recommendation"));
            for (var cell : Map.of("reviewed_by", r.by(), "reviewed_on", r.on(), "review_note", r.note()).entrySet()) {
                if (cell.getValue() == null || cell.getValue().isBlank() || cell.getValue().equals("-")) {
                    problems.add(id + ": a reviewed row needs " + cell.getKey());
                }
            }
            try {
                java.time.LocalDate.parse(r.on());
            } catch (RuntimeException e) {
                problems.add(id + ": reviewed_on '" + r.on() + "' is not a date (yyyy-mm-dd)");
            }
            Action action;
            try {
                action = Action.valueOf(r.action());
            } catch (RuntimeException e) {
                problems.add(id + ": action '" + r.action() + "' is not one of " + java.util.Arrays.toString(Action.values()));
                continue;
            }
            boolean hasGround = r.ground() != null && !r.ground().equals(NO_GROUND);
            if (action.arguesAgainst() != hasGround) {
                problems.add(id + ": " + action + (hasGround ? " takes no ground" : " needs a ground"));
            } else if (hasGround && java.util.Arrays.stream(Ground.values()).noneMatch(g -> g.name().equals(r.ground()))) {
                problems.add(id + ": ground '" + r.ground() + "' is not one of " + java.util.Arrays.toString(Ground.values()));
            }
            out.put(id, r);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("actions.tsv has incomplete reviews:\n  " + String.join("\n  ", problems));
        }
        return out;
    }

    /**
     * @return the complete text of actions.tsv for these recommendations and overrides, with every reviewed row
     *         kept as its reviewer left it
     * @throws IllegalStateException when CPIC's text of a reviewed row changed (the message shows the old and
     *                               the new text: the row must be reviewed again), or a review is incomplete
     */
    static String render(List<Recommendation> recommendations, Map<String, Correction> overrides,
                         Map<String, GroundCorrection> groundOverrides, Map<String, Review> reviews) {
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        Map<Ground, Integer> groundCounts = new EnumMap<>(Ground.class);
        int conditional = 0;
        int avoid = 0;
        List<String> changed = new ArrayList<>();
        StringBuilder rows = new StringBuilder(HEADER).append('\n');
        for (Recommendation r : recommendations) {
            Review review = reviews.get(r.id());
            String text = r.text().strip();
            List<String> cells;
            if (review != null) {
                if (!review.text().equals(text)) {
                    changed.add(r.id() + " (" + r.drug() + ", reviewed by " + review.by() + " on " + review.on()
                            + ")\n    old: " + review.text() + "\n    new: " + text);
                }
                cells = List.of(review.action(), "reviewed", review.ground(), "reviewed", review.condition(), "reviewed",
                        REVIEWED, review.by(), review.on(), review.note(), text);
            } else {
                cells = machineCells(r, overrides, groundOverrides, text);
            }
            Action action = Action.valueOf(cells.get(0));
            counts.merge(action, 1, Integer::sum);
            if (action.arguesAgainst()) {
                groundCounts.merge(Ground.valueOf(cells.get(2)), 1, Integer::sum);
            }
            if (action == Action.AVOID) {
                avoid++;
                conditional += NO_CONDITION.equals(cells.get(4)) ? 0 : 1;
            }
            List<String> line = new ArrayList<>(List.of(r.id(), r.drug(), r.population(), r.lookupKey(), r.classification()));
            line.addAll(cells);
            rows.append(String.join("\t", line)).append('\n');
        }
        if (!changed.isEmpty()) {
            throw new IllegalStateException("CPIC changed the text of " + changed.size() + " reviewed row(s); they are not"
                    + " regenerated. Review each again (or set it back to " + MACHINE + "):\n  " + String.join("\n  ", changed));
        }
        return "# CPIC recommendation -> action: one row per row of recommendations.tsv, in the same order.\n"
                + "# Generated by ActionClassifier\n"
                + "# (rules-content/src/test/java/org/precisionformulary/content/generator/ActionClassifier.java):\n"
                + "# ordered phrase rules on the primary instruction of each text (first match wins),\n"
                + "# then the manual corrections in action-overrides.tsv.\n"
                + "# The basis column names the phrase, rule or override that decided; recommendation is cut to "
                + TEXT_CHARS + " chars\n# on machine rows and complete on reviewed rows.\n"
                + "# ground: the statutory exception ground of an AVOID or CONSIDER_ALTERNATIVE row (\"-\" on every\n"
                + "# other row), proposed by the ground phrase rules on the recommendation's first sentence and on CPIC's\n"
                + "# implications, then the manual corrections in ground-overrides.tsv; ground_basis says which decided.\n"
                + "# condition: on an AVOID row, the condition under which CPIC still allows the drug, in CPIC's words\n"
                + "# (\"" + NO_CONDITION + "\" where CPIC states none; \"-\" on every other row); condition_basis names the phrase.\n"
                + "# review_status: " + MACHINE + " (proposed by the rules above, not yet read by a pharmacist) or " + REVIEWED
                + " (signed: reviewed_by,\n# reviewed_on, review_note). Only a reviewed row may be edited by hand; the generator"
                + " keeps it as written and\n# fails, showing the old and new text, when CPIC's text of a reviewed row changes.\n"
                + "# Regenerate: ./mvnw -pl rules-content -am test -Dtest=ActionTableTest -Dcpic.regenerate=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false\n"
                + "# Counts: " + counts + " (" + overrides.size() + " overrides)\n"
                + "# Grounds: " + groundCounts + " (" + groundOverrides.size() + " overrides)\n"
                + "# Conditions: " + conditional + " of " + avoid + " AVOID rows state one\n"
                + "# Review: " + reviews.size() + " of " + recommendations.size() + " rows reviewed\n"
                + rows;
    }

    /** The cells from action to the end of a row the rules and corrections propose. */
    private static List<String> machineCells(Recommendation r, Map<String, Correction> overrides,
                                             Map<String, GroundCorrection> groundOverrides, String text) {
        Classified c = decide(r, overrides);
        String ground = NO_GROUND;
        String groundBasis = NO_GROUND;
        if (c.action().arguesAgainst()) {
            GroundClassified g = decideGround(r, groundOverrides);
            ground = g.ground().name();
            groundBasis = g.basis();
        } else if (groundOverrides.containsKey(r.id())) {
            throw new IllegalStateException("ground override for " + r.id() + ", whose action " + c.action()
                    + " does not argue against the drug");
        }
        String condition = NO_GROUND;
        String conditionBasis = NO_GROUND;
        if (c.action() == Action.AVOID) {
            ConditionClassified k = classifyCondition(r.text());
            condition = k.condition();
            conditionBasis = k.basis();
        }
        String cut = text.length() > TEXT_CHARS ? text.substring(0, TEXT_CHARS - 1) + "…" : text;
        return List.of(c.action().name(), c.basis(), ground, groundBasis, condition, conditionBasis, MACHINE, "-", "-",
                "-", cut);
    }

    /**
     * Writes actions.tsv from the recommendations, the overrides and the reviewed rows of the table already
     * there.
     *
     * @param recommendationsTsv    CPIC's recommendation table
     * @param overridesTsv          the action corrections
     * @param groundOverridesTsv    the ground corrections
     * @param out                   where the action table goes (its reviewed rows are kept)
     * @throws IOException when a table cannot be read or written
     * @throws IllegalStateException when a reviewed row's CPIC text changed or a review is incomplete
     */
    public static void writeTable(Path recommendationsTsv, Path overridesTsv, Path groundOverridesTsv, Path out)
            throws IOException {
        Map<String, Review> reviews = Files.exists(out) ? reviews(readTsv(out)) : Map.of();
        String table = render(readRecommendations(recommendationsTsv), readCorrections(overridesTsv),
                readGroundCorrections(groundOverridesTsv), reviews);
        Files.writeString(out, table, StandardCharsets.UTF_8);
    }

    /**
     * Run from the rules-content directory; the test does the same with {@code -Dcpic.regenerate=true}.
     *
     * @param args none
     * @throws IOException when a table cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        writeTable(RECOMMENDATIONS, OVERRIDES, GROUND_OVERRIDES, ACTIONS);
    }
}
