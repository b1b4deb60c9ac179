// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Builds one {@link PrecisionFormulary} from {@link PrecisionFormularyProperties}, unless the application
 * defines its own.
 */
@AutoConfiguration
@EnableConfigurationProperties(PrecisionFormularyProperties.class)
public class PrecisionFormularyAutoConfiguration {

    /**
     * The engine, built at start-up so that a bad formulary or pack stops the application before it serves.
     *
     * @param properties the settings
     * @return the engine
     */
    @Bean
    @ConditionalOnMissingBean
    public PrecisionFormulary precisionFormulary(PrecisionFormularyProperties properties) {
        PrecisionFormulary.Builder builder = PrecisionFormulary.builder();
        if (properties.formulary() != null) {
            builder.formulary(properties.formulary());
        }
        if (properties.pack().directory() != null) {
            builder.rulePack(RulePack.fromDirectory(properties.pack().directory()));
        }
        if (properties.evaluationBudget() != null) {
            builder.evaluationBudget(properties.evaluationBudget());
        }
        return builder.build();
    }
}
