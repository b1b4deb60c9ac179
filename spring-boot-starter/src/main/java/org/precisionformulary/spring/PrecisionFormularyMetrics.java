// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.precisionformulary.content.CacheStats;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;

/**
 * The engine's meters. Tags say only what kind of decision it was and which pack made it; never a member, a drug or
 * a genotype, which would put health data in the metrics store and give every member a time series of their own.
 *
 * <ul>
 *   <li>{@value #DECISIONS} (timer): every decision and how long {@code evaluate} took, tagged {@code outcome}
 *       ({@code APPROVED}, {@code REJECTED}, ...) and {@code pack.version};</li>
 *   <li>{@value #DECISION_ERRORS} (counter): decisions that carry errors (bad input, a time-out, an engine
 *       failure), all sent to a pharmacist;</li>
 *   <li>{@value #PACK_RELOADS} (counter): pack reloads, tagged {@code result} {@code accepted} or
 *       {@code refused};</li>
 *   <li>{@value #FINDING_CACHE_SIZE} and {@value #GENOTYPE_READING_CACHE_SIZE} (gauges): entries in the serving
 *       pack's finding cache (0 when findings are not cached) and genotype reading cache.</li>
 * </ul>
 *
 * Decisions and reloads reach the meters through {@link PrecisionFormularyEvents}, so an application's own engine
 * must be built with it as its listener to have them; the gauges read any engine.
 */
public final class PrecisionFormularyMetrics implements MeterBinder {

    /** The decision timer. */
    public static final String DECISIONS = "precisionformulary.decisions";
    /** The counter of decisions carrying errors. */
    public static final String DECISION_ERRORS = "precisionformulary.decision.errors";
    /** The counter of pack reloads, by result. */
    public static final String PACK_RELOADS = "precisionformulary.pack.reloads";
    /** The gauge of the finding cache's entries. */
    public static final String FINDING_CACHE_SIZE = "precisionformulary.finding.cache.size";
    /** The gauge of the genotype reading cache's entries. */
    public static final String GENOTYPE_READING_CACHE_SIZE = "precisionformulary.genotype.reading.cache.size";

    private final PrecisionFormulary engine;
    private final PrecisionFormularyEvents events;

    /**
     * @param engine the engine whose caches the gauges read
     * @param events where the engine's decisions and reloads come from
     */
    public PrecisionFormularyMetrics(PrecisionFormulary engine, PrecisionFormularyEvents events) {
        this.engine = engine;
        this.events = events;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Counter errors = Counter.builder(DECISION_ERRORS)
                .description("Decisions that carry errors (bad input, a time-out, an engine failure)")
                .register(registry);
        Counter accepted = reloads(registry, "accepted");
        Counter refused = reloads(registry, "refused");
        Gauge.builder(FINDING_CACHE_SIZE, engine, e -> size(e.health().findings()))
                .description("Entries in the serving pack's finding cache").register(registry);
        Gauge.builder(GENOTYPE_READING_CACHE_SIZE, engine, e -> size(e.health().genotypeReadings()))
                .description("Entries in the genotype reading cache").register(registry);
        // One timer per outcome and pack version, looked up without building a meter id for every decision.
        Map<String, Timer> timers = new ConcurrentHashMap<>();
        events.addDecisionListener((decision, nanos) -> {
            String outcome = decision.outcome().name();
            String packVersion = packVersion(decision);
            timers.computeIfAbsent(outcome + '\u0000' + packVersion, key -> Timer.builder(DECISIONS)
                    .description("Coverage decisions and how long each took")
                    .tag("outcome", outcome).tag("pack.version", packVersion).register(registry))
                    .record(nanos, TimeUnit.NANOSECONDS);
            if (!decision.errors().isEmpty()) {
                errors.increment();
            }
        });
        events.addReloadListener(reload -> (reload.accepted() ? accepted : refused).increment());
    }

    private static Counter reloads(MeterRegistry registry, String result) {
        return Counter.builder(PACK_RELOADS).description("Rule pack reloads, accepted or refused")
                .tag("result", result).register(registry);
    }

    private static String packVersion(CoverageDecision decision) {
        return decision.audit() == null || decision.audit().rulePackVersion() == null ? "unknown"
                : decision.audit().rulePackVersion();
    }

    private static double size(CacheStats stats) {
        return stats == null ? 0 : stats.size();
    }
}
