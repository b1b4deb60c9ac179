// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.content.DemoFormulary;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.content.cpic.GeneTable;
import org.precisionformulary.engine.testing.LocalPack;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.json.ContractJson;

/**
 * Gene–drug findings are worked out once per (drug, population, genotype) and reused: the decisions must be
 * exactly those of the path that runs every rule for every request, and a reload must forget them.
 */
class FindingCacheTest {

    private static final String SERVICE_DATE = "2026-11-20";
    private static List<String> mix;

    /** Members with 3 to 12 genotypes drawn from CPIC's allele tables, asking for formulary and CPIC drugs. */
    @BeforeAll
    static void mix() {
        CpicData cpic = CpicData.builtIn();
        List<String> drugs = new ArrayList<>(DemoFormulary.load().drugs().stream().map(FormularyDrug::drug).toList());
        new TreeSet<>(cpic.recommendations().stream().map(CpicRecommendation::drug).toList()).stream()
                .limit(60).forEach(drugs::add);
        List<GeneTable> tables = new ArrayList<>();
        for (Gene gene : Gene.values()) {
            cpic.geneTable(gene).filter(GeneTable::hasDiplotypes).ifPresent(tables::add);
        }
        Random random = new Random(20261124);
        mix = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            StringBuilder genotypes = new StringBuilder();
            List<GeneTable> shuffled = new ArrayList<>(tables);
            java.util.Collections.shuffle(shuffled, random);
            for (GeneTable table : shuffled.subList(0, 3 + random.nextInt(Math.min(10, shuffled.size() - 3)))) {
                List<String> alleles = new ArrayList<>(table.alleleFunctions().keySet());
                // Common alleles first: most members carry the first few of a table, as in real populations.
                String a = alleles.get(random.nextInt(Math.min(alleles.size(), 1 + random.nextInt(6))));
                String b = alleles.get(random.nextInt(Math.min(alleles.size(), 1 + random.nextInt(6))));
                genotypes.append(genotypes.length() == 0 ? "" : ",").append("{\"gene\":\"")
                        .append(table.gene().symbol()).append("\",\"diplotype\":\"").append(a).append('/').append(b)
                        .append("\"}");
            }
            if (random.nextInt(4) == 0) {
                genotypes.append(",{\"gene\":\"HLA-B\",\"allele\":\"*57:01\",\"result\":\"")
                        .append(random.nextBoolean() ? "positive" : "negative").append("\"}");
            }
            mix.add("{\"requestId\":\"FC" + i + "\",\"serviceDate\":\"" + SERVICE_DATE + "\",\"member\":{\"id\":\"M" + i
                    + "\",\"birthDate\":\"19" + (40 + random.nextInt(60)) + "-03-01\"},\"drug\":{\"name\":\""
                    + drugs.get(random.nextInt(drugs.size())) + "\"},\"genotypes\":[" + genotypes + "]}");
        }
    }

    @Test
    void decisionsFromKeptFindingsAreByteForByteThoseOfTheUncachedPath() {
        PrecisionFormulary cached = PrecisionFormulary.builder().build();
        PrecisionFormulary uncached = PrecisionFormulary.builder().cacheFindings(false).build();
        List<String> expected = mix.stream().map(r -> ContractJson.toJson(uncached.evaluate(r))).toList();
        // Twice: the first pass fills the cache, the second answers from it.
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < mix.size(); i++) {
                assertThat(ContractJson.toJson(cached.evaluate(mix.get(i)))).as("pass %d, %s", pass, mix.get(i))
                        .isEqualTo(expected.get(i));
            }
        }
        // The mix exercises what the cache must get right: findings that argue against drugs, and reviews.
        assertThat(expected).anyMatch(s -> s.contains("\"REJECTED\"")).anyMatch(s -> s.contains("\"APPROVED_WITH_EXCEPTION\""))
                .anyMatch(s -> s.contains("\"PHARMACIST_REVIEW\"")).anyMatch(s -> s.contains("\"AVOID\""));
    }

    /**
     * A local rule that joins a genotype with a biomarker makes findings depend on more than the genotype: that
     * pack is decided in one session per request, and must decide as the staged built-in pack does.
     */
    @Test
    void aPackTheStageCannotServeIsDecidedInOneSessionWithTheSameResults(@TempDir Path dir) throws IOException {
        LocalPack.overBuiltIn("joined").drl("local/joined.drl", """
                package local;
                import org.precisionformulary.model.genotype.GeneResult;
                import org.precisionformulary.model.request.Biomarker;

                rule "a genotype joined with a biomarker that no request carries"
                    @concern("test")
                when
                    GeneResult( )
                    Biomarker( name == "never-sent" )
                then
                end
                """).writeTo(dir);
        PrecisionFormulary staged = PrecisionFormulary.builder().build();
        PrecisionFormulary oneSession = PrecisionFormulary.builder().rulePack(RulePack.fromDirectory(dir)).build();
        for (String request : mix.subList(0, 400)) {
            CoverageDecision a = staged.evaluate(request);
            CoverageDecision b = oneSession.evaluate(request);
            assertThat(b.outcome()).as(request).isEqualTo(a.outcome());
            assertThat(b.rejectCodes()).as(request).isEqualTo(a.rejectCodes());
            assertThat(b.tier()).as(request).isEqualTo(a.tier());
            assertThat(b.findings()).as(request).isEqualTo(a.findings());
            assertThat(b.exceptions()).as(request).isEqualTo(a.exceptions());
            assertThat(b.alternatives()).as(request).isEqualTo(a.alternatives());
            assertThat(b.durAlerts()).as(request).isEqualTo(a.durAlerts());
            // In one session routing rules may fire before the findings arrive, their verdicts then withdrawn;
            // staged, they see the findings from the start, so they fire no more than that.
            assertThat(a.audit().firedRules()).as(request).isSubsetOf(b.audit().firedRules());
        }
    }

    @Test
    void aReloadForgetsTheFindingsOfThePackItReplaces(@TempDir Path dir) throws IOException {
        String request = "{\"requestId\":\"R\",\"serviceDate\":\"" + SERVICE_DATE + "\",\"member\":{\"id\":\"M\"},"
                + "\"drug\":{\"name\":\"codeine\"},\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*4\"}]}";
        PrecisionFormulary engine = PrecisionFormulary.builder().build();
        assertThat(codeineAction(engine.evaluate(request))).isEqualTo(Action.STANDARD);
        assertThat(codeineAction(engine.evaluate(request))).isEqualTo(Action.STANDARD);

        LocalPack.overBuiltIn("stricter").version("2").drl("local/codeine.drl", """
                package local;
                import org.precisionformulary.model.decision.Action;
                import org.precisionformulary.model.decision.Classification;
                import org.precisionformulary.model.fact.CandidatePopulation;
                import org.precisionformulary.model.fact.GenomicFinding;
                import org.precisionformulary.model.genotype.Gene;
                import org.precisionformulary.model.genotype.GeneResult;

                rule "codeine / CYP2D6 activity score 1.0 -> standard"
                    @guidelineId("PLAN-9") @classification("Moderate") @pmids("33387367")
                    @recommendation("Plan: consider an alternative for an activity score of 1.0.")
                when
                    CandidatePopulation( drug == "codeine", $p : population )
                    $g : GeneResult( gene == Gene.CYP2D6, lookupKey == "1.0" )
                then
                    insert( GenomicFinding.of( "codeine", $p, Classification.MODERATE, Action.CONSIDER_ALTERNATIVE, $g ) );
                end
                """).writeTo(dir);
        engine.reload(RulePack.fromDirectory(dir));
        assertThat(codeineAction(engine.evaluate(request))).isEqualTo(Action.CONSIDER_ALTERNATIVE);
        engine.reload(RulePack.builtIn());
        assertThat(codeineAction(engine.evaluate(request))).isEqualTo(Action.STANDARD);
    }

    private static Action codeineAction(CoverageDecision decision) {
        return decision.findings().stream().filter(f -> f.drug().equals("codeine")).findFirst().orElseThrow().action();
    }
}
