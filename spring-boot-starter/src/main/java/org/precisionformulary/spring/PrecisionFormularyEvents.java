// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.precisionformulary.engine.DecisionListener;
import org.precisionformulary.engine.PackReload;
import org.precisionformulary.engine.ReloadListener;
import org.precisionformulary.model.decision.CoverageDecision;

/**
 * What the engine tells the application, handed on to the starter's metrics and kept for its health indicator: the
 * auto-configured engine is built with this as its decision and reload listener. An application that builds its
 * own engine gets the same metrics and health details by registering this bean with its builder:
 *
 * <pre>{@code
 * @Bean
 * PrecisionFormulary precisionFormulary(PrecisionFormularyEvents events) {
 *     return PrecisionFormulary.builder().decisionListener(events).reloadListener(events).build();
 * }
 * }</pre>
 */
public final class PrecisionFormularyEvents implements DecisionListener, ReloadListener {

    private final AtomicReference<PackReload> lastReload = new AtomicReference<>();
    private final List<DecisionListener> decisionListeners = new CopyOnWriteArrayList<>();
    private final List<ReloadListener> reloadListeners = new CopyOnWriteArrayList<>();

    /** Hands the decision on to every listener added. */
    @Override
    public void decided(CoverageDecision decision, long nanos) {
        for (DecisionListener listener : decisionListeners) {
            listener.decided(decision, nanos);
        }
    }

    /** Keeps the reload as the last one and hands it on to every listener added. */
    @Override
    public void reloaded(PackReload reload) {
        lastReload.set(reload);
        for (ReloadListener listener : reloadListeners) {
            listener.reloaded(reload);
        }
    }

    /** @return the last reload the engine attempted, accepted or refused; empty before the first */
    public Optional<PackReload> lastReload() {
        return Optional.ofNullable(lastReload.get());
    }

    /**
     * @param listener told of every decision from now on
     * @throws NullPointerException when the listener is {@code null}
     */
    public void addDecisionListener(DecisionListener listener) {
        decisionListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * @param listener told of every reload from now on
     * @throws NullPointerException when the listener is {@code null}
     */
    public void addReloadListener(ReloadListener listener) {
        reloadListeners.add(Objects.requireNonNull(listener, "listener"));
    }
}
