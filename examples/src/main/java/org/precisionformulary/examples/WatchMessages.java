// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import org.precisionformulary.engine.PackDirectoryWatcher;
import org.precisionformulary.engine.PackReload;

/**
 * {@code batch --watch DIR}: what the engine's {@link PackDirectoryWatcher} says on standard error while the batch
 * keeps going: a change seen, then the pack now deciding or the refusal.
 */
final class WatchMessages implements PackDirectoryWatcher.Listener {

    private final PrintStream err;

    WatchMessages(PrintStream err) {
        this.err = err;
    }

    @Override
    public void changed(Path directory) {
        err.println("batch: " + directory + " changed; compiling the pack in the background");
    }

    @Override
    public void reloaded(PackReload reload) {
        err.println(reload.accepted() ? "batch: " + reload.message()
                : "batch: pack refused, the previous pack keeps deciding: " + reload.refusal());
    }
}
