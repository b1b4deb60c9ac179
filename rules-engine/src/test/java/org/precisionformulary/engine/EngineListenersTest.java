// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.testing.LocalPack;
import org.precisionformulary.engine.testing.TestEngines;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.slf4j.LoggerFactory;

/** The builder's hooks: every decision and every reload is heard of, and a failing listener changes nothing. */
class EngineListenersTest {

    private static final String POOR_METABOLIZER = TestEngines.request("codeine",
            "{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}", "");

    private record Heard(CoverageDecision decision, long nanos) {
    }

    private static PrecisionFormulary.Builder builder() {
        return PrecisionFormulary.builder().clock(TestEngines.CLOCK).evaluationBudget(Duration.ofSeconds(30));
    }

    @Test
    void everyEvaluationIsHeardWithItsDecisionAndItsTime() {
        List<Heard> heard = new CopyOnWriteArrayList<>();
        PrecisionFormulary engine = builder().decisionListener((d, nanos) -> heard.add(new Heard(d, nanos))).build();

        CoverageDecision byJson = engine.evaluate(POOR_METABOLIZER);
        CoverageDecision unreadable = engine.evaluate("{not json");
        List<CoverageDecision> streamed = engine.evaluateAll(java.util.stream.Stream.of(POOR_METABOLIZER)).toList();

        assertThat(heard).extracting(Heard::decision).containsExactly(byJson, unreadable, streamed.get(0));
        assertThat(heard).allSatisfy(h -> assertThat(h.nanos()).isPositive());
        assertThat(unreadable.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
    }

    @Test
    void aListenerThatThrowsLeavesTheDecisionAsMadeAndTheNextListenerStillHears() {
        List<CoverageDecision> second = new CopyOnWriteArrayList<>();
        PrecisionFormulary engine = builder()
                .decisionListener((d, nanos) -> {
                    throw new IllegalStateException("metrics backend down; it saw CYP2D6 *4/*4 for member M");
                })
                .decisionListener((d, nanos) -> second.add(d))
                .build();
        PrecisionFormulary plain = builder().build();
        Logger logger = (Logger) LoggerFactory.getLogger(PrecisionFormulary.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        CoverageDecision decision;
        try {
            decision = engine.evaluate(POOR_METABOLIZER);
        } finally {
            logger.detachAppender(log);
        }

        assertThat(decision.outcome()).isEqualTo(plain.evaluate(POOR_METABOLIZER).outcome()).isNotNull();
        assertThat(second).containsExactly(decision);
        assertThat(log.list).filteredOn(line -> line.getLevel() == Level.WARN).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).contains("IllegalStateException").contains("the decision stands")
                    .doesNotContain("*4/*4").doesNotContain("member");
        });
    }

    @Test
    void reloadsAreHeardAcceptedOrRefusedBeforeTheirFutureCompletes(@TempDir Path root) throws Exception {
        List<PackReload> heard = new CopyOnWriteArrayList<>();
        LocalPack.planNote("heard", "2").writeTo(root.resolve("two"));
        Path broken = root.resolve("broken/local");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("bad.drl"), "package local;\nrule \"bad\" when Nope( then end\n");
        PrecisionFormulary engine = builder().reloadListener(heard::add).build();

        RulePack two = engine.reloadInBackground(root.resolve("two")).get(90, TimeUnit.SECONDS);
        assertThat(heard).singleElement().satisfies(r -> {
            assertThat(r.accepted()).isTrue();
            assertThat(r.pack()).isSameAs(two);
            assertThat(r.source()).isEqualTo(root.resolve("two").toString());
            assertThat(r.message()).isEqualTo("now deciding with pack heard 2 (" + two.sha256().substring(0, 12) + ")");
        });

        assertThatThrownBy(() -> engine.reloadInBackground(root.resolve("broken")).join())
                .isInstanceOf(CompletionException.class);
        assertThat(heard).hasSize(2).last().satisfies(r -> {
            assertThat(r.accepted()).isFalse();
            assertThat(r.pack()).isNull();
            assertThat(r.message()).isEqualTo(r.refusal()).contains("local/bad.drl");
        });
        assertThat(engine.rulePack()).isSameAs(two);

        RulePack builtIn = RulePack.builtIn();
        engine.reload(builtIn);
        assertThat(heard).hasSize(3).last().satisfies(r -> assertThat(r.source())
                .isEqualTo(builtIn.name() + " " + builtIn.version()));
    }

    @Test
    void aReloadIsEitherAPackOrARefusal() {
        assertThatThrownBy(() -> new PackReload(java.time.Instant.now(), "x", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("neither");
        assertThatThrownBy(() -> new PackReload(java.time.Instant.now(), "x", RulePack.builtIn(), "no"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("both");
    }
}
