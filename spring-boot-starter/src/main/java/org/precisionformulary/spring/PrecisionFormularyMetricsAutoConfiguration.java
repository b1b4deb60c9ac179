// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.precisionformulary.engine.PrecisionFormulary;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The engine's meters ({@link PrecisionFormularyMetrics}), when Micrometer is on the class path: a
 * {@link MeterBinder}, which Boot binds to whatever meter registries the application has.
 */
@AutoConfiguration(after = PrecisionFormularyAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean({PrecisionFormulary.class, PrecisionFormularyEvents.class})
public class PrecisionFormularyMetricsAutoConfiguration {

    /** Creates the configuration; Boot does, when the starter is on the class path. */
    public PrecisionFormularyMetricsAutoConfiguration() {
    }

    /**
     * @param engine the engine whose caches the gauges read
     * @param events where decisions and reloads come from
     * @return the meters, bound by Boot
     */
    @Bean
    @ConditionalOnMissingBean
    public PrecisionFormularyMetrics precisionFormularyMetrics(PrecisionFormulary engine,
                                                               PrecisionFormularyEvents events) {
        return new PrecisionFormularyMetrics(engine, events);
    }
}
