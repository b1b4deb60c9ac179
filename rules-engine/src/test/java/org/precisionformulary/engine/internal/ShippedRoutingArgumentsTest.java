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
 * Two arguments made over the built-in routing rules as shipped spare work where the pack is those rules: the
 * GINA guard skips its routing without genotypes where it cannot find a barrier (step 4 of
 * {@link GinaGuard#check}), and a routing session is given only the facts those rules can read: the
 * reviewed-drug facts of only the drugs with a finding and, where no finding argues against a drug, no
 * formulary entry but the requested drug's and its step drugs' and no finding but the requested drug's
 * ({@link RuleStages}). These tests hold both to the routing they spare, and tie them to the routing rules they
 * were made over.
 */
class ShippedRoutingArgumentsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    private static final CompiledPack PACK = CompiledPack.builtIn(ShippedRoutingArgumentsTest.class.getClassLoader());

    private static final Formulary FORMULARY = FormularyReader.read(GeneratedRequests.FORMULARY, "props");

    /** As shipped: both arguments used where they hold. */
    private static final Evaluator ARGUED = evaluator(true);

    /**
     * Neither argument: the routing without genotypes runs wherever steps 1 to 3 do not skip it, and routing is
     * given every reviewed drug's facts and every finding.
     */
    private static final Evaluator ROUTED = evaluator(false);

    /**
     * SHA-256 over the built-in routing rules' files ({@link PackFiles#sha256(TreeMap)}). Both arguments (the
     * javadoc of {@link GinaGuard#noneArguesAgainst}, and of {@code RuleStages.routingFacts}) were checked rule
     * by rule against these files. A change to any of them must be checked against both again (every barrier a
     * routing rule can insert, what it reads, and where it reads a reviewed drug or population), and this value
     * updated only then.
     */
    private static final String ROUTING_RULES_ARGUED_OVER =
            "3a547cf446096ce8f153a965aeaae46883309c18fb16107781d3189db4370cfc";

    private static Evaluator evaluator(boolean arguments) {
        return new Evaluator(PACK, FORMULARY, CpicData.builtIn(), "test", 10_000, Duration.ofSeconds(60).toNanos(),
                true, null, GenotypeInterpreter.DEFAULT_READING_CACHE_SIZE, PrecisionFormulary.DEFAULT_FINDING_CACHE_SIZE,
                arguments);
    }

    @Provide
    Arbitrary<String> decidableRequests() {
        return GeneratedRequests.decidableRequests();
    }

    /**
     * Over generated requests, the decision with the arguments is the decision with the routing they spare, byte
     * for byte: were the guard's argument wrong for a request, the routing would find the barrier the genotypes
     * add and send that request to a pharmacist; were the reviewed facts needed for a drug without a finding,
     * or another drug's entry or finding where none argues against a drug, a ground, a hard stop, a waiver or
     * an alternative offered would differ. The tries must reach the cases the arguments are for: a
     * tier above 1 that pays, the holds, and the hard stop (which reads the requested drug's populations).
     */
    @Property(tries = 1500)
    void theArgumentsDecideAsTheRoutingTheySpare(@ForAll("decidableRequests") String request) {
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
            checker.check(Outcome.REJECTED.name()).count(n -> n > 0);
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
                .as("the built-in routing rules changed: check GinaGuard.noneArguesAgainst and RuleStages.routingFacts"
                        + " against them, rule by rule, then update ROUTING_RULES_ARGUED_OVER")
                .isEqualTo(ROUTING_RULES_ARGUED_OVER);
    }

    private static SessionResult found(Object... facts) {
        return new SessionResult(java.util.Arrays.stream(facts).map(f -> new SessionResult.Inserted(f, "r")).toList(),
                List.of(), null);
    }

    private static byte[] read(String name) {
        try (InputStream in = ShippedRoutingArgumentsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
