// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import org.precisionformulary.engine.EngineHealth;
import org.precisionformulary.engine.PrecisionFormulary;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The engine's health, as {@code precisionFormulary} in Actuator's health endpoint.
 *
 * <p><b>Status.</b> {@code DOWN} when the engine is unhealthy ({@link EngineHealth#healthy()}: more evaluations
 * stuck in rule code that does not stop than {@link PrecisionFormulary#MAX_STUCK_EVALUATIONS}, so it answers every
 * request with a review at once); {@code UP} otherwise.
 *
 * <p><b>A refused reload leaves the status {@code UP}.</b> The pack that keeps deciding is a complete pack that
 * passed every check when it loaded, and every decision's audit names it; taking the service out of rotation for a
 * refused successor would stop every decision to protect none. The refusal is in the details ({@code lastReload},
 * {@code result: refused} with the compiler's messages) and counted by the {@code precisionformulary.pack.reloads}
 * meter ({@code result=refused}): alert on those, and on a pack version that is not the one deployed.
 *
 * <p><b>Details.</b> {@code packName}, {@code packVersion}, {@code packSha256}, {@code cpicDataVersion},
 * {@code engineVersion}, {@code stuckEvaluations}, {@code timedOutEvaluations} and, once the engine has attempted a
 * reload, {@code lastReload} ({@code at}, {@code result}, {@code source}, {@code message}). Never a member,
 * a drug or a genotype.
 */
public class PrecisionFormularyHealthIndicator extends AbstractHealthIndicator {

    private final PrecisionFormulary engine;
    private final PrecisionFormularyEvents events;

    /**
     * @param engine the engine
     * @param events where the last reload is kept
     */
    public PrecisionFormularyHealthIndicator(PrecisionFormulary engine, PrecisionFormularyEvents events) {
        super("Precision Formulary health check failed");
        this.engine = engine;
        this.events = events;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        EngineHealth health = engine.health();
        builder.status(health.healthy() ? Status.UP : Status.DOWN)
                .withDetails(PackDetails.of(engine.rulePack()))
                .withDetail("stuckEvaluations", health.stuckEvaluations())
                .withDetail("timedOutEvaluations", health.timedOutEvaluations());
        events.lastReload().ifPresent(reload -> builder.withDetail("lastReload", PackDetails.of(reload)));
    }
}
