// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.precisionformulary.engine.testing.LocalPack;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;

/**
 * A catalogue of hostile plan packs, one per class of thing a pack must never do. Each is refused by
 * {@code validate}, by the builder and by a hot reload, with the file, the line and what it reached for; the
 * engine that refused it keeps serving. None of them runs: had one run, this JVM would have exited, written a
 * file, opened a socket or never returned.
 */
class HostilePackCatalogueTest {

    /** The line of the hostile code in every catalogue pack's {@code local/hostile.drl}. */
    private static final int HOSTILE_LINE = 13;

    private static final String REQUEST = "{\"requestId\":\"H1\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M1\"},"
            + "\"drug\":{\"name\":\"codeine\"},\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}]}";

    private static PrecisionFormulary engine;
    private static CoverageDecision before;

    @BeforeAll
    static void serving() {
        engine = PrecisionFormulary.builder().build();
        before = engine.evaluate(REQUEST);
        assertThat(before.outcome()).isEqualTo(Outcome.REJECTED);
    }

    /**
     * @return name, the rule's conditions, its consequence, and what the refusal must name. The hostile code
     *         always sits on {@link #HOSTILE_LINE}: in the consequence, or in the last condition.
     */
    static Stream<Arguments> catalogue() {
        return Stream.of(
                Arguments.of("exit", "RequestedDrug()", "System.exit( 42 );", "java.lang.System"),
                Arguments.of("halt", "RequestedDrug()", "Runtime.getRuntime().halt( 42 );", "java.lang.Runtime"),
                Arguments.of("file write", "RequestedDrug()",
                        "java.nio.file.Files.writeString( java.nio.file.Path.of( \"/tmp/pf-hostile\" ), \"x\" );",
                        "java.nio.file"),
                Arguments.of("process", "RequestedDrug()", "new ProcessBuilder( \"sh\", \"-c\", \"id\" ).start();",
                        "java.lang.ProcessBuilder"),
                Arguments.of("thread", "RequestedDrug()", "new Thread( ).start();", "java.lang.Thread"),
                Arguments.of("socket", "RequestedDrug()", "new java.net.Socket( \"127.0.0.1\", 9 );", "java.net.Socket"),
                Arguments.of("environment", "RequestedDrug()",
                        "insert( new Rejection( \"70\", System.getenv( \"PATH\" ) ) );", "java.lang.System"),
                Arguments.of("reflection", "RequestedDrug()",
                        "Class.forName( \"java.lang.Runtime\" ).getMethod( \"getRuntime\" );", "java.lang.Class"),
                Arguments.of("endless loop", "RequestedDrug()",
                        "long x = 0; while ( x >= 0 ) { x = ( x + 1 ) % 1000; }", "loops are refused"),
                Arguments.of("sleep", "RequestedDrug()", "Thread.sleep( 60000 );", "java.lang.Thread"),
                Arguments.of("eval reaching out", "eval( System.getenv( \"HOME\" ) != null )",
                        "insert( new Rejection( \"70\", \"x\" ) );", "java.lang.System"),
                Arguments.of("from reaching out",
                        "$line : String() from java.nio.file.Files.readAllLines( java.nio.file.Path.of( \"/etc/hosts\" ) )",
                        "insert( new Rejection( \"70\", $line ) );", "java.nio.file"));
    }

    /** A pack laid over the built-in one, holding one DRL file, {@code local/<file>.drl}. */
    static Path localPack(Path root, String file, String drl) throws IOException {
        return LocalPack.overBuiltIn(file).drl("local/" + file + ".drl", drl).writeTo(root.resolve(file));
    }

    private static Path hostilePack(Path root, String name, String when, String then) throws IOException {
        // The hostile code goes on HOSTILE_LINE: the last condition, or else the consequence's first line.
        boolean inCondition = !when.equals("RequestedDrug()");
        String drl = """
                package local;

                import org.precisionformulary.model.fact.Rejection;
                import org.precisionformulary.model.fact.RequestedDrug;

                rule "hostile: %s"
                    @concern("plan policy")
                when
                    RequestedDrug()
                    RequestedDrug()
                    RequestedDrug()
                %s
                    %s
                end
                """.formatted(name, inCondition ? "    RequestedDrug()\n    " + when + "\nthen" : "then", then);
        return localPack(root.resolve(name.replace(' ', '-')), "hostile", drl);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void isRefusedByValidateTheBuilderAndAReloadWhileTheEngineKeepsServing(String name, String when, String then,
                                                                          String named, @TempDir Path root)
            throws Exception {
        Path pack = hostilePack(root, name, when, then);
        String where = "local/hostile.drl:" + HOSTILE_LINE + ":";

        List<RulePackProblem> problems = RulePack.validate(pack);
        assertThat(problems).as("validate").isNotEmpty()
                .anySatisfy(p -> assertThat(p.toString()).startsWith(where).contains(named));

        assertThatThrownBy(() -> PrecisionFormulary.builder().rulePack(pack).build()).as("builder")
                .isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).problems())
                        .anySatisfy(p -> assertThat(p.toString()).startsWith(where).contains(named)))
                .hasMessageContaining(where);

        assertThatThrownBy(() -> engine.reloadInBackground(pack).get(60, TimeUnit.SECONDS)).as("reload")
                .hasCauseInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(e.getCause().getMessage()).contains(where).contains(named));

        assertThat(engine.rulePack().sha256()).isEqualTo(before.audit().rulePackSha256());
        CoverageDecision after = engine.evaluate(REQUEST);
        assertThat(after.outcome()).isEqualTo(before.outcome());
        assertThat(after.rejectCodes()).isEqualTo(before.rejectCodes());
        assertThat(Files.exists(Path.of("/tmp/pf-hostile"))).isFalse();
    }

    @Test
    void aWellBehavedPlanPackStillLoadsAndDecides(@TempDir Path root) throws IOException {
        Path dir = localPack(root, "plan", """
                package local;

                import java.util.List;
                import org.precisionformulary.model.fact.Rejection;
                import org.precisionformulary.model.fact.RequestedDrug;
                import org.precisionformulary.model.request.Fill;

                // Plan policy: the plan does not cover a tramadol fill within 30 days of the last one.
                rule "plan: early refill of tramadol"
                    @concern("plan policy")
                when
                    RequestedDrug( drug == "tramadol", $serviceDate : serviceDate )
                    $recent : List( size > 0 ) from collect( Fill( drug == "tramadol", filledOn > $serviceDate.minusDays( 30 ) ) )
                then
                    String days = String.valueOf( Math.max( 1, $recent.size() ) );
                    insert( new Rejection( "70", "tramadol refilled early (" + days + " fill in 30 days)" ) );
                end
                """);
        assertThat(RulePack.validate(dir)).isEmpty();
        PrecisionFormulary plan = PrecisionFormulary.builder().rulePack(dir).build();
        CoverageDecision early = plan.evaluate("{\"requestId\":\"P1\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M\"},"
                + "\"drug\":{\"name\":\"tramadol\"},\"history\":[{\"drug\":\"tramadol\",\"filledOn\":\"2026-11-10\",\"daysSupply\":30}]}");
        assertThat(early.errors()).isEmpty();
        assertThat(early.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(early.reasons()).anySatisfy(r -> assertThat(r).contains("tramadol refilled early (1 fill in 30 days)"));
        assertThat(early.audit().allowedInRules()).isEmpty();
    }

    @Test
    void aHostHelperIsAllowedOnlyByTheHostAndEveryDecisionSaysSo(@TempDir Path root) throws IOException {
        Path dir = localPack(root, "helper", """
                package local;

                import org.precisionformulary.engine.SlowRuleHelper;
                import org.precisionformulary.model.fact.RequestedDrug;

                rule "plan: pauses a moment"
                    @concern("plan policy")
                when
                    RequestedDrug( drug == "tramadol" )
                then
                    SlowRuleHelper.pause( 1 );
                end
                """);
        assertThat(RulePack.validate(dir)).anySatisfy(p -> assertThat(p.toString())
                .startsWith("local/helper.drl:3: import org.precisionformulary.engine.SlowRuleHelper is refused"));
        assertThatThrownBy(() -> PrecisionFormulary.builder().rulePack(dir).build()).isInstanceOf(RulePackException.class);

        assertThat(RulePack.validate(dir, List.of(SlowRuleHelper.class))).isEmpty();
        PrecisionFormulary widened = PrecisionFormulary.builder().allowInRules(SlowRuleHelper.class).rulePack(dir).build();
        CoverageDecision decision = widened.evaluate("{\"requestId\":\"W1\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"tramadol\"}}");
        assertThat(decision.audit().firedRules()).contains("plan: pauses a moment");
        assertThat(decision.audit().allowedInRules()).containsExactly(SlowRuleHelper.class.getName());
        assertThat(widened.reloadInBackground(dir).join().allowedInRules()).containsExactly(SlowRuleHelper.class.getName());
    }

    @Test
    void aPackCannotWidenTheListByItself(@TempDir Path root) throws IOException {
        Path dir = localPack(root, "self", """
                package local;

                import org.precisionformulary.model.fact.RequestedDrug;

                rule "plan: exits"
                    @concern("plan policy")
                when
                    RequestedDrug()
                then
                    System.exit( 3 );
                end
                """);
        // A manifest that tries to widen the list is just text nobody reads.
        Files.writeString(dir.resolve("pack.properties"), "extends=builtin\nallowInRules=java.lang.System\n"
                + "allowedInRules=java.lang.System\n");
        assertThat(RulePack.validate(dir)).anySatisfy(p -> assertThat(p.toString()).contains("java.lang.System is refused"));
        assertThatThrownBy(() -> engine.reloadInBackground(dir).join()).isInstanceOf(CompletionException.class);
    }

    /**
     * Two rules that each pass every load-time check, chained: the first reads a finding and inserts a marker,
     * the second excludes coverage on it. Load cannot see the chain; the run-time GINA guard refuses the
     * decision, through the builder and through a hot reload alike.
     */
    @Test
    void aChainedGinaViolationLoadsButItsDecisionIsRefusedAtRunTime(@TempDir Path root) throws Exception {
        Path dir = localPack(root, "chain", """
                package local;

                import org.precisionformulary.model.decision.Action;
                import org.precisionformulary.model.fact.GenomicFinding;
                import org.precisionformulary.model.fact.Rejection;
                import org.precisionformulary.model.fact.RequestedDrug;
                import org.precisionformulary.model.fact.ReviewedDrug;

                rule "chain: mark members CPIC advises against the drug for"
                    @concern("plan policy")
                when
                    RequestedDrug( $drug : drug )
                    GenomicFinding( drug == $drug, action == Action.AVOID )
                then
                    insert( new ReviewedDrug( "chain-marker" ) );
                end

                rule "chain: marked members are not covered"
                    @concern("plan policy")
                when
                    ReviewedDrug( drug == "chain-marker" )
                then
                    insert( new Rejection( "70", "not covered" ) );
                end
                """);
        assertThat(RulePack.validate(dir)).isEmpty();
        PrecisionFormulary chained = PrecisionFormulary.builder().rulePack(dir).build();
        CoverageDecision refused = chained.evaluate(REQUEST);
        assertThat(refused.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(refused.errors()).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("genotypes");
            assertThat(e.message()).contains("GINA guard").contains("70");
        });

        PrecisionFormulary reloaded = PrecisionFormulary.builder().build();
        reloaded.reloadInBackground(dir).get(60, TimeUnit.SECONDS);
        assertThat(reloaded.evaluate(REQUEST).errors()).anySatisfy(e -> assertThat(e.message()).contains("GINA guard"));
        CoverageDecision untested = chained.evaluate(REQUEST.replace("*4/*4", "*1/*1"));
        assertThat(untested.errors()).isEmpty();
    }
}
