// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one request in its own session: insert the facts, fire with a limit, collect what rules inserted
 * (and still hold: logically inserted facts whose grounds went away are dropped), dispose. Nothing is
 * shared between requests but the KieBase, which is thread-safe.
 *
 * <p>On an engine worker, the session is registered with the thread's {@link EvaluationHandle} while it
 * runs, so the caller can halt it at the evaluation's deadline; a session of a stopped evaluation does not
 * start, and one halted by the caller reports a failure, never its partial results.
 */
public final class SessionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRunner.class);

    private SessionRunner() {
    }

    /**
     * @param pack       the compiled pack
     * @param facts      the request's facts, inserted in this order
     * @param maxFirings the most rule firings allowed; a pack that needs more is treated as looping
     * @param budgetNanos the longest one evaluation may take; checked between firings, so a slow cascade
     *                    is halted here, while a single firing stuck in its own code is left to the engine's
     *                    deadline (see {@link EvaluationWorkers})
     * @return what the rules produced; a rule failure is reported in the result, never thrown
     */
    public static SessionResult run(CompiledPack pack, Collection<?> facts, int maxFirings, long budgetNanos) {
        return run(pack.kieBase(), facts, maxFirings, budgetNanos, System.nanoTime() + budgetNanos);
    }

    /**
     * @param kieBase     the pack's KieBase, or the part of it the session needs
     * @param facts       the request's facts, inserted in this order
     * @param maxFirings  the most rule firings allowed in this session
     * @param budgetNanos the evaluation's whole budget, for the message when it is spent
     * @param deadline    when the evaluation's budget runs out ({@link System#nanoTime()}), shared by every
     *                    session one evaluation runs
     * @return what the rules produced; a rule failure is reported in the result, never thrown
     */
    static SessionResult run(org.kie.api.KieBase kieBase, Collection<?> facts, int maxFirings, long budgetNanos,
                             long deadline) {
        return run(kieBase, facts, maxFirings, budgetNanos, deadline, false);
    }

    /**
     * As {@link #run(org.kie.api.KieBase, Collection, int, long, long)}, optionally in this thread's kept session
     * of {@code kieBase} (see {@link KeptSession}) rather than a new one.
     *
     * @param keep whether to take the session from, and give it back to, this thread's kept session
     */
    static SessionResult run(org.kie.api.KieBase kieBase, Collection<?> facts, int maxFirings, long budgetNanos,
                             long deadline, boolean keep) {
        boolean[] overBudget = {false};
        EvaluationHandle<?> handle = EvaluationHandle.current();
        List<String> fired = new ArrayList<>();
        if (handle != null && handle.isStopped()) {
            return stopped(fired);
        }
        KieSession session = keep ? KeptSession.take(kieBase) : kieBase.newKieSession();
        boolean settled = false;
        Map<Object, String> inserted = new IdentityHashMap<>();
        List<Object> order = new ArrayList<>();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(event.getMatch().getRule().getName());
                    if (System.nanoTime() > deadline) {
                        overBudget[0] = true;
                        event.getKieRuntime().halt();
                    } else if (handle != null && handle.isStopped()) {
                        // The caller's halt is lost when it comes before fireAllRules starts: halt here too.
                        event.getKieRuntime().halt();
                    }
                }
            });
            session.addEventListener(new DefaultRuleRuntimeEventListener() {
                @Override
                public void objectInserted(ObjectInsertedEvent event) {
                    if (event.getRule() != null) {
                        inserted.put(event.getObject(), event.getRule().getName());
                        order.add(event.getObject());
                    }
                }

                @Override
                public void objectDeleted(ObjectDeletedEvent event) {
                    inserted.remove(event.getOldObject());
                }
            });
            for (Object fact : facts) {
                session.insert(fact);
            }
            if (handle != null && !handle.enter(session)) {
                return stopped(fired);
            }
            int count = session.fireAllRules(maxFirings);
            if (handle != null && handle.isStopped()) {
                // Halted by the caller, or finished just as it stopped the evaluation: either way the caller
                // has answered already, and what the rules inserted must not be kept (findings are cached).
                return stopped(fired);
            }
            if (overBudget[0]) {
                String last = fired.isEmpty() ? "?" : fired.get(fired.size() - 1);
                return new SessionResult(List.of(), fired, "the rule pack took longer than the "
                        + budgetNanos / 1_000_000 + " ms budget per evaluation (" + count + " firings); last rule: " + last);
            }
            if (count >= maxFirings) {
                String last = fired.isEmpty() ? "?" : fired.get(fired.size() - 1);
                return new SessionResult(List.of(), fired, "the rule pack fired " + count
                        + " rules without settling (limit " + maxFirings + "); last rule: " + last);
            }
            settled = true;
        } catch (RuntimeException e) {
            if (handle != null && handle.isStopped()) {
                // A consequence interrupted at the deadline: expected, and the caller has answered already.
                return stopped(fired);
            }
            return failed(e, fired);
        } finally {
            if (handle != null) {
                handle.leave();
            }
            // After leave() nobody can halt this session any more; a stop that came before it may have halted
            // it, and a halted or failed session is never handed to the next request.
            if (keep && settled && (handle == null || !handle.isStopped())) {
                KeptSession.giveBack(kieBase, session);
            } else {
                session.dispose();
            }
        }
        List<SessionResult.Inserted> results = new ArrayList<>();
        for (Object fact : order) {
            String rule = inserted.get(fact);
            if (rule != null) {
                results.add(new SessionResult.Inserted(fact, rule));
            }
        }
        return new SessionResult(results, fired, null);
    }

    private static SessionResult stopped(List<String> fired) {
        return new SessionResult(List.of(), fired, "the evaluation was stopped at its deadline");
    }

    private static SessionResult failed(RuntimeException failure, List<String> fired) {
        if (failure instanceof ConsequenceException e) {
            String rule = e.getRule() == null ? "?" : e.getRule().getName();
            // The message names the rule only; facts may hold genotypes, which stay out of logs.
            LOG.warn("Rule '{}' failed: {}", rule, rootMessage(e));
            return new SessionResult(List.of(), fired, "rule '" + rule + "' failed: " + rootMessage(e));
        }
        String rule = fired.isEmpty() ? "?" : fired.get(fired.size() - 1);
        LOG.warn("The rule session failed after rule '{}': {}", rule, rootMessage(failure));
        return new SessionResult(List.of(), fired, "the rule session failed after rule '" + rule + "': "
                + rootMessage(failure));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
