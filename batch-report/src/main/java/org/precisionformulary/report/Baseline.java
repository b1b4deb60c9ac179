// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.precisionformulary.model.json.ContractJson;
import org.precisionformulary.model.json.RequestReader;

/**
 * The baseline a report compares a run with when it compares with the same formulary without genotypes: each
 * request decided again as a plan without precision benefits sees it. Every runner that offers the comparison
 * (the command line's {@code batch}, the Spark job) makes the baseline request here, so their reports agree.
 */
public final class Baseline {

    private Baseline() {
    }

    /**
     * @param requestLine a request line as read, any text
     * @return the same request without its {@code genotypes}; the line itself when it has none, is not a JSON
     *         object (the engine says so, with or without genotypes) or is longer than the engine reads
     * @throws NullPointerException when requestLine is null
     */
    public static String withoutGenotypes(String requestLine) {
        if (requestLine.length() > RequestReader.MAX_REQUEST_CHARS || !requestLine.contains("\"genotypes\"")) {
            return requestLine;
        }
        try {
            JsonNode root = ContractJson.mapper().readTree(requestLine);
            if (root instanceof ObjectNode object && object.has("genotypes")) {
                object.remove("genotypes");
                return ContractJson.mapper().writeValueAsString(object);
            }
        } catch (JsonProcessingException e) {
            // not JSON: the engine says so, with or without genotypes
        }
        return requestLine;
    }
}
