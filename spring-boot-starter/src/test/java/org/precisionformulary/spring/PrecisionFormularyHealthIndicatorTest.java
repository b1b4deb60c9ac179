// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.content.CacheStats;
import org.precisionformulary.engine.EngineHealth;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/** The health indicator: the serving pack in its details, DOWN only when the engine is, UP after a refusal. */
class PrecisionFormularyHealthIndicatorTest {

    @Test
    void aServingEngineIsUpAndNamesItsPack() {
        StarterFixtures.runner().run(context -> {
            Health health = context.getBean("precisionFormularyHealthIndicator", PrecisionFormularyHealthIndicator.class)
                    .health();
            RulePack pack = RulePack.builtIn();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("packName", pack.name())
                    .containsEntry("packVersion", pack.version())
                    .containsEntry("packSha256", pack.sha256())
                    .containsEntry("cpicDataVersion", pack.cpicDataVersion())
                    .containsEntry("engineVersion", PrecisionFormulary.VERSION)
                    .containsEntry("stuckEvaluations", 0)
                    .containsEntry("timedOutEvaluations", 0L)
                    .doesNotContainKey("lastReload");
        });
    }

    @Test
    void theIndicatorIsNamedPrecisionFormularyInTheHealthRegistry() {
        StarterFixtures.runner().withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
                .run(context -> assertThat(context.getBean(HealthContributorRegistry.class)
                        .getContributor("precisionFormulary"))
                        .isSameAs(context.getBean(PrecisionFormularyHealthIndicator.class)));
    }

    @Test
    void anEngineWithTooManyStuckEvaluationsIsDown() {
        PrecisionFormulary engine = mock(PrecisionFormulary.class);
        CacheStats empty = new CacheStats(0, 0, 0, 0, 10);
        when(engine.health()).thenReturn(new EngineHealth(false, PrecisionFormulary.MAX_STUCK_EVALUATIONS + 1, 40,
                empty, empty));
        when(engine.rulePack()).thenReturn(RulePack.builtIn());

        Health health = new PrecisionFormularyHealthIndicator(engine, new PrecisionFormularyEvents()).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("stuckEvaluations", PrecisionFormulary.MAX_STUCK_EVALUATIONS + 1)
                .containsEntry("timedOutEvaluations", 40L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRefusedReloadLeavesTheServiceUpAndShowsTheRefusal(@TempDir Path dir) throws Exception {
        Path broken = StarterFixtures.brokenPack(dir.resolve("broken"));
        StarterFixtures.runner().run(context -> {
            PrecisionFormulary engine = context.getBean(PrecisionFormulary.class);
            engine.reloadInBackground(broken).exceptionally(failure -> null).join();

            Health health = context.getBean(PrecisionFormularyHealthIndicator.class).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("packSha256", RulePack.builtIn().sha256());
            Map<String, Object> lastReload = (Map<String, Object>) health.getDetails().get("lastReload");
            assertThat(lastReload).containsEntry("result", "refused").containsEntry("source", broken.toString())
                    .containsKey("at");
            assertThat((String) lastReload.get("message")).contains("local/bad.drl");
        });
    }

    @Test
    void theIndicatorCanBeTurnedOff() {
        StarterFixtures.runner().withPropertyValues("management.health.precisionformulary.enabled=false")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(PrecisionFormularyHealthIndicator.class));
    }
}
