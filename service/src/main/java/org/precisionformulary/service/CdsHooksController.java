// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.fhir.FhirRequestMapper;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * CDS Hooks 2.0: discovery at {@code GET /cds-services}, a service at {@code POST /cds-services/{id}}. EHR
 * sandboxes call from the browser, hence CORS for these paths. Bodies are read and written as text with the
 * library's own JSON mapper, so the cards are the same whatever JSON library the host application prefers.
 */
@RestController
@CrossOrigin(origins = "*")
class CdsHooksController {

    private final CdsServiceCatalog catalog;
    private final OrderReview review;

    CdsHooksController(PrecisionFormulary engine, FhirRequestMapper mapper, PrefetchFetcher fetcher, Clock clock) {
        this.catalog = new CdsServiceCatalog(mapper.codeMap());
        this.review = new OrderReview(catalog, fetcher, mapper, engine, new ObjectMapper(), clock);
    }

    @GetMapping(path = "/cds-services", produces = MediaType.APPLICATION_JSON_VALUE)
    String discovery() {
        return catalog.discovery();
    }

    @PostMapping(path = "/cds-services/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> call(@PathVariable("id") String id, @RequestBody(required = false) byte[] body) {
        CdsServiceCatalog.CdsService service = catalog.service(id).orElseThrow(() -> new ServiceError(404,
                java.util.List.of(new org.precisionformulary.model.decision.FieldError("id",
                        "no CDS service '" + id + "'; GET /cds-services lists them"))));
        HookCall call = HookCall.read(body, service);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(review.review(service, call).toString());
    }
}
