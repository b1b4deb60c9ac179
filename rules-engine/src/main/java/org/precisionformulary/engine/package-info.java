// SPDX-License-Identifier: Apache-2.0
/**
 * The public facade: {@link org.precisionformulary.engine.PrecisionFormulary} and
 * {@link org.precisionformulary.engine.RulePack}; for a host that serves, the hooks its metrics use
 * ({@link org.precisionformulary.engine.DecisionListener}, {@link org.precisionformulary.engine.ReloadListener}),
 * the pack directory watcher ({@link org.precisionformulary.engine.PackDirectoryWatcher}) and the member-id key
 * reader ({@link org.precisionformulary.engine.MemberIdKey}).
 */
package org.precisionformulary.engine;
