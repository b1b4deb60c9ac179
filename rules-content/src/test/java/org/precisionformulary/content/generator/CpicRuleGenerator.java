// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.generator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicGuideline;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Classification;
import org.precisionformulary.model.genotype.Gene;

/**
 * Writes one DRL file per CPIC guideline, one rule per recommendation row, from the CPIC tables shipped
 * in {@code rules-content} and the action table ({@code actions.tsv}: machine-proposed actions and grounds,
 * with manual corrections in the override files). A CPIC update is:
 * replace the tables, regenerate, review the diff. {@link GeneratedRulesAreCurrentTest} fails when the
 * committed DRL differs from what this writes; run it with {@code -Dcpic.regenerate=true} to rewrite.
 */
public final class CpicRuleGenerator {

    /** Where the generated DRL goes, relative to the module. */
    public static final Path OUTPUT = Path.of("src/main/resources/org/precisionformulary/rules/cpic");

    static final Path ACTIONS = Path.of(System.getProperty("cpic.actions",
            "src/main/resources/org/precisionformulary/content/cpic/actions.tsv"));

    private static final int COMMENT_CHARS = 240;

    private final CpicData data;
    private final Map<String, Action> actions;
    private final Map<String, String> grounds;
    private final Map<String, String> conditions;

    /**
     * @param data       the CPIC tables
     * @param actions    recommendation id to action
     * @param grounds    recommendation id to statutory ground, for the rows whose action argues against the drug
     * @param conditions recommendation id to the condition under which CPIC still allows the drug, for the
     *                   AVOID rows that state one
     */
    public CpicRuleGenerator(CpicData data, Map<String, Action> actions, Map<String, String> grounds,
                             Map<String, String> conditions) {
        this.data = data;
        this.actions = actions;
        this.grounds = grounds;
        this.conditions = conditions;
    }

    /**
     * @param actionsTsv the action table
     * @return recommendation id to action
     * @throws IOException when the table cannot be read
     */
    public static Map<String, Action> readActions(Path actionsTsv) throws IOException {
        Map<String, Action> map = new HashMap<>();
        readColumn(actionsTsv, "action").forEach((id, a) -> map.put(id, Action.valueOf(a)));
        return map;
    }

    /**
     * @param actionsTsv the action table
     * @return recommendation id to ground, for the rows that have one (not {@code -})
     * @throws IOException when the table cannot be read
     */
    public static Map<String, String> readGrounds(Path actionsTsv) throws IOException {
        Map<String, String> map = new HashMap<>(readColumn(actionsTsv, "ground"));
        map.values().removeIf(ActionClassifier.NO_GROUND::equals);
        return map;
    }

    /**
     * @param actionsTsv the action table
     * @return recommendation id to condition, for the AVOID rows that state one (not {@code -} or {@code none})
     * @throws IOException when the table cannot be read
     */
    public static Map<String, String> readConditions(Path actionsTsv) throws IOException {
        Map<String, String> map = new HashMap<>(readColumn(actionsTsv, "condition"));
        map.values().removeIf(c -> c.equals(ActionClassifier.NO_GROUND) || c.equals(ActionClassifier.NO_CONDITION));
        return map;
    }

    private static Map<String, String> readColumn(Path actionsTsv, String column) throws IOException {
        Map<String, String> map = new HashMap<>();
        Map<String, Integer> columns = null;
        for (String line : Files.readAllLines(actionsTsv, StandardCharsets.UTF_8)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (columns == null) {
                columns = new HashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    columns.put(cells[i], i);
                }
                continue;
            }
            if (!columns.containsKey(column)) {
                throw new IllegalStateException(actionsTsv + " has no column " + column);
            }
            map.put(cells[columns.get("recommendation_id")], cells[columns.get(column)]);
        }
        return map;
    }

    /** @return file name to DRL text, for every guideline with recommendations */
    public Map<String, String> generate() {
        Map<String, List<CpicRecommendation>> byGuideline = new LinkedHashMap<>();
        for (CpicRecommendation r : data.recommendations()) {
            byGuideline.computeIfAbsent(r.guidelineId(), g -> new ArrayList<>()).add(r);
        }
        Map<String, String> files = new TreeMap<>();
        for (CpicGuideline g : data.guidelines()) {
            List<CpicRecommendation> rows = byGuideline.get(g.guidelineId());
            if (rows != null) {
                files.put(fileName(g), drl(g, rows));
            } else if (g.guidelineId().equals(WARFARIN_GUIDELINE)) {
                files.put(fileName(g), warfarin(g));
            }
        }
        return files;
    }

    /**
     * @param g a guideline
     * @return its DRL file name, after its drugs and genes: {@code codeine-cyp2d6.drl}
     */
    public static String fileName(CpicGuideline g) {
        String base = g.sourceFile().replaceFirst("^CPIC_", "").replaceFirst("\\.json$", "");
        return base.replace("_and_", "_").replace('_', '-').toLowerCase(Locale.ROOT) + ".drl";
    }

    private String drl(CpicGuideline g, List<CpicRecommendation> rows) {
        StringBuilder out = header(g);
        for (CpicRecommendation r : rows) {
            out.append('\n').append(rule(r));
        }
        return out.toString();
    }

    private static StringBuilder header(CpicGuideline g) {
        StringBuilder out = new StringBuilder();
        out.append("// SPDX-License-Identifier: CC0-1.0 AND CC-BY-SA-4.0 (CPIC content, PharmGKB annotation structure); see NOTICE in rules-content\n");
        out.append("// ").append(g.name().replaceFirst("^Annotation of ", "")).append('\n');
        out.append("// ").append(g.url()).append(" ; PMIDs ").append(String.join(", ", g.pmids())).append('\n');
        out.append("// CPIC data version ").append(CpicData.VERSION)
                .append(". Generated by CpicRuleGenerator from recommendations.tsv and actions.tsv: do not edit,\n")
                .append("// regenerate (see rules-content/README.md). One rule per CPIC recommendation.\n\n");
        out.append("package org.precisionformulary.rules.cpic;\n\n");
        out.append("import org.precisionformulary.model.decision.Action;\n");
        out.append("import org.precisionformulary.model.decision.Classification;\n");
        out.append("import org.precisionformulary.model.fact.CandidatePopulation;\n");
        out.append("import org.precisionformulary.model.fact.GenomicFinding;\n");
        out.append("import org.precisionformulary.model.genotype.Gene;\n");
        out.append("import org.precisionformulary.model.genotype.GeneResult;\n");
        return out;
    }

    /** CPIC's warfarin guideline is a dosing algorithm, with no lookup table in CPIC's data. */
    static final String WARFARIN_GUIDELINE = "PA166104949";

    static final String WARFARIN_ADVICE = "CPIC's warfarin guideline is a genotype-guided dosing algorithm, not a"
            + " lookup table, so no dose is given here: calculate the starting dose with the validated"
            + " pharmacogenetic dosing algorithm the guideline recommends, using the member's CYP2C9 and VKORC1"
            + " results (and CYP4F2 where available), as the guideline's flow chart directs; see PMID 28198005.";

    // Silence would read as "no pharmacogenomic concern", so a tested member gets a pointer to the algorithm.
    private static String warfarin(CpicGuideline g) {
        StringBuilder out = header(g);
        out.append("import java.util.List;\n\n");
        out.append("// CPIC publishes no recommendation table for warfarin (its guideline is a dosing algorithm),\n")
                .append("// so this one rule is written by the generator itself rather than from recommendations.tsv.\n");
        out.append("rule \"warfarin / CYP2C9, VKORC1 or CYP4F2 tested -> dose with the CPIC algorithm\"\n");
        meta(out, "guidelineId", g.guidelineId());
        meta(out, "drug", "warfarin");
        meta(out, "genes", String.join(",", Gene.CYP2C9.symbol(), Gene.VKORC1.symbol(), Gene.CYP4F2.symbol()));
        meta(out, "population", "general");
        meta(out, "classification", "N/A");
        meta(out, "action", Action.ADJUST_DOSE.name());
        meta(out, "pmids", String.join(",", g.pmids()));
        meta(out, "cpicDataVersion", CpicData.VERSION);
        meta(out, "recommendation", WARFARIN_ADVICE);
        out.append("when\n")
                .append("    CandidatePopulation( drug == \"warfarin\", $population : population )\n")
                .append("    $genes : List( size > 0 ) from collect(\n")
                .append("            GeneResult( gene in ( Gene.CYP2C9, Gene.VKORC1, Gene.CYP4F2 ), tested ) )\n")
                .append("then\n")
                .append("    insert( new GenomicFinding( \"warfarin\", $population, Classification.NOT_APPLICABLE,")
                .append(" Action.ADJUST_DOSE, $genes ) );\n")
                .append("end\n");
        return out.toString();
    }

    private String rule(CpicRecommendation r) {
        Action action = actions.get(r.recommendationId());
        if (action == null) {
            throw new IllegalStateException("actions.tsv has no action for " + r.recommendationId());
        }
        String ground = grounds.get(r.recommendationId());
        if (action.arguesAgainst() != (ground != null)) {
            throw new IllegalStateException("actions.tsv: " + r.recommendationId() + " is " + action
                    + (ground == null ? " without a ground" : " with ground " + ground));
        }
        Classification classification = Classification.of(r.classification());
        StringBuilder sb = new StringBuilder();
        sb.append("// ").append(abbreviate(r.text())).append('\n');
        sb.append("rule \"").append(escape(ruleName(r, action))).append("\"\n");
        meta(sb, "guidelineId", r.guidelineId());
        meta(sb, "recommendationId", r.recommendationId());
        // What the conditions read, so the engine plans its finding cache without reading compiled conditions.
        meta(sb, "drug", r.drug());
        meta(sb, "genes", String.join(",", r.lookupKey().keySet().stream().map(s -> Gene.of(s).symbol()).toList()));
        meta(sb, "population", r.population());
        meta(sb, "classification", r.classification());
        meta(sb, "action", action.name());
        if (ground != null) {
            meta(sb, "ground", ground);
        }
        String condition = conditions.get(r.recommendationId());
        if (condition != null) {
            if (action != Action.AVOID) {
                throw new IllegalStateException("actions.tsv: " + r.recommendationId() + " is " + action
                        + " with a condition; only an AVOID row takes one");
            }
            meta(sb, "condition", condition);
        }
        meta(sb, "pmids", String.join(",", r.pmids()));
        meta(sb, "cpicDataVersion", CpicData.VERSION);
        sb.append("when\n");
        sb.append("    CandidatePopulation( drug == \"").append(escape(r.drug())).append("\", population == \"")
                .append(escape(r.population())).append("\" )\n");
        List<String> bindings = new ArrayList<>();
        r.lookupKey().forEach((symbol, value) -> {
            Gene gene = Gene.of(symbol);
            String var = "$" + symbol.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
            bindings.add(var);
            sb.append("    ").append(var).append(" : GeneResult( gene == Gene.").append(gene.name())
                    .append(", lookupKey == \"").append(escape(value)).append("\" )\n");
        });
        sb.append("then\n");
        sb.append("    insert( GenomicFinding.of( \"").append(escape(r.drug())).append("\", \"")
                .append(escape(r.population())).append("\", Classification.").append(classification.name())
                .append(", Action.").append(action.name()).append(", ").append(String.join(", ", bindings))
                .append(" ) );\n");
        sb.append("end\n");
        return sb.toString();
    }

    /**
     * @param r      a recommendation
     * @param action its action
     * @return the rule name: drug, each gene's key, population where CPIC splits by it, action
     */
    static String ruleName(CpicRecommendation r, Action action) {
        StringBuilder name = new StringBuilder(r.drug()).append(" / ");
        List<String> parts = new ArrayList<>();
        r.lookupKey().forEach((symbol, value) -> parts.add(Gene.of(symbol).kind() == Gene.Kind.ACTIVITY_SCORE
                && !value.equals("No Result") ? symbol + " activity score " + value : symbol + " " + value));
        name.append(String.join(", ", parts));
        if (!r.population().equals("general")) {
            name.append(" [").append(r.population()).append(']');
        }
        return name.append(" -> ").append(action.name().toLowerCase(Locale.ROOT).replace('_', ' ')).toString();
    }

    private static void meta(StringBuilder sb, String key, String value) {
        sb.append("    @").append(key).append("(\"").append(escape(value)).append("\")\n");
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String abbreviate(String text) {
        String t = text.replaceAll("\\s+", " ").trim();
        return t.length() <= COMMENT_CHARS ? t : t.substring(0, COMMENT_CHARS - 1) + "…";
    }

    /**
     * Writes the generated files, removing generated files that are no longer produced.
     *
     * @param files file name to text
     * @param dir   the output folder
     * @throws IOException when a file cannot be written
     */
    public static void write(Map<String, String> files, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (var existing = Files.list(dir)) {
            for (Path p : existing.filter(p -> p.toString().endsWith(".drl")).toList()) {
                if (!files.containsKey(p.getFileName().toString())) {
                    Files.delete(p);
                }
            }
        }
        for (var e : files.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
        }
    }
}
