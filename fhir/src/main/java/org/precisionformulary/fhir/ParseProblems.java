// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.fhir;

import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import java.util.ArrayList;
import java.util.List;
import org.precisionformulary.model.decision.FieldError;

/**
 * Collects what the FHIR parser found wrong, instead of logging it (values may be clinical data) or throwing.
 * A value that is not what its element allows is an error: the parser drops it, and what it said is unknown.
 * Elements the parser does not know are left out, with a message.
 */
final class ParseProblems implements IParserErrorHandler {

    private static final int MAX_SHOWN = 80;

    private final String where;
    private final List<FieldError> errors = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();

    /** @param where what names the parsed text, e.g. {@code $} or {@code resources[2]} */
    ParseProblems(String where) {
        this.where = where;
    }

    List<FieldError> errors() {
        return errors;
    }

    List<String> messages() {
        return messages;
    }

    void error(String message) {
        errors.add(new FieldError(where, message));
    }

    private static String in(IParseLocation location) {
        String parent = location == null ? null : location.getParentElementName();
        return parent == null ? "" : " in " + parent;
    }

    private static String shown(String value) {
        return value == null ? "null" : value.length() > MAX_SHOWN ? value.substring(0, MAX_SHOWN) + "..." : value;
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        errors.add(new FieldError(where, "invalid value '" + shown(value) + "'" + in(location) + ": " + error));
    }

    @Override
    public void incorrectJsonType(IParseLocation location, String elementName, BaseJsonLikeValue.ValueType expected,
                                  BaseJsonLikeValue.ScalarType expectedScalar, BaseJsonLikeValue.ValueType found,
                                  BaseJsonLikeValue.ScalarType foundScalar) {
        errors.add(new FieldError(where, "'" + elementName + "'" + in(location) + " must be a JSON "
                + (expectedScalar != null ? expectedScalar : expected) + ", not a " + (foundScalar != null ? foundScalar : found)));
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        errors.add(new FieldError(where, "'" + elementName + "'" + in(location) + " is given more than once; it takes one value"));
    }

    @Override
    public void unknownElement(IParseLocation location, String elementName) {
        messages.add(where + ": unknown element '" + elementName + "'" + in(location) + "; not read");
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attributeName) {
        messages.add(where + ": unknown attribute '" + attributeName + "'" + in(location) + "; not read");
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String elementName) {
        messages.add(where + ": required element '" + elementName + "' is missing" + in(location));
    }

    @Override
    public void containedResourceWithNoId(IParseLocation location) {
        messages.add(where + ": a contained resource has no id" + in(location) + "; nothing can refer to it");
    }

    @Override
    public void unknownReference(IParseLocation location, String reference) {
        messages.add(where + ": reference '" + shown(reference) + "'" + in(location) + " points to nothing in the input");
    }

    @Override
    public void invalidInternalReference(IParseLocation location, String reference) {
        messages.add(where + ": internal reference '" + shown(reference) + "'" + in(location) + " points to nothing");
    }

    @Override
    public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
        messages.add(where + ": an extension" + in(location) + " has both a value and nested extensions");
    }
}
