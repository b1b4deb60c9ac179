// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.precisionformulary.spring.StarterFixtures.MEMBER_ID;
import static org.precisionformulary.spring.StarterFixtures.REQUEST;
import static org.precisionformulary.spring.StarterFixtures.cause;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.json.ContractJson;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine bean: from properties, the application's own when it has one, and no start-up on a bad value. */
class PrecisionFormularyAutoConfigurationTest {

    @Test
    void withoutPropertiesTheEngineDecidesWithTheBuiltInPackAndTheDemoFormulary() {
        StarterFixtures.runner().run(context -> {
            PrecisionFormulary engine = context.getBean(PrecisionFormulary.class);
            assertThat(engine.rulePack().sha256()).isEqualTo(RulePack.builtIn().sha256());
            assertThat(engine.formulary().formularyId()).isEqualTo(PrecisionFormulary.builder().build().formulary()
                    .formularyId());
            assertThat(context).doesNotHaveBean(PackWatch.class);
        });
    }

    @Test
    void theEngineIsBuiltFromEveryProperty(@TempDir Path dir) throws Exception {
        Path formulary = StarterFixtures.formulary(dir);
        Path pack = StarterFixtures.pack(dir.resolve("pack"), "7");
        Path key = Files.writeString(dir.resolve("member-id.key"), "plan-secret-key-0123456789\n");
        StarterFixtures.runner().withPropertyValues(
                "precisionformulary.formulary=" + formulary,
                "precisionformulary.pack.directory=" + pack,
                "precisionformulary.member-id-key=" + key,
                "precisionformulary.evaluation-budget=30s").run(context -> {
            assertThat(context).hasNotFailed();
            PrecisionFormulary engine = context.getBean(PrecisionFormulary.class);
            assertThat(engine.formulary().formularyId()).isEqualTo("STARTER-OPIOIDS");
            assertThat(engine.rulePack().name()).isEqualTo("starter-plan");
            assertThat(engine.rulePack().version()).isEqualTo("7");

            CoverageDecision decision = engine.evaluate(REQUEST);
            assertThat(decision.audit().formularyId()).isEqualTo("STARTER-OPIOIDS");
            assertThat(decision.audit().rulePackVersion()).isEqualTo("7");
            assertThat(decision.audit().memberIdHash()).hasSize(64);
            assertThat(ContractJson.toJson(decision)).doesNotContain(MEMBER_ID);
            PrecisionFormularyProperties properties = context.getBean(PrecisionFormularyProperties.class);
            assertThat(properties.evaluationBudget()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.pack().watch()).isFalse();
            assertThat(properties.pack().watchInterval()).isEqualTo(Duration.ofSeconds(1));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnEngine {
        static final PrecisionFormulary ENGINE = PrecisionFormulary.builder().build();

        @Bean
        PrecisionFormulary myEngine() {
            return ENGINE;
        }
    }

    @Test
    void theApplicationsOwnEngineWinsAndStillGetsHealthAndMetrics() {
        StarterFixtures.runner().withUserConfiguration(OwnEngine.class)
                .withPropertyValues("precisionformulary.formulary=/no/such/formulary.json").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).getBean(PrecisionFormulary.class).isSameAs(OwnEngine.ENGINE);
                    assertThat(context).hasSingleBean(PrecisionFormularyHealthIndicator.class)
                            .hasSingleBean(PrecisionFormularyMetrics.class);
                });
    }

    private static void assertStartUpFailsNaming(AssertableApplicationContext context, String property,
                                                 String reason) {
        assertThat(context).hasFailed();
        InvalidConfigurationPropertyValueException invalid = cause(context.getStartupFailure(),
                InvalidConfigurationPropertyValueException.class).orElseThrow(() -> new AssertionError(
                "no InvalidConfigurationPropertyValueException in " + context.getStartupFailure()));
        assertThat(invalid.getName()).isEqualTo(property);
        assertThat(invalid.getReason()).contains(reason);
        assertThat(invalid.getMessage()).contains(property);
    }

    @Test
    void aMissingFormularyStopsStartUpNamingTheProperty(@TempDir Path dir) {
        StarterFixtures.runner().withPropertyValues("precisionformulary.formulary=" + dir.resolve("absent.json"))
                .run(context -> assertStartUpFailsNaming(context, "precisionformulary.formulary", "does not exist"));
    }

    @Test
    void anInvalidFormularyStopsStartUpWithTheReadersReason(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "formularyId: X");
        StarterFixtures.runner().withPropertyValues("precisionformulary.formulary=" + file)
                .run(context -> assertStartUpFailsNaming(context, "precisionformulary.formulary", "not JSON"));
    }

    @Test
    void aPackThatDoesNotCompileStopsStartUpWithTheCompilersMessages(@TempDir Path dir) throws Exception {
        Path broken = StarterFixtures.brokenPack(dir.resolve("broken"));
        StarterFixtures.runner().withPropertyValues("precisionformulary.pack.directory=" + broken)
                .run(context -> assertStartUpFailsNaming(context, "precisionformulary.pack.directory",
                        "local/bad.drl"));
    }

    @Test
    void aPackDirectoryThatIsNotOneStopsStartUp(@TempDir Path dir) {
        StarterFixtures.runner().withPropertyValues("precisionformulary.pack.directory=" + dir.resolve("none"))
                .run(context -> assertStartUpFailsNaming(context, "precisionformulary.pack.directory",
                        "not a directory"));
    }

    @Test
    void aShortMemberIdKeyStopsStartUpWithoutShowingTheKey(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("short.key"), "tiny-secret\n");
        StarterFixtures.runner().withPropertyValues("precisionformulary.member-id-key=" + key).run(context -> {
            assertStartUpFailsNaming(context, "precisionformulary.member-id-key", "holds 11 bytes");
            assertThat(context.getStartupFailure()).rootCause().message().doesNotContain("tiny-secret");
        });
    }

    @Test
    void aBudgetThatIsNotPositiveStopsStartUp() {
        StarterFixtures.runner().withPropertyValues("precisionformulary.evaluation-budget=0s")
                .run(context -> assertStartUpFailsNaming(context, "precisionformulary.evaluation-budget",
                        "must be positive"));
    }

    @Test
    void aWatchIntervalThatIsNotPositiveStopsStartUp(@TempDir Path dir) throws Exception {
        Path pack = StarterFixtures.pack(dir, "1");
        StarterFixtures.runner().withPropertyValues("precisionformulary.pack.directory=" + pack,
                        "precisionformulary.pack.watch=true", "precisionformulary.pack.watch-interval=-1s")
                .run(context -> assertStartUpFailsNaming(context, "precisionformulary.pack.watch-interval",
                        "must be positive"));
    }

    @Test
    void aWatchWithoutADirectoryStopsStartUp() {
        StarterFixtures.runner().withPropertyValues("precisionformulary.pack.watch=true")
                .run(context -> assertStartUpFailsNaming(context, "precisionformulary.pack.watch",
                        "precisionformulary.pack.directory, which is not set"));
    }

    @Test
    void aValueOfTheWrongKindStopsStartUpNamingTheProperty() {
        StarterFixtures.runner().withPropertyValues("precisionformulary.evaluation-budget=soon").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("precisionformulary.evaluation-budget");
        });
    }
}
