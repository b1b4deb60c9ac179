// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.testing.LocalPack;

/** The watcher started on its timer picks up a changed pack by itself, and stops when closed. */
class PackDirectoryWatcherTest {

    private static Path pack(Path dir, String version) throws IOException {
        return LocalPack.planNote("watched", version).writeTo(dir);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void aStartedWatcherReloadsAChangedPackOnItsOwnAndTellsItsListener(@TempDir Path dir) throws Exception {
        PrecisionFormulary engine = PrecisionFormulary.builder().rulePack(pack(dir, "1")).build();
        List<String> heard = new CopyOnWriteArrayList<>();
        try (PackDirectoryWatcher watcher = new PackDirectoryWatcher(engine, dir, Duration.ofMillis(100),
                new PackDirectoryWatcher.Listener() {
                    @Override
                    public void changed(Path directory) {
                        heard.add("changed " + directory);
                    }

                    @Override
                    public void reloaded(PackReload reload) {
                        heard.add(reload.message());
                    }
                })) {
            watcher.start();
            Thread.sleep(300);
            assertThat(heard).as("nothing changed").isEmpty();

            pack(dir, "2");
            await(() -> heard.size() >= 2);

            assertThat(engine.rulePack().version()).isEqualTo("2");
            assertThat(heard).containsExactly("changed " + dir, "now deciding with pack watched 2 ("
                    + engine.rulePack().sha256().substring(0, 12) + ")");
            assertThatThrownBy(watcher::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aClosedWatcherNoLongerLooks(@TempDir Path dir) throws Exception {
        PrecisionFormulary engine = PrecisionFormulary.builder().rulePack(pack(dir, "1")).build();
        PackDirectoryWatcher watcher = new PackDirectoryWatcher(engine, dir, Duration.ofMillis(50), reload -> { });
        watcher.start();
        watcher.close();
        pack(dir, "2");
        Thread.sleep(500);
        assertThat(engine.rulePack().version()).isEqualTo("1");
        assertThatThrownBy(watcher::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theIntervalMustBePositive(@TempDir Path dir) throws Exception {
        PrecisionFormulary engine = PrecisionFormulary.builder().build();
        assertThatThrownBy(() -> new PackDirectoryWatcher(engine, dir, Duration.ZERO, reload -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interval");
    }
}
