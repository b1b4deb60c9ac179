// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.testing.LocalPack;

/** batch --watch: a change in the pack directory swaps the engine to the new pack; a broken pack is refused. */
class PackWatcherTest {

    private static void pack(Path dir, String version) throws Exception {
        LocalPack.overBuiltIn("watched").version(version).drl("local/note.drl", """
                package local;
                import org.precisionformulary.model.fact.RequestedDrug;
                rule "plan note %s"
                    @concern("plan policy")
                when
                    RequestedDrug( drug == "codeine" )
                then
                end
                """.formatted(version)).writeTo(dir);
    }

    private static void waitFor(PrecisionFormulary engine, String version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!engine.rulePack().version().equals(version) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @Test
    void aChangedPackIsCompiledAndSwappedInAndABrokenOneIsRefused(@TempDir Path dir) throws Exception {
        pack(dir, "1");
        PrecisionFormulary engine = PrecisionFormulary.builder().rulePack(dir).build();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
             PackWatcher watcher = new PackWatcher(engine, dir, e)) {
            watcher.check();
            assertThat(engine.rulePack().version()).isEqualTo("1");

            pack(dir, "2");
            watcher.check();
            waitFor(engine, "2");
            assertThat(engine.rulePack().version()).isEqualTo("2");

            Files.writeString(dir.resolve("local/broken.drl"), "package local;\nrule \"x\" when Nope( then end\n");
            watcher.check();
            Thread.sleep(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!err.toString(StandardCharsets.UTF_8).contains("refused") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("now deciding with pack watched 2").contains("pack refused");
            assertThat(engine.rulePack().version()).isEqualTo("2");
        }
    }
}
