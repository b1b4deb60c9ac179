// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import org.precisionformulary.engine.PrecisionFormulary;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code rulepack} endpoint ({@link RulePackEndpoint}), when Actuator is on the class path and the application
 * exposes the endpoint ({@code management.endpoints.web.exposure.include=health,rulepack}, or over JMX).
 */
@AutoConfiguration(after = PrecisionFormularyAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean({PrecisionFormulary.class, PrecisionFormularyEvents.class})
public class PrecisionFormularyEndpointAutoConfiguration {

    /** Creates the configuration; Boot does, when the starter is on the class path. */
    public PrecisionFormularyEndpointAutoConfiguration() {
    }

    /**
     * @param engine     the engine
     * @param events     where the last reload is kept
     * @param properties the settings: the pack directory a reload compiles when it names none
     * @return the endpoint
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    public RulePackEndpoint rulePackEndpoint(PrecisionFormulary engine, PrecisionFormularyEvents events,
                                             PrecisionFormularyProperties properties) {
        return new RulePackEndpoint(engine, events, properties.pack().directory());
    }
}
