// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.engine.testing.LocalPack;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.FormularyReader;
import org.precisionformulary.model.json.RequestReader;

/**
 * The GINA guard at run time, against what the load-time lint cannot see: rules that each pass the lint on
 * their own and together let a genotype exclude coverage, add a hold or raise the tier. Rule A reads a finding
 * and only inserts a marker; rules B to D never read genetics but act on the marker. Every case runs on the
 * pack as it is (findings computed apart from routing) and with one more rule that makes the engine decide in
 * one session per request.
 */
class GinaGuardTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    private static final String CHAIN = """
            package local;

            import org.precisionformulary.model.decision.Action;
            import org.precisionformulary.model.decision.ExceptionType;
            import org.precisionformulary.model.decision.Outcome;
            import org.precisionformulary.model.fact.GenomicFinding;
            import org.precisionformulary.model.fact.Hold;
            import org.precisionformulary.model.fact.Rejection;
            import org.precisionformulary.model.fact.RequestedDrug;
            import org.precisionformulary.model.fact.ReviewedDrug;
            import org.precisionformulary.model.fact.Waiver;
            import org.precisionformulary.model.formulary.FormularyDrug;

            rule "gina chain: mark a member CPIC advises to avoid the requested drug"
                @concern("plan marker")
            when
                RequestedDrug( $drug : drug )
                exists GenomicFinding( drug == $drug, action == Action.AVOID )
            then
                insert( new ReviewedDrug( "gina-chain-marker" ) );
            end

            rule "gina chain: a marked member is not covered"
                @concern("plan exclusion")
            when
                RequestedDrug( $drug : drug )
                FormularyDrug( drug == $drug, drugClass == "gina-exclude" )
                ReviewedDrug( drug == "gina-chain-marker" )
            then
                insert( new Rejection( "70", $drug + " is excluded for marked members" ) );
            end

            rule "gina chain: a marked member waits for prior authorization"
                @concern("plan prior authorization")
            when
                RequestedDrug( $drug : drug )
                FormularyDrug( drug == $drug, drugClass == "gina-hold" )
                ReviewedDrug( drug == "gina-chain-marker" )
            then
                insert( new Hold( Outcome.PRIOR_AUTH_REQUIRED, "75", $drug + " waits for review for marked members" ) );
            end

            rule "gina chain: the plan's tier 1 price is for unmarked members"
                @concern("plan tier")
            when
                RequestedDrug( $drug : drug )
                FormularyDrug( drug == $drug, drugClass == "gina-tier" )
                not ReviewedDrug( drug == "gina-chain-marker" )
            then
                insertLogical( new Waiver( ExceptionType.TIER_EXCEPTION, null, 1, "plan price for unmarked members" ) );
            end
            """;

    /** Joins a gene result with the request: the engine then decides in one session per request. */
    private static final String ONE_SESSION = """
            package local;

            import org.precisionformulary.model.fact.RequestedDrug;
            import org.precisionformulary.model.genotype.Gene;
            import org.precisionformulary.model.genotype.GeneResult;

            rule "gina chain: a plan note on tested members"
                @concern("plan note")
            when
                RequestedDrug( )
                GeneResult( gene == Gene.CYP2D6, tested == true )
            then
            end
            """;

    /**
     * Codeine alone in a class the test names. Under the ALERT policy a Strong CPIC avoid pays with an alert,
     * so only the chain stands between a poor metabolizer and payment.
     */
    private static final String FORMULARY = """
            { "formularyId": "GINA-GUARD", "policy": { "pgxStrongAvoid": "%s" },
              "drugs": [ { "drug": "codeine", "tier": 3, "class": "%s" } ] }""";

    private static final String POOR_METABOLIZER = "*4/*4";
    private static final String NORMAL_METABOLIZER = "*1/*1";

    @TempDir
    static Path dir;
    private static TreeMap<String, byte[]> stagedFiles;
    private static TreeMap<String, byte[]> oneSessionFiles;
    private static CompiledPack staged;
    private static CompiledPack oneSession;

    @BeforeAll
    static void loadPacks() throws IOException {
        stagedFiles = write(dir.resolve("staged"), false);
        oneSessionFiles = write(dir.resolve("one-session"), true);
        // Loading runs every load-time check (containment and lint): the chain gets past them.
        staged = CompiledPack.layered(GinaGuardTest.class.getClassLoader(), stagedFiles, "staged",
                RuleAllowlist.DEFAULT);
        oneSession = CompiledPack.layered(GinaGuardTest.class.getClassLoader(), oneSessionFiles, "one-session",
                RuleAllowlist.DEFAULT);
    }

    private static TreeMap<String, byte[]> write(Path pack, boolean oneSession) throws IOException {
        LocalPack.overBuiltIn("gina-chain").drl("local/chain.drl", CHAIN).writeTo(pack);
        if (oneSession) {
            Files.writeString(pack.resolve("local/one-session.drl"), ONE_SESSION);
        }
        return PackFiles.readDirectory(pack);
    }

    private static CoverageDecision decide(boolean inOneSession, String drugClass, String diplotype) {
        return decide(inOneSession, "ALERT", drugClass, diplotype);
    }

    private static CoverageDecision decide(boolean inOneSession, String policy, String drugClass, String diplotype) {
        Evaluator evaluator = new Evaluator(inOneSession ? oneSession : staged,
                FormularyReader.read(FORMULARY.formatted(policy, drugClass), "gina-guard"), CpicData.builtIn(), "test", 10_000,
                Duration.ofSeconds(60).toNanos(), true, null);
        String genotypes = diplotype == null ? ""
                : ",\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"" + diplotype + "\"}]";
        return evaluator.evaluate(RequestReader.read("{\"requestId\":\"G\",\"serviceDate\":\"2026-11-20\","
                + "\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"codeine\"}" + genotypes + "}"), TODAY);
    }

    private static void assertRefusedByTheGuard(CoverageDecision d, String ruleB, String... said) {
        assertThat(d.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(d.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("genotypes");
            assertThat(e.message()).startsWith("GINA guard: with the genotypes").contains(said);
        });
        assertThat(d.audit().firedRules())
                .contains("gina chain: mark a member CPIC advises to avoid the requested drug", ruleB);
    }

    @Test
    void theChainPassesTheLoadTimeChecksAndTheTwoPacksTakeTheTwoPaths() {
        assertThat(PackLint.lint(stagedFiles)).isEmpty();
        assertThat(PackLint.lint(oneSessionFiles)).isEmpty();
        assertThat(FindingStage.plan(staged, false).enabled()).isTrue();
        assertThat(FindingStage.plan(oneSession, false).enabled()).isFalse();
    }

    @ParameterizedTest(name = "one session per request: {0}")
    @ValueSource(booleans = {false, true})
    void aGenotypeThatLeadsThroughAChainToNotCoveredIsRefused(boolean inOneSession) {
        assertRefusedByTheGuard(decide(inOneSession, "gina-exclude", POOR_METABOLIZER),
                "gina chain: a marked member is not covered",
                "rejected as not covered (70, rule \"gina chain: a marked member is not covered\")",
                "without them it would not", "genetic information may not exclude coverage");
        // The same claim without genotypes is decided: the chain never starts.
        assertThat(decide(inOneSession, "gina-exclude", null).outcome()).isEqualTo(Outcome.APPROVED);
    }

    @ParameterizedTest(name = "one session per request: {0}")
    @ValueSource(booleans = {false, true})
    void aGenotypeThatLeadsThroughAChainToAPriorAuthorizationHoldIsRefused(boolean inOneSession) {
        assertRefusedByTheGuard(decide(inOneSession, "gina-hold", POOR_METABOLIZER),
                "gina chain: a marked member waits for prior authorization",
                "held for prior authorization (75, rule \"gina chain: a marked member waits for prior authorization\")",
                "genetic information may remove a hold, never add one");
    }

    @ParameterizedTest(name = "one session per request: {0}")
    @ValueSource(booleans = {false, true})
    void aGenotypeThatLeadsThroughAChainToAHigherTierIsRefused(boolean inOneSession) {
        CoverageDecision refused = decide(inOneSession, "gina-tier", POOR_METABOLIZER);
        assertThat(refused.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("genotypes");
        assertThat(refused.errors().get(0).message()).contains("codeine would be charged at tier 3, without them at tier 1")
                .contains("may not raise a member's cost share");
        assertThat(refused.audit().firedRules()).contains("gina chain: mark a member CPIC advises to avoid the requested drug");
    }

    @ParameterizedTest(name = "one session per request: {0}")
    @ValueSource(booleans = {false, true})
    void aMemberTheChainDoesNotMarkIsDecidedNormally(boolean inOneSession) {
        CoverageDecision excluded = decide(inOneSession, "gina-exclude", NORMAL_METABOLIZER);
        assertThat(excluded.errors()).isEmpty();
        assertThat(excluded.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(excluded.tier()).isEqualTo(3);

        CoverageDecision held = decide(inOneSession, "gina-hold", NORMAL_METABOLIZER);
        assertThat(held.errors()).isEmpty();
        assertThat(held.outcome()).isEqualTo(Outcome.APPROVED);

        CoverageDecision priced = decide(inOneSession, "gina-tier", NORMAL_METABOLIZER);
        assertThat(priced.errors()).isEmpty();
        assertThat(priced.outcome()).isEqualTo(Outcome.APPROVED_WITH_EXCEPTION);
        assertThat(priced.tier()).isEqualTo(1);
        assertThat(priced.exceptions()).extracting(e -> e.type()).containsExactly(ExceptionType.TIER_EXCEPTION);
    }

    @ParameterizedTest(name = "one session per request: {0}")
    @ValueSource(booleans = {false, true})
    void safetyMeasuresGeneticsMayAddAreNotRefused(boolean inOneSession) {
        // Outside the chain's classes the poor metabolizer's Strong avoid pays with a major DUR alert.
        CoverageDecision alerted = decide(inOneSession, "opioid", POOR_METABOLIZER);
        assertThat(alerted.errors()).isEmpty();
        assertThat(alerted.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(alerted.durAlerts()).isNotEmpty();
        // Under the REJECT policy it is the hard stop, 88, which genotypes add and may add.
        CoverageDecision stopped = decide(inOneSession, "REJECT", "opioid", POOR_METABOLIZER);
        assertThat(stopped.errors()).isEmpty();
        assertThat(stopped.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(stopped.rejectCodes()).containsExactly("88");
    }
}
