// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import org.drools.kiesession.session.StatefulKnowledgeSessionImpl;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * One routing session per thread, reset between requests instead of built anew. A new session creates
 * and links Drools' network memory (node and segment memories, index tables) for every rule its facts
 * reach, which was a quarter of a request's CPU; {@link StatefulKnowledgeSessionImpl#reset()}, the reset
 * Drools' own session pools use, empties those memories in place and drops the facts, the agenda, the
 * listeners and the fact handle counters, so the next request starts as in a new session.
 *
 * <p>Only a session that settled normally comes back (see {@link SessionRunner}): one that failed, was
 * halted or ran out of budget is disposed. A thread keeps one session, for one KieBase: a session of an
 * earlier pack (before a reload) is disposed when the thread next asks for the new pack's, so a reload
 * leaves at most one old session per thread until then, and none once the thread has routed again.
 *
 * <p>Not {@code KieBase.newKieSessionsPool}: its pool hands sessions across threads through a shared queue
 * (created lazily without a lock in Drools 10.2), while a session here never leaves the thread that routes
 * with it, so there is nothing to share and nothing to lock.
 */
final class KeptSession {

    private static final ThreadLocal<KeptSession> KEPT = new ThreadLocal<>();

    private final KieBase kieBase;
    private final KieSession session;

    private KeptSession(KieBase kieBase, KieSession session) {
        this.kieBase = kieBase;
        this.session = session;
    }

    /**
     * @param kieBase the KieBase to route with
     * @return this thread's kept session of {@code kieBase}, now the caller's, or a new one
     */
    static KieSession take(KieBase kieBase) {
        KeptSession kept = KEPT.get();
        if (kept == null) {
            return kieBase.newKieSession();
        }
        KEPT.remove();
        if (kept.kieBase == kieBase) {
            return kept.session;
        }
        kept.session.dispose();
        return kieBase.newKieSession();
    }

    /**
     * @param kieBase the KieBase {@code session} belongs to
     * @param session a session that settled normally and can no longer be halted by anyone
     */
    static void giveBack(KieBase kieBase, KieSession session) {
        ((StatefulKnowledgeSessionImpl) session).reset();
        KeptSession earlier = KEPT.get();
        if (earlier != null) {
            earlier.session.dispose();
        }
        KEPT.set(new KeptSession(kieBase, session));
    }
}
