// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The service's own settings, under {@code precisionformulary.service.*}.
 *
 * @param maxRequestBody     the largest request body accepted; a larger one is answered 413 (default 1 MB)
 * @param codeMap            a FHIR code map file replacing the built-in one ({@code FhirCodeMap.read})
 * @param fhirTimeout        connect and read timeout for fetching what the EHR did not prefetch (default 5 s)
 * @param allowedFhirServers base URLs the service may fetch from when an EHR names its {@code fhirServer};
 *                           empty allows any http or https server, which suits a sandbox but not production,
 *                           since the caller chooses the address the service connects to
 */
@ConfigurationProperties("precisionformulary.service")
public record ServiceProperties(DataSize maxRequestBody, Path codeMap, Duration fhirTimeout,
                                List<URI> allowedFhirServers) {

    /** The default largest body: a draft-order Bundle with a full prefetch is tens of kilobytes. */
    public static final DataSize DEFAULT_MAX_REQUEST_BODY = DataSize.ofMegabytes(1);

    /** @throws IllegalArgumentException for a limit or timeout that is not positive */
    public ServiceProperties {
        maxRequestBody = maxRequestBody == null ? DEFAULT_MAX_REQUEST_BODY : maxRequestBody;
        fhirTimeout = fhirTimeout == null ? Duration.ofSeconds(5) : fhirTimeout;
        allowedFhirServers = allowedFhirServers == null ? List.of() : List.copyOf(allowedFhirServers);
        if (maxRequestBody.toBytes() <= 0) {
            throw new IllegalArgumentException("precisionformulary.service.max-request-body must be positive, not "
                    + maxRequestBody);
        }
        if (fhirTimeout.isZero() || fhirTimeout.isNegative()) {
            throw new IllegalArgumentException("precisionformulary.service.fhir-timeout must be positive, not "
                    + fhirTimeout);
        }
    }
}
