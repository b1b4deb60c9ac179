// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.service;

import java.nio.charset.StandardCharsets;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.json.ContractJson;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /evaluate}: the contract's request JSON in (§1), the decision JSON out (§2) on one line, byte for
 * byte what {@code batch} writes for the same request, for systems that do not speak FHIR. A body that is not a JSON
 * object is a 400; a JSON object with bad or missing fields is a decision, {@code PHARMACIST_REVIEW} with
 * its errors, as the contract has it.
 */
@RestController
class EvaluateController {

    private final PrecisionFormulary engine;

    EvaluateController(PrecisionFormulary engine) {
        this.engine = engine;
    }

    @PostMapping(path = "/evaluate", produces = MediaType.APPLICATION_JSON_VALUE)
    String evaluate(@RequestBody(required = false) byte[] body) {
        HookCall.parse(body);
        return ContractJson.toJson(engine.evaluate(new String(body, StandardCharsets.UTF_8)));
    }
}
