// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.precisionformulary.spring.StarterFixtures.DIPLOTYPE;
import static org.precisionformulary.spring.StarterFixtures.DRUG;
import static org.precisionformulary.spring.StarterFixtures.MEMBER_ID;
import static org.precisionformulary.spring.StarterFixtures.REQUEST;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;

/** The meters after real decisions: their names, their tags, and nothing of the member in any of them. */
class PrecisionFormularyMetricsTest {

    @Test
    void decisionsErrorsReloadsAndCachesAreMeasuredWithoutMemberDrugOrGenotype(@TempDir Path dir) throws Exception {
        Path broken = StarterFixtures.brokenPack(dir.resolve("broken"));
        StarterFixtures.runner().withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
                .withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
                    assertThat(context).hasNotFailed();
                    PrecisionFormulary engine = context.getBean(PrecisionFormulary.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);

                    CoverageDecision decided = engine.evaluate(REQUEST);
                    engine.evaluate(REQUEST);
                    CoverageDecision unreadable = engine.evaluate("{\"member\":{\"id\":\"" + MEMBER_ID + "\"},");
                    engine.reloadInBackground(broken).exceptionally(failure -> null).join();

                    String version = engine.rulePack().version();
                    assertThat(registry.get(PrecisionFormularyMetrics.DECISIONS)
                            .tags("outcome", decided.outcome().name(), "pack.version", version).timer().count())
                            .isEqualTo(2);
                    assertThat(registry.get(PrecisionFormularyMetrics.DECISIONS)
                            .tags("outcome", unreadable.outcome().name()).timer().count()).isEqualTo(1);
                    assertThat(registry.get(PrecisionFormularyMetrics.DECISION_ERRORS).counter().count()).isEqualTo(1);
                    assertThat(registry.get(PrecisionFormularyMetrics.PACK_RELOADS).tag("result", "refused").counter()
                            .count()).isEqualTo(1);
                    assertThat(registry.get(PrecisionFormularyMetrics.PACK_RELOADS).tag("result", "accepted").counter()
                            .count()).isZero();
                    assertThat(registry.get(PrecisionFormularyMetrics.FINDING_CACHE_SIZE).gauge().value())
                            .isPositive();
                    assertThat(registry.get(PrecisionFormularyMetrics.GENOTYPE_READING_CACHE_SIZE).gauge().value())
                            .isPositive();

                    List<Meter> ours = registry.getMeters().stream()
                            .filter(m -> m.getId().getName().startsWith("precisionformulary.")).toList();
                    assertThat(ours).extracting(m -> m.getId().getName()).containsOnly(
                            PrecisionFormularyMetrics.DECISIONS, PrecisionFormularyMetrics.DECISION_ERRORS,
                            PrecisionFormularyMetrics.PACK_RELOADS, PrecisionFormularyMetrics.FINDING_CACHE_SIZE,
                            PrecisionFormularyMetrics.GENOTYPE_READING_CACHE_SIZE);
                    List<Tag> tags = ours.stream().flatMap(m -> m.getId().getTags().stream()).toList();
                    assertThat(tags).extracting(Tag::getKey).containsOnly("outcome", "pack.version", "result");
                    for (Tag tag : tags) {
                        for (String text : List.of(tag.getKey(), tag.getValue())) {
                            assertThat(text.toLowerCase(Locale.ROOT)).doesNotContain(MEMBER_ID.toLowerCase(Locale.ROOT))
                                    .doesNotContain(DRUG).doesNotContain(DIPLOTYPE).doesNotContain("cyp2d6");
                        }
                    }
                });
    }

    @Test
    void withoutAnEngineOfTheStartersListenersTheGaugesStillRead() {
        PrecisionFormulary engine = PrecisionFormulary.builder().build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new PrecisionFormularyMetrics(engine, new PrecisionFormularyEvents()).bindTo(registry);
        engine.evaluate(REQUEST);
        assertThat(registry.get(PrecisionFormularyMetrics.GENOTYPE_READING_CACHE_SIZE).gauge().value()).isPositive();
        assertThat(registry.find(PrecisionFormularyMetrics.DECISIONS).timer()).isNull();
    }
}
