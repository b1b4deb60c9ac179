// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Locale;

/**
 * The two things the report reads from a request line: {@code member.monitoringGroup} and the drug. A streaming
 * read that skips everything else, so a report costs little next to the decision itself.
 *
 * @param readable {@code false} when the line is not a JSON object (blank, not JSON, or broken part way)
 * @param group    the monitoring group, or {@code null} when none is given
 * @param drug     the drug name (lower case), else {@code rxnorm N}, or {@code null} when the line names none
 */
record RequestFields(boolean readable, String group, String drug) {

    /** A line that is not a JSON object: it has no group and no drug, not even an empty group. */
    static final RequestFields UNREADABLE = new RequestFields(false, null, null);
    /** Labels come from input; a cap keeps a hostile line from inflating the report or its memory. */
    static final int MAX_LABEL = 120;

    private static final JsonFactory JSON = new JsonFactory();

    /** @return the fields, or {@link #UNREADABLE} when the line is not a JSON object */
    static RequestFields read(String line) {
        if (line == null || line.isBlank()) {
            return UNREADABLE;
        }
        String group = null;
        String name = null;
        String rxnorm = null;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return UNREADABLE;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT && field.equals("member")) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = parser.currentName();
                        JsonToken v = parser.nextToken();
                        if (inner.equals("monitoringGroup") && v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                            group = parser.getText();
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else if (value == JsonToken.START_OBJECT && field.equals("drug")) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String inner = parser.currentName();
                        JsonToken v = parser.nextToken();
                        if (inner.equals("name") && v == JsonToken.VALUE_STRING) {
                            name = parser.getText();
                        } else if (inner.equals("rxnorm") && v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                            rxnorm = parser.getText();
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON, or broken part way: the engine cannot read it either, so it has no group and no drug.
            return UNREADABLE;
        }
        String drug = name != null && !name.isBlank() ? name.strip().toLowerCase(Locale.ROOT)
                : rxnorm != null && !rxnorm.isBlank() ? "rxnorm " + rxnorm.strip() : null;
        return new RequestFields(true, label(group), label(drug));
    }

    private static String label(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        return s.length() <= MAX_LABEL ? s : s.substring(0, MAX_LABEL) + "\u2026";
    }
}
