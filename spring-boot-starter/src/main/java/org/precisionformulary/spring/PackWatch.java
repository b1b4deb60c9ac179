// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import java.nio.file.Path;
import java.time.Duration;
import org.precisionformulary.engine.PackDirectoryWatcher;
import org.precisionformulary.engine.PackReload;
import org.precisionformulary.engine.PrecisionFormulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The engine's {@link PackDirectoryWatcher}, looking from the start of the application context to its end. How
 * each reload ends reaches the metrics and the health indicator through the engine's reload listener, so the watch
 * itself only logs that it saw a change.
 */
final class PackWatch implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PackWatch.class);

    private final PrecisionFormulary engine;
    private final Path directory;
    private final Duration interval;
    /** The watcher looking now; {@code null} while stopped. */
    private PackDirectoryWatcher watcher;

    PackWatch(PrecisionFormulary engine, Path directory, Duration interval) {
        this.engine = engine;
        this.directory = directory;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (watcher != null) {
            return;
        }
        watcher = new PackDirectoryWatcher(engine, directory, interval, new PackDirectoryWatcher.Listener() {
            @Override
            public void changed(Path changed) {
                LOG.info("Rule pack directory {} changed; compiling the pack in the background", changed);
            }

            @Override
            public void reloaded(PackReload reload) {
                // The engine's own log and its reload listener have it.
            }
        });
        watcher.start();
        LOG.info("Watching rule pack directory {} every {}", directory, interval);
    }

    @Override
    public synchronized void stop() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return watcher != null;
    }
}
