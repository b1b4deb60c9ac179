// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The point-of-prescribing service: CDS Hooks 2.0 {@code order-select} and {@code order-sign} at
 * {@code /cds-services}, and {@code POST /evaluate} for the contract's request JSON. The engine comes from the
 * starter's auto-configuration ({@code precisionformulary.*} properties); this application adds the web layer.
 */
@SpringBootApplication
@EnableConfigurationProperties(ServiceProperties.class)
public class ServiceApplication {

    /**
     * Starts the service (port 8080 unless {@code --server.port} says otherwise).
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=9090 --precisionformulary.formulary=f.json}
     */
    public static void main(String[] args) {
        SpringApplication.run(ServiceApplication.class, args);
    }
}
