// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.PackDirectoryWatcher;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;
import org.precisionformulary.engine.testing.LocalPack;

/** batch --watch: a change in the pack directory swaps the engine to the new pack; a broken pack is refused, and both are said on stderr. */
class BatchWatchTest {

    private static void pack(Path dir, String version) throws Exception {
        LocalPack.planNote("watched", version).writeTo(dir);
    }

    @Test
    void aChangedPackIsCompiledAndSwappedInAndABrokenOneIsRefused(@TempDir Path dir) throws Exception {
        pack(dir, "1");
        PrecisionFormulary engine = PrecisionFormulary.builder().rulePack(dir).build();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
             PackDirectoryWatcher watcher = new PackDirectoryWatcher(engine, dir, Duration.ofSeconds(1),
                     new WatchMessages(e))) {
            assertThat(watcher.check()).as("nothing changed yet").isEmpty();
            assertThat(engine.rulePack().version()).isEqualTo("1");

            pack(dir, "2");
            RulePack two = watcher.check().orElseThrow().get(90, TimeUnit.SECONDS);
            assertThat(two.version()).isEqualTo("2");
            assertThat(engine.rulePack().version()).isEqualTo("2");

            Files.writeString(dir.resolve("local/broken.drl"), "package local;\nrule \"x\" when Nope( then end\n");
            assertThatThrownBy(() -> watcher.check().orElseThrow().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("batch: " + dir + " changed; compiling the pack in the background")
                    .contains("batch: now deciding with pack watched 2 (" + two.sha256().substring(0, 12) + ")")
                    .contains("batch: pack refused, the previous pack keeps deciding: ").contains("local/broken.drl");
            assertThat(engine.rulePack().version()).isEqualTo("2");
        }
    }
}
