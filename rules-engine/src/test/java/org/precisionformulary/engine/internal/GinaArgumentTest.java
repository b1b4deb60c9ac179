// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.kie.api.definition.rule.Rule;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.genotype.GenotypeInterpreter;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.testing.GeneratedRequests;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Classification;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.fact.GenomicFinding;
import org.precisionformulary.model.fact.ReviewedDrug;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.json.ContractJson;
import org.precisionformulary.model.json.FormularyReader;
import org.precisionformulary.model.json.ParsedRequest;
import org.precisionformulary.model.json.RequestReader;

/**
 * The GINA guard skips its routing without genotypes by an argument over the built-in routing rules (step 4 of
 * {@link GinaGuard#check}). These tests hold the argument to the routing it skips, and tie it to the routing
 * rules it was made over.
 */
class GinaArgumentTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    private static final CompiledPack PACK = CompiledPack.builtIn(GinaArgumentTest.class.getClassLoader());

    private static final Formulary FORMULARY = FormularyReader.read(GeneratedRequests.FORMULARY, "props");

    /** The guard as shipped: the argument skips the routing without genotypes where it holds. */
    private static final Evaluator ARGUED = evaluator(true);

    /** The guard without the argument: the routing without genotypes runs wherever steps 1 to 3 do not skip it. */
    private static final Evaluator ROUTED = evaluator(false);

    /**
     * SHA-256 over the built-in routing rules' files ({@link PackFiles#sha256(TreeMap)}). The argument in
     * {@link GinaGuard#noneArguesAgainst} was checked rule by rule against these files. A change to any of them
     * must be checked against it again (every barrier a routing rule can insert, and what it reads), and this
     * value updated only then.
     */
    private static final String ROUTING_RULES_ARGUED_OVER =
            "3a547cf446096ce8f153a965aeaae46883309c18fb16107781d3189db4370cfc";

    private static Evaluator evaluator(boolean argument) {
        return new Evaluator(PACK, FORMULARY, CpicData.builtIn(), "test", 10_000, Duration.ofSeconds(60).toNanos(),
                true, null, GenotypeInterpreter.DEFAULT_READING_CACHE_SIZE, PrecisionFormulary.DEFAULT_FINDING_CACHE_SIZE,
                argument);
    }

    @Provide
    Arbitrary<String> decidableRequests() {
        return GeneratedRequests.decidableRequests();
    }

    /**
     * Over generated requests, the decision with the argument is the decision with the routing it skips, byte
     * for byte: were the argument wrong for a request, the routing would find the barrier the genotypes add and
     * send that request to a pharmacist, and the two would differ. The tries must reach the cases the argument
     * is for: a tier above 1 that pays, and the holds.
     */
    @Property(tries = 1500)
    void theArgumentDecidesAsTheRoutingItSkips(@ForAll("decidableRequests") String request) {
        ParsedRequest parsed = RequestReader.read(request);
        CoverageDecision argued = ARGUED.evaluate(parsed, TODAY);
        CoverageDecision routed = ROUTED.evaluate(parsed, TODAY);

        assertThat(ContractJson.toJson(argued)).as(request).isEqualTo(ContractJson.toJson(routed));
        boolean pays = argued.outcome() == Outcome.APPROVED || argued.outcome() == Outcome.APPROVED_WITH_EXCEPTION;
        String kind = argued.outcome() + (pays && argued.tier() != null && argued.tier() > 1 ? " above tier 1" : "");
        Statistics.label("decision").collect(kind);
        Statistics.label("decision").coverage(checker -> {
            checker.check("APPROVED above tier 1").count(n -> n > 0);
            checker.check(Outcome.STEP_THERAPY_REQUIRED.name()).count(n -> n > 0);
            checker.check(Outcome.PRIOR_AUTH_REQUIRED.name()).count(n -> n > 0);
            checker.check(Outcome.APPROVED_WITH_EXCEPTION.name() + " above tier 1").count(n -> n > 0);
        });
    }

    @Test
    void aFindingWithoutGenotypesThatArguesAgainstADrugOrAnyOtherFactNeedsTheRouting() {
        GeneResult untested = GeneResult.untested(Gene.CYP2D6);
        SessionResult standard = found(GenomicFinding.of("codeine", "general", Classification.STRONG, Action.STANDARD,
                untested), GenomicFinding.of("codeine", "general", Classification.MODERATE, Action.ADJUST_DOSE, untested));
        SessionResult avoid = found(GenomicFinding.of("codeine", "general", Classification.MODERATE, Action.AVOID, untested));
        SessionResult alternative = found(GenomicFinding.of("codeine", "general", Classification.OPTIONAL,
                Action.CONSIDER_ALTERNATIVE, untested));
        SessionResult other = found(new ReviewedDrug("codeine"));

        assertThat(GinaGuard.noneArguesAgainst(found())).isTrue();
        assertThat(GinaGuard.noneArguesAgainst(standard)).isTrue();
        assertThat(GinaGuard.noneArguesAgainst(avoid)).isFalse();
        assertThat(GinaGuard.noneArguesAgainst(alternative)).isFalse();
        assertThat(GinaGuard.noneArguesAgainst(other)).isFalse();
    }

    @Test
    void theArgumentWasMadeOverTheRoutingRulesAsTheyAre() {
        TreeMap<String, byte[]> routingFiles = new TreeMap<>();
        for (String name : PACK.files()) {
            if (name.startsWith(CompiledPack.RULES_FOLDER + "/routing/") && name.endsWith(".drl")) {
                routingFiles.put(name, read(name));
            }
        }
        // Every rule routing sessions run is in those files (RoutingKieBaseTest: the routing package's rules).
        String text = String.join("\n", routingFiles.values().stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList());
        FindingStage stage = FindingStage.plan(PACK, true);
        List<String> routingRules = stage.routingBase().getKiePackages().stream()
                .flatMap(p -> p.getRules().stream()).map(Rule::getName).toList();
        assertThat(routingRules).isNotEmpty().allSatisfy(rule -> assertThat(text).contains("rule \"" + rule + "\""));

        assertThat(PackFiles.sha256(routingFiles))
                .as("the built-in routing rules changed: check GinaGuard.noneArguesAgainst against them, rule by rule,"
                        + " then update ROUTING_RULES_ARGUED_OVER")
                .isEqualTo(ROUTING_RULES_ARGUED_OVER);
    }

    private static SessionResult found(Object... facts) {
        return new SessionResult(java.util.Arrays.stream(facts).map(f -> new SessionResult.Inserted(f, "r")).toList(),
                List.of(), null);
    }

    private static byte[] read(String name) {
        try (InputStream in = GinaArgumentTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
