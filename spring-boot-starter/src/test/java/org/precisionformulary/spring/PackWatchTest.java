// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.PackReload;

/** precisionformulary.pack.watch: a changed pack is picked up while the context runs, and not after it closed. */
class PackWatchTest {

    @Test
    void aChangedPackIsReloadedWhileTheContextRunsAndTheWatchEndsWithIt(@TempDir Path dir) throws Exception {
        Path pack = StarterFixtures.pack(dir, "1");
        PackWatch[] watch = new PackWatch[1];
        StarterFixtures.runner().withPropertyValues("precisionformulary.pack.directory=" + pack,
                "precisionformulary.pack.watch=true", "precisionformulary.pack.watch-interval=100ms").run(context -> {
                    PrecisionFormulary engine = context.getBean(PrecisionFormulary.class);
                    watch[0] = context.getBean(PackWatch.class);
                    assertThat(watch[0].isRunning()).isTrue();

                    StarterFixtures.pack(pack, "2");
                    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                    PrecisionFormularyEvents events = context.getBean(PrecisionFormularyEvents.class);
                    while (!events.lastReload().map(PackReload::accepted).orElse(false) && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }

                    assertThat(engine.rulePack().version()).isEqualTo("2");
                    assertThat(events.lastReload()).get()
                            .extracting(PackReload::accepted, PackReload::source).containsExactly(true, pack.toString());
                });
        assertThat(watch[0].isRunning()).isFalse();
    }
}
