// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.precisionformulary.model.decision.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches what an EHR did not prefetch from its FHIR server, with HAPI's generic client and the bearer token
 * the EHR sent. A resource the server does not have is absent, not an error; a server that cannot be reached
 * or refuses is a problem the card reports, so a decision made without the patient's results says so.
 */
final class PrefetchFetcher {

    /** Pages of one search followed at most: a patient's results fit in one or two. */
    static final int MAX_PAGES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(PrefetchFetcher.class);

    private final FhirContext fhir;
    private final List<URI> allowed;

    PrefetchFetcher(FhirContext fhir, ServiceProperties properties) {
        this.fhir = fhir;
        this.allowed = properties.allowedFhirServers();
        IRestfulClientFactory factory = fhir.getRestfulClientFactory();
        // The EHR's server is known to be FHIR R4; asking for its capability statement first would double
        // every fetch.
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        int timeout = (int) Math.min(Integer.MAX_VALUE, properties.fhirTimeout().toMillis());
        factory.setConnectTimeout(timeout);
        factory.setSocketTimeout(timeout);
        factory.setConnectionRequestTimeout(timeout);
    }

    /** What fetching gave: resources (as FHIR JSON) by prefetch key, and what could not be fetched. */
    record Fetched(Map<String, String> resources, List<String> problems) {
    }

    /**
     * Fetches each missing key's query.
     *
     * @param call    the hook call: its server, token and patient
     * @param queries the prefetch queries still missing, by key, with {@code {{context.patientId}}} in them
     * @throws ServiceError 400 when the call's {@code fhirServer} is not one this service may fetch from
     */
    Fetched fetch(HookCall call, Map<String, String> queries) {
        Map<String, String> resources = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (queries.isEmpty() || call.fhirServer() == null) {
            return new Fetched(resources, problems);
        }
        String base = call.fhirServer().toString();
        if (!allowed.isEmpty() && allowed.stream().noneMatch(a -> base.startsWith(a.toString()))) {
            throw new ServiceError(400, List.of(new FieldError("fhirServer", "not a server this service may fetch "
                    + "from (precisionformulary.service.allowed-fhir-servers)")));
        }
        IGenericClient client = fhir.newRestfulGenericClient(base);
        if (call.accessToken() != null) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(call.accessToken()));
        }
        for (Map.Entry<String, String> query : queries.entrySet()) {
            String url = query.getValue().replace("{{context.patientId}}", call.patientId());
            try {
                IBaseResource found = url.contains("?") ? search(client, url) : read(client, url);
                resources.put(query.getKey(), fhir.newJsonParser().encodeResourceToString(found));
            } catch (ResourceNotFoundException e) {
                LOG.debug("Prefetch {}: not on the server", query.getKey());
            } catch (FhirClientConnectionException e) {
                problems.add(query.getKey() + ": the FHIR server could not be reached");
            } catch (BaseServerResponseException e) {
                problems.add(query.getKey() + ": the FHIR server answered HTTP " + e.getStatusCode());
            }
        }
        return new Fetched(resources, problems);
    }

    private static IBaseResource read(IGenericClient client, String url) {
        int slash = url.indexOf('/');
        return client.read().resource(url.substring(0, slash)).withId(url.substring(slash + 1)).execute();
    }

    private static Bundle search(IGenericClient client, String url) {
        Bundle first = client.search().byUrl(url).returnBundle(Bundle.class).execute();
        Bundle page = first;
        for (int i = 1; i < MAX_PAGES && page.getLink(Bundle.LINK_NEXT) != null; i++) {
            page = client.loadPage().next(page).execute();
            page.getEntry().forEach(first::addEntry);
        }
        first.getLink().clear();
        return first;
    }
}
