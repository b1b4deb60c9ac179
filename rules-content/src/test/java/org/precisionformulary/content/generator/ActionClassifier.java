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
            + "\tground\tground_basis\trecommendation";
    /** The ground cell of a row whose action does not argue against the drug. */
    static final String NO_GROUND = "-";
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

    /** @return the complete text of actions.tsv for these recommendations and overrides */
    static String render(List<Recommendation> recommendations, Map<String, Correction> overrides,
                         Map<String, GroundCorrection> groundOverrides) {
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        Map<Ground, Integer> groundCounts = new EnumMap<>(Ground.class);
        StringBuilder rows = new StringBuilder(HEADER).append('\n');
        for (Recommendation r : recommendations) {
            Classified c = decide(r, overrides);
            counts.merge(c.action(), 1, Integer::sum);
            String ground = NO_GROUND;
            String groundBasis = NO_GROUND;
            if (c.action().arguesAgainst()) {
                GroundClassified g = decideGround(r, groundOverrides);
                groundCounts.merge(g.ground(), 1, Integer::sum);
                ground = g.ground().name();
                groundBasis = g.basis();
            } else if (groundOverrides.containsKey(r.id())) {
                throw new IllegalStateException("ground override for " + r.id() + ", whose action " + c.action()
                        + " does not argue against the drug");
            }
            String text = r.text().strip();
            text = text.length() > TEXT_CHARS ? text.substring(0, TEXT_CHARS - 1) + "…" : text;
            rows.append(String.join("\t", r.id(), r.drug(), r.population(), r.lookupKey(), r.classification(),
                    c.action().name(), c.basis(), ground, groundBasis, text)).append('\n');
        }
        return "# CPIC recommendation -> action: one row per row of recommendations.tsv, in the same order.\n"
                + "# Generated, do not edit by hand. Built by ActionClassifier\n"
                + "# (rules-content/src/test/java/org/precisionformulary/content/generator/ActionClassifier.java):\n"
                + "# ordered phrase rules on the primary instruction of each text (first match wins),\n"
                + "# then the manual corrections in action-overrides.tsv.\n"
                + "# The basis column names the phrase, rule or override that decided; recommendation is cut to "
                + TEXT_CHARS + " chars.\n"
                + "# ground: the statutory exception ground of an AVOID or CONSIDER_ALTERNATIVE row (\"-\" on every\n"
                + "# other row), proposed by the ground phrase rules on the recommendation's first sentence and on CPIC's\n"
                + "# implications, then the manual corrections in ground-overrides.tsv; ground_basis says which decided.\n"
                + "# Regenerate: ./mvnw -pl rules-content -am test -Dtest=ActionTableTest -Dcpic.regenerate=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false\n"
                + "# Counts: " + counts + " (" + overrides.size() + " overrides)\n"
                + "# Grounds: " + groundCounts + " (" + groundOverrides.size() + " overrides)\n"
                + rows;
    }

    /**
     * Writes actions.tsv from the recommendations and the overrides.
     *
     * @param recommendationsTsv    CPIC's recommendation table
     * @param overridesTsv          the action corrections
     * @param groundOverridesTsv    the ground corrections
     * @param out                   where the action table goes
     * @throws IOException when a table cannot be read or written
     */
    public static void writeTable(Path recommendationsTsv, Path overridesTsv, Path groundOverridesTsv, Path out)
            throws IOException {
        String table = render(readRecommendations(recommendationsTsv), readCorrections(overridesTsv),
                readGroundCorrections(groundOverridesTsv));
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
