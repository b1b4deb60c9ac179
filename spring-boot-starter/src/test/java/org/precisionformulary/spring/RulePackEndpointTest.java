// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.core.Nullness;

/** The rulepack endpoint: shown only when exposed, reloads accepted and refused with the reason. */
class RulePackEndpointTest {

    private static final String EXPOSED = "management.endpoints.web.exposure.include=health,rulepack";

    @Test
    void theEndpointIsNotThereUnlessTheApplicationExposesIt() {
        StarterFixtures.runner().run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(RulePackEndpoint.class));
    }

    @Test
    void aReloadOfTheConfiguredDirectoryIsAcceptedAndABrokenPackIsRefusedWithItsReason(@TempDir Path dir)
            throws Exception {
        Path pack = StarterFixtures.pack(dir.resolve("pack"), "1");
        Path broken = StarterFixtures.brokenPack(dir.resolve("broken"));
        StarterFixtures.runner().withPropertyValues(EXPOSED, "precisionformulary.pack.directory=" + pack)
                .run(context -> {
                    RulePackEndpoint endpoint = context.getBean(RulePackEndpoint.class);
                    PrecisionFormulary engine = context.getBean(PrecisionFormulary.class);
                    RulePackEndpoint.Serving before = endpoint.serving();
                    assertThat(before.pack()).containsEntry("packName", "starter-plan").containsEntry("packVersion", "1");
                    assertThat(before.rules()).isPositive();
                    assertThat(before.lastReload()).isNull();

                    StarterFixtures.pack(pack, "2");
                    RulePackEndpoint.Reload accepted = endpoint.reload(null);
                    assertThat(accepted.result()).isEqualTo("accepted");
                    assertThat(accepted.source()).isEqualTo(pack.toString());
                    assertThat(accepted.message()).startsWith("now deciding with pack starter-plan 2 (");
                    assertThat(accepted.serving().pack()).containsEntry("packVersion", "2");
                    assertThat(engine.rulePack().version()).isEqualTo("2");

                    RulePackEndpoint.Reload refused = endpoint.reload(broken.toString());
                    assertThat(refused.result()).isEqualTo("refused");
                    assertThat(refused.source()).isEqualTo(broken.toString());
                    assertThat(refused.message()).contains("local/bad.drl");
                    assertThat(refused.serving().pack()).containsEntry("packVersion", "2");
                    assertThat(refused.serving().lastReload()).containsEntry("result", "refused");
                    assertThat(engine.rulePack().version()).isEqualTo("2");
                });
    }

    @Test
    void actuatorReadsTheDirectoryAsOptionalSoAReloadMayHaveNoBody() throws Exception {
        // Boot 4 asks Spring's Nullness whether an operation parameter may be left out.
        Method reload = RulePackEndpoint.class.getMethod("reload", String.class);
        assertThat(Nullness.forParameter(reload.getParameters()[0])).isEqualTo(Nullness.NULLABLE);
    }

    @Test
    void aReloadWithoutADirectoryWhenNoneIsConfiguredIsABadRequest() {
        StarterFixtures.runner().withPropertyValues(EXPOSED).run(context -> {
            RulePackEndpoint endpoint = context.getBean(RulePackEndpoint.class);
            assertThatThrownBy(() -> endpoint.reload(null)).isInstanceOf(InvalidEndpointRequestException.class)
                    .hasMessageContaining("precisionformulary.pack.directory");
            assertThat(context.getBean(PrecisionFormulary.class).rulePack().sha256())
                    .isEqualTo(RulePack.builtIn().sha256());
        });
    }
}
