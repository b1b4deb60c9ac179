// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import org.precisionformulary.engine.PrecisionFormulary;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code precisionFormulary} health indicator, when Actuator's health support is on the class path
 * ({@code management.health.precisionformulary.enabled=false} turns it off).
 */
@AutoConfiguration(after = PrecisionFormularyAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({PrecisionFormulary.class, PrecisionFormularyEvents.class})
@ConditionalOnEnabledHealthIndicator("precisionformulary")
public class PrecisionFormularyHealthAutoConfiguration {

    /** Creates the configuration; Boot does, when the starter is on the class path. */
    public PrecisionFormularyHealthAutoConfiguration() {
    }

    /**
     * @param engine the engine
     * @param events where the last reload is kept
     * @return the health indicator, named {@code precisionFormulary} after its bean
     */
    @Bean
    @ConditionalOnMissingBean(name = "precisionFormularyHealthIndicator")
    public PrecisionFormularyHealthIndicator precisionFormularyHealthIndicator(PrecisionFormulary engine,
                                                                               PrecisionFormularyEvents events) {
        return new PrecisionFormularyHealthIndicator(engine, events);
    }
}
