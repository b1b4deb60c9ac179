// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

/**
 * Hears of every attempt to swap an engine's rule pack, accepted or refused, whoever made it
 * ({@link PrecisionFormulary#reload}, {@link PrecisionFormulary#reloadInBackground}, a
 * {@link PackDirectoryWatcher}); see {@link PrecisionFormulary.Builder#reloadListener}.
 *
 * <p>Called on the thread that swapped or compiled the pack, before the reload's future completes. A listener
 * that throws is logged at WARN and does not change the reload.
 */
@FunctionalInterface
public interface ReloadListener {

    /** @param reload what was attempted and how it ended */
    void reloaded(PackReload reload);
}
