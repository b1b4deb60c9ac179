// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.precisionformulary.model.decision.Audit;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.ContractJson;
import org.precisionformulary.model.json.RequestReader;

/**
 * How a batch of request lines is decided line by line, wherever the batch runs (the command line's {@code batch},
 * the Spark job): which request id a line carries, the answer to a line whose id an earlier line already used, and
 * the answer when the engine throws after all. Kept in one place so that every runner writes the same bytes for
 * the same line.
 */
public final class BatchLines {

    private static final JsonFactory JSON = ContractJson.mapper().getFactory();

    private BatchLines() {
    }

    /**
     * The id the engine would echo for this line: the top-level {@code requestId} string when the line is a JSON
     * object, read with a streaming parser so that nothing but the id is kept.
     *
     * @param line one input line
     * @return the id, or {@code null} when the line is not a JSON object, is too long for the engine or has no
     *         non-blank string id (the engine then decides it without an id, so it cannot be a duplicate)
     * @throws NullPointerException when the line is {@code null}
     */
    public static String requestIdOf(String line) {
        if (line.isBlank() || line.length() > RequestReader.MAX_REQUEST_CHARS) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String id = null;
            boolean hasId = false;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("requestId".equals(name)) {
                    // The engine reads a tree, where the last of repeated keys wins; so does this.
                    hasId = true;
                    id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                } else {
                    parser.skipChildren();
                }
            }
            // A line the engine cannot parse as a whole is decided without an id.
            return hasId && id != null && !id.isBlank() ? id : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The answer for a line the engine threw on although it answers any text: a review decision naming the
     * failure, so that the line still gets its decision (contract §4).
     *
     * @param failure what the engine threw
     * @return {@code PHARMACIST_REVIEW} with an error on {@code $}
     * @throws NullPointerException when the failure is {@code null}
     */
    public static CoverageDecision engineFailure(RuntimeException failure) {
        String message = "engine failure: " + Objects.requireNonNull(failure, "failure");
        return new CoverageDecision(CoverageDecision.CONTRACT_VERSION, null, Outcome.PHARMACIST_REVIEW, List.of(),
                null, List.of(), List.of(), List.of(), List.of(), List.of("cannot decide: $: " + message), null,
                List.of(new FieldError("$", message)), null);
    }

    /**
     * A repeat of an earlier request id: a review decision shaped as the engine shapes one for bad input, with
     * the engine's audit (pack, formulary, the hash of this line) and no rules fired.
     *
     * @param engine    the engine deciding the batch
     * @param request   the repeating line
     * @param requestId its request id
     * @param firstLine the 1-based input line that carried the id first
     * @return {@code PHARMACIST_REVIEW} with an error on {@code requestId} naming the first line
     * @throws NullPointerException when the engine or the request is {@code null}
     */
    public static CoverageDecision duplicate(PrecisionFormulary engine, String request, String requestId,
                                             long firstLine) {
        Objects.requireNonNull(request, "request");
        String message = "duplicate of line " + firstLine;
        // An empty request gets the engine's review decision: its member text and audit, without a session.
        CoverageDecision review;
        try {
            review = engine.evaluate("");
        } catch (RuntimeException e) {
            review = engineFailure(e);
        }
        Audit a = review.audit();
        Audit audit = a == null ? null : new Audit(a.engineVersion(), a.rulePackVersion(), a.rulePackSha256(),
                a.cpicDataVersion(), a.formularyId(), sha256(request), List.of(), a.overriddenRules(), null,
                a.allowedInRules());
        return new CoverageDecision(CoverageDecision.CONTRACT_VERSION, requestId, Outcome.PHARMACIST_REVIEW,
                List.of(), null, List.of(), List.of(), List.of(), List.of(), List.of("cannot decide: requestId: " + message),
                review.memberExplanation(), List.of(new FieldError("requestId", message)), audit);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
