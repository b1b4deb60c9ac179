// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import org.precisionformulary.fhir.FhirCodeMap;
import org.precisionformulary.fhir.FhirRequestMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR side of the service: the code map, the mapper and the client that completes a prefetch. */
@Configuration(proxyBeanMethods = false)
class ServiceConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    FhirRequestMapper fhirRequestMapper(ServiceProperties properties) {
        return properties.codeMap() == null ? FhirRequestMapper.create()
                : FhirRequestMapper.create(FhirCodeMap.read(properties.codeMap()));
    }

    @Bean
    PrefetchFetcher prefetchFetcher(ServiceProperties properties) {
        return new PrefetchFetcher(FhirContext.forR4Cached(), properties);
    }
}
