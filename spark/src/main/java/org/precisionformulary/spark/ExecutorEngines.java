// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spark;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.precisionformulary.engine.PrecisionFormulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines of this JVM, one per shipped {@link EngineSpec}: built by the driver or by the first task that needs
 * it, shared by every task slot after (the engine is thread-safe), and kept for the JVM's life, so that an executor
 * compiles the pack once however many partitions and jobs it decides. In local mode the driver's JVM is the
 * executor, and its tasks use the engine the driver built.
 */
final class ExecutorEngines {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorEngines.class);
    private static final ConcurrentMap<String, PrecisionFormulary> ENGINES = new ConcurrentHashMap<>();
    private static final AtomicLong BUILDS = new AtomicLong();

    private ExecutorEngines() {
    }

    /**
     * @param spec what the driver is about to ship, its pack hash not known yet
     * @return this JVM's engine for the spec, built now if it is new here
     */
    static PrecisionFormulary onDriver(EngineSpec spec) {
        return ENGINES.computeIfAbsent(spec.key(), key -> spec.build());
    }

    /**
     * @param spec    what the driver shipped
     * @param onBuild run once when this call built the engine
     * @return this JVM's engine for the spec
     * @throws PackMismatchException when the pack compiled here has another SHA-256 than the driver's
     */
    static PrecisionFormulary get(EngineSpec spec, Runnable onBuild) {
        boolean[] built = {false};
        PrecisionFormulary engine = ENGINES.computeIfAbsent(spec.key(), key -> {
            PrecisionFormulary fresh = spec.build();
            BUILDS.incrementAndGet();
            built[0] = true;
            LOG.info("Engine built on this executor: pack {} {} (SHA-256 {})", fresh.rulePack().name(),
                    fresh.rulePack().version(), fresh.rulePack().sha256());
            return fresh;
        });
        if (built[0]) {
            onBuild.run();
        }
        String sha = engine.rulePack().sha256();
        if (!sha.equals(spec.packSha256())) {
            // Every task on this executor fails the same way, and the job with them.
            throw new PackMismatchException(spec.packSha256(), sha);
        }
        return engine;
    }

    /**
     * @param spec what the driver shipped, with a baseline formulary
     * @param main this JVM's engine for the spec
     * @return this JVM's baseline engine for the spec: the main engine's pack on the baseline formulary
     */
    static PrecisionFormulary baseline(EngineSpec spec, PrecisionFormulary main) {
        return ENGINES.computeIfAbsent(spec.baselineKey(), key -> spec.buildBaseline(main));
    }

    /** Forgets the engine for a spec, so that the next task builds it again (tests). */
    static void forget(EngineSpec spec) {
        ENGINES.remove(spec.key());
    }

    /** @return how many engines tasks in this JVM have built */
    static long builds() {
        return BUILDS.get();
    }
}
