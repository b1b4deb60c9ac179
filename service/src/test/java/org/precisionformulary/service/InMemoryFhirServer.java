// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/**
 * An EHR's FHIR server for the tests: HAPI's plain RESTful server with in-memory providers for the four
 * resource types the service fetches, answering only requests that carry the expected bearer token.
 */
final class InMemoryFhirServer extends RestfulServer {

    static final String TOKEN = "ehr-issued-token";

    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    /** The URL of every request the server answered, in order. */
    final List<String> requests = new CopyOnWriteArrayList<>();

    InMemoryFhirServer() {
        super(FhirContext.forR4Cached());
        setResourceProviders(List.of(new PatientProvider(), new ByPatient<>(Observation.class),
                new ByPatient<>(Coverage.class), new ByPatient<>(Condition.class)));
    }

    /** Replaces what the server holds with the resources of the given Bundles and resources. */
    void hold(List<? extends IBaseResource> given) {
        resources.clear();
        for (IBaseResource r : given) {
            if (r instanceof Bundle bundle) {
                bundle.getEntry().forEach(e -> put(e.getResource()));
            } else {
                put((Resource) r);
            }
        }
    }

    private void put(Resource r) {
        resources.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
    }

    private void check(HttpServletRequest request) {
        requests.add(request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
            throw new AuthenticationException("a bearer token is required");
        }
    }

    /** Patients by id. */
    public final class PatientProvider implements IResourceProvider {
        @Override
        public Class<Patient> getResourceType() {
            return Patient.class;
        }

        @Read
        public Patient read(@IdParam IdType id, HttpServletRequest request) {
            check(request);
            Resource r = resources.get("Patient/" + id.getIdPart());
            if (r == null) {
                throw new ResourceNotFoundException(id);
            }
            return (Patient) r;
        }
    }

    /** A search by patient, optionally by code and status, for one resource type. */
    public final class ByPatient<T extends Resource> implements IResourceProvider {
        private final Class<T> type;

        ByPatient(Class<T> type) {
            this.type = type;
        }

        @Override
        public Class<T> getResourceType() {
            return type;
        }

        @Search
        public List<T> search(@RequiredParam(name = "patient") ReferenceParam patient,
                              @OptionalParam(name = "code") TokenOrListParam code,
                              @OptionalParam(name = "status") TokenParam status, HttpServletRequest request) {
            check(request);
            String subject = "Patient/" + patient.getIdPart();
            return resources.values().stream().filter(type::isInstance).map(type::cast)
                    .filter(r -> subject.equals(subjectOf(r)))
                    .filter(r -> code == null || !(r instanceof Observation o) || code.getValuesAsQueryTokens().stream()
                            .anyMatch(t -> o.getCode().getCoding().stream().anyMatch(c ->
                                    c.getSystem().equals(t.getSystem()) && c.getCode().equals(t.getValue()))))
                    .toList();
        }

        private String subjectOf(Resource r) {
            if (r instanceof Observation o) {
                return o.getSubject().getReference();
            }
            if (r instanceof Coverage c) {
                return c.getBeneficiary().getReference();
            }
            if (r instanceof Condition c) {
                return c.getSubject().getReference();
            }
            return null;
        }
    }
}
