// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.drug.DrugRef;
import org.precisionformulary.model.genotype.AlleleResult;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GenotypeInput;
import org.precisionformulary.model.request.Biomarker;
import org.precisionformulary.model.request.ClaimDetails;
import org.precisionformulary.model.request.CoverageRequest;
import org.precisionformulary.model.request.DurPps;
import org.precisionformulary.model.request.Fill;
import org.precisionformulary.model.request.Member;
import org.precisionformulary.model.request.Submission;

/**
 * Reads a coverage request from JSON without ever throwing: every malformed known field becomes a
 * {@link FieldError} naming it, and reading goes on so that one pass reports every problem.
 * Unknown fields are ignored (contract §1).
 */
public final class RequestReader {

    /**
     * Requests are read stricter than the contract's other JSON: a key given twice is an error (which value
     * was meant?), and decimals are kept exact so an absurd number is refused instead of rounded.
     */
    private static final com.fasterxml.jackson.databind.ObjectReader REQUEST_READER = ContractJson.mapper()
            .reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /** The most digits before or after the point a number in a request may have. */
    private static final int MAX_NUMBER_DIGITS = 12;

    /** Longest request text accepted, in characters. */
    public static final int MAX_REQUEST_CHARS = 1_000_000;

    /** Most genotype entries one request may carry (every gene CPIC names, several times over). */
    public static final int MAX_GENOTYPES = 100;

    /** Most biomarker results, and most diagnoses, one request may carry. */
    public static final int MAX_BIOMARKERS = 100;

    /** Most DUR/PPS answers one claim may carry: the segment's repetitions. */
    static final int MAX_DUR_PPS = 9;

    /** Most past fills one request may carry: years of a member's history. */
    public static final int MAX_HISTORY = 2_000;

    /** Earliest date accepted anywhere in a request. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);

    private RequestReader() {
    }

    /**
     * @param text one JSON object
     * @return the request and its errors; never {@code null}
     */
    public static ParsedRequest read(String text) {
        if (text != null && text.length() <= MAX_REQUEST_CHARS) {
            CoverageRequest request = StreamingRequestReader.read(text);
            if (request != null) {
                return new ParsedRequest(request.requestId(), request, List.of(), text);
            }
        }
        return readAsTree(text);
    }

    /**
     * Reads the text as a JSON tree, walked field by field in a fixed order, so that every problem is found
     * and reported in that order. {@link StreamingRequestReader} reads the common well-formed request
     * without the tree, and leaves everything else to this.
     *
     * @param text one JSON object
     * @return the request and its errors; never {@code null}
     */
    static ParsedRequest readAsTree(String text) {
        List<FieldError> errors = new ArrayList<>();
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("$", "the request is empty"));
            return new ParsedRequest(null, null, errors, text == null ? "" : text);
        }
        if (text.length() > MAX_REQUEST_CHARS) {
            errors.add(new FieldError("$", "the request is " + text.length() + " characters; the limit is " + MAX_REQUEST_CHARS));
            return new ParsedRequest(null, null, errors, text);
        }
        JsonNode root;
        try {
            root = REQUEST_READER.readTree(text);
        } catch (JsonProcessingException e) {
            errors.add(new FieldError("$", "not JSON: " + e.getOriginalMessage()));
            return new ParsedRequest(null, null, errors, text);
        } catch (NumberFormatException e) {
            // Jackson reads decimals exactly, and an exponent beyond BigDecimal's range fails outside its own
            // exceptions: still the sender's error, anywhere in the text, even in a field nobody reads.
            errors.add(new FieldError("$", "a number in the request is out of range: " + e.getMessage()));
            return new ParsedRequest(null, null, errors, text);
        }
        if (root == null || !root.isObject()) {
            errors.add(new FieldError("$", "a request is a JSON object"));
            return new ParsedRequest(null, null, errors, text);
        }
        return read(root, text, errors);
    }

    private static ParsedRequest read(JsonNode root, String text, List<FieldError> errors) {
        Fields f = new Fields(errors);
        String requestId = f.requiredText(root, "requestId");
        LocalDate serviceDate = f.date(root, "", "serviceDate");
        Member member = readMember(root.get("member"), f);
        DrugRef drug = readDrug(root.get("drug"), f);
        String indication = f.text(root, "", "indication");
        List<String> diagnoses = f.list(root, "diagnoses", MAX_BIOMARKERS, (node, path) -> f.textValue(node, path));
        List<GenotypeInput> genotypes = f.list(root, "genotypes", MAX_GENOTYPES, (node, path) -> readGenotype(node, path, f));
        List<Biomarker> biomarkers = f.list(root, "biomarkers", MAX_BIOMARKERS, (node, path) -> readBiomarker(node, path, f));
        List<Fill> history = f.list(root, "history", MAX_HISTORY, (node, path) -> readFill(node, path, f));
        List<DurPps> durPps = f.list(root, "durPps", MAX_DUR_PPS, (node, path) -> readDurPps(node, path, f));
        ClaimDetails claim = readClaim(root.get("claim"), f);
        Submission submission = readSubmission(root.get("submission"), f);
        CoverageRequest request = null;
        if (errors.isEmpty()) {
            request = new CoverageRequest(requestId, serviceDate, member, drug, indication, diagnoses, genotypes,
                    biomarkers, history, durPps, claim, submission);
        }
        return new ParsedRequest(requestId, request, errors, text);
    }

    private static Member readMember(JsonNode node, Fields f) {
        if (node == null || node.isNull()) {
            f.error("member", "member is required");
            return null;
        }
        if (!node.isObject()) {
            f.error("member", "member must be an object");
            return null;
        }
        String id = f.requiredText(node, "member", "id");
        String planId = f.text(node, "member", "planId");
        LocalDate birthDate = f.date(node, "member", "birthDate");
        String group = f.text(node, "member", "monitoringGroup");
        return id == null ? null : new Member(id, planId, birthDate, group);
    }

    private static DrugRef readDrug(JsonNode node, Fields f) {
        if (node == null || node.isNull()) {
            f.error("drug", "drug is required");
            return null;
        }
        if (!node.isObject()) {
            f.error("drug", "drug must be an object with a name, an rxnorm id or an ndc");
            return null;
        }
        String name = f.text(node, "drug", "name");
        String rxnorm = f.text(node, "drug", "rxnorm");
        String ndc = f.text(node, "drug", "ndc");
        if (blank(name) && blank(rxnorm) && blank(ndc)) {
            f.error("drug", "drug needs a name, an rxnorm id or an ndc");
            return null;
        }
        if (rxnorm != null && !isRxnorm(rxnorm)) {
            f.error("drug.rxnorm", "an RxNorm id is 1 to 10 digits, not '" + rxnorm + "'");
            return null;
        }
        if (!blank(ndc)) {
            try {
                org.precisionformulary.model.drug.Ndc.normalise(ndc);
            } catch (IllegalArgumentException e) {
                f.error("drug.ndc", e.getMessage());
                return null;
            }
        }
        return new DrugRef(name, rxnorm, ndc);
    }

    /**
     * @param rxnorm an RxNorm id as given
     * @return whether it is 1 to 10 digits, around any spaces
     */
    static boolean isRxnorm(String rxnorm) {
        return rxnorm.trim().matches("\\d{1,10}");
    }

    /**
     * {@code LocalDate.parse(text)}, with its results and its exceptions, read directly when the text is the
     * usual ten characters {@code YYYY-MM-DD}: the formatter's general parse was a tenth of reading a request.
     *
     * @param text a date as given, trimmed
     * @return the date
     * @throws DateTimeParseException when the text is not an ISO-8601 calendar date
     */
    static LocalDate isoDate(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                try {
                    return LocalDate.of(year, month, day);
                } catch (java.time.DateTimeException e) {
                    // Not a day of the calendar: the formatter below throws the exception callers expect.
                }
            }
        }
        return LocalDate.parse(text);
    }

    /** @return the ASCII digits from {@code from} to {@code to} as a number, or -1 if one is not a digit */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static GenotypeInput readGenotype(JsonNode node, String path, Fields f) {
        if (!node.isObject()) {
            f.error(path, "a genotype entry is an object");
            return null;
        }
        String geneText = f.requiredText(node, path, "gene");
        Gene gene = null;
        if (geneText != null) {
            gene = Gene.find(geneText).orElse(null);
            if (gene == null) {
                f.error(path + ".gene", "unknown gene '" + geneText + "'");
            }
        }
        String diplotype = f.text(node, path, "diplotype");
        String phenotype = f.text(node, path, "phenotype");
        String activityScore = f.scalarText(node, path, "activityScore");
        String allele = f.text(node, path, "allele");
        String resultText = f.text(node, path, "result");
        String source = f.text(node, path, "source");
        LocalDate resultDate = f.date(node, path, "resultDate");
        int kinds = (diplotype != null ? 1 : 0) + (phenotype != null ? 1 : 0) + (activityScore != null ? 1 : 0)
                + (allele != null ? 1 : 0);
        if (kinds != 1) {
            f.error(path, kinds == 0
                    ? "a genotype entry needs one of diplotype, phenotype, activityScore, or allele with result"
                    : "a genotype entry gives exactly one of diplotype, phenotype, activityScore, allele; this one gives " + kinds);
            return null;
        }
        AlleleResult result = null;
        if (allele != null || resultText != null) {
            if (allele == null) {
                f.error(path + ".result", "result goes with allele");
                return null;
            }
            if (resultText == null) {
                f.error(path + ".result", "allele " + allele + " needs a result, positive or negative");
                return null;
            }
            try {
                result = AlleleResult.of(resultText);
            } catch (IllegalArgumentException e) {
                f.error(path + ".result", e.getMessage());
                return null;
            }
        }
        if (gene == null) {
            return null;
        }
        String blank = diplotype != null && diplotype.isBlank() ? "diplotype"
                : phenotype != null && phenotype.isBlank() ? "phenotype"
                : activityScore != null && activityScore.isBlank() ? "activityScore"
                : allele != null && allele.isBlank() ? "allele" : null;
        if (blank != null) {
            f.error(Fields.at(path, blank), blank + " is blank");
            return null;
        }
        return new GenotypeInput(gene, diplotype, phenotype, activityScore, allele, result, source, resultDate);
    }

    private static Biomarker readBiomarker(JsonNode node, String path, Fields f) {
        if (!node.isObject()) {
            f.error(path, "a biomarker entry is an object");
            return null;
        }
        String name = f.requiredText(node, path, "name");
        String result = f.text(node, path, "result");
        String detail = f.text(node, path, "detail");
        Double value = null;
        JsonNode v = node.get("value");
        if (v != null && !v.isNull()) {
            if (v.isNumber() && Double.isFinite(v.asDouble())) {
                value = v.asDouble();
            } else {
                f.error(path + ".value", "value must be a number");
                return null;
            }
        }
        if (name == null) {
            return null;
        }
        if (result == null && value == null) {
            f.error(path, "biomarker " + name + " needs a result or a value");
            return null;
        }
        return new Biomarker(name, result, value, detail);
    }

    private static DurPps readDurPps(JsonNode node, String path, Fields f) {
        if (!node.isObject()) {
            f.error(path, "a DUR/PPS entry is an object with reasonForService, professionalService and resultOfService");
            return null;
        }
        String reason = f.text(node, path, "reasonForService");
        String service = f.text(node, path, "professionalService");
        String result = f.text(node, path, "resultOfService");
        boolean ok = true;
        for (String[] cell : new String[][] {{"reasonForService", reason}, {"professionalService", service},
                {"resultOfService", result}}) {
            if (!DurPps.isCode(cell[1])) {
                f.error(path + "." + cell[0], cell[0] + " must be an NCPDP code of 2 letters or digits"
                        + (cell[1] == null ? "" : ", not '" + cell[1] + "'"));
                ok = false;
            }
        }
        return ok ? new DurPps(reason, service, result) : null;
    }

    /** The optional submission: when the request reached the plan (an ISO-8601 instant) and its urgency. */
    private static Submission readSubmission(JsonNode node, Fields f) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            f.error("submission", "submission must be an object with submittedAt and an optional urgency");
            return null;
        }
        String at = f.requiredText(node, "submission", "submittedAt");
        Instant submittedAt = null;
        if (at != null) {
            try {
                submittedAt = OffsetDateTime.parse(at).toInstant();
            } catch (DateTimeParseException e) {
                f.error("submission.submittedAt", "submittedAt must be a date and time with its offset, e.g."
                        + " 2026-11-20T09:30:00Z, not '" + at + "'");
            }
        }
        String urgencyText = f.text(node, "submission", "urgency");
        Submission.Urgency urgency = null;
        if (urgencyText != null) {
            try {
                urgency = Submission.Urgency.of(urgencyText);
            } catch (IllegalArgumentException e) {
                f.error("submission.urgency", e.getMessage());
            }
        }
        return submittedAt == null ? null : new Submission(submittedAt, urgency);
    }

    /** The optional claim segment: quantity dispensed, days supply and submission clarification codes. */
    private static ClaimDetails readClaim(JsonNode node, Fields f) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            f.error("claim", "claim must be an object with quantityDispensed and daysSupply");
            return null;
        }
        Double quantity = null;
        JsonNode q = node.get("quantityDispensed");
        if (q == null || q.isNull()) {
            f.error("claim.quantityDispensed", "quantityDispensed is required with a claim");
        } else if (!q.isNumber() || !(q.asDouble() > 0) || q.asDouble() > ClaimDetails.MAX_QUANTITY) {
            f.error("claim.quantityDispensed", "quantityDispensed must be a number more than 0 and at most 9999999.999");
        } else {
            quantity = q.asDouble();
        }
        Integer days = null;
        JsonNode d = node.get("daysSupply");
        if (d == null || d.isNull()) {
            f.error("claim.daysSupply", "daysSupply is required with a claim");
        } else if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 1 || d.asInt() > 999) {
            f.error("claim.daysSupply", "daysSupply must be a whole number of days from 1 to 999");
        } else {
            days = d.asInt();
        }
        List<String> codes = f.list(node, "submissionClarificationCodes", 3, (c, path) -> {
            String text = c.isIntegralNumber() ? c.asText() : f.textValue(c, path);
            try {
                return text == null ? null : ClaimDetails.clarificationCode(text);
            } catch (IllegalArgumentException e) {
                f.error(path, "a submission clarification code (420-DK) is one or two digits, not '" + text + "'");
                return null;
            }
        }, "claim.submissionClarificationCodes");
        Double strength = null;
        JsonNode st = node.get("strengthMg");
        if (st != null && !st.isNull()) {
            if (!st.isNumber() || !(st.asDouble() > 0) || Double.isInfinite(st.asDouble())) {
                f.error("claim.strengthMg", "strengthMg must be a positive number of mg per unit");
            } else {
                strength = st.asDouble();
            }
        }
        String priorAuthorization = f.text(node, "claim", "priorAuthorizationNumber");
        if (priorAuthorization != null && !ClaimDetails.isPriorAuthorizationNumber(priorAuthorization)) {
            f.error("claim.priorAuthorizationNumber", "priorAuthorizationNumber (462-EV) is 1 to 11 letters, digits"
                    + " or hyphens");
            priorAuthorization = null;
        }
        return quantity == null || days == null ? null
                : new ClaimDetails(quantity, days, codes, strength, priorAuthorization);
    }

    private static Fill readFill(JsonNode node, String path, Fields f) {
        if (!node.isObject()) {
            f.error(path, "a history entry is an object");
            return null;
        }
        String drug = f.requiredText(node, path, "drug");
        LocalDate filledOn = f.date(node, path, "filledOn");
        if (filledOn == null && !f.has(node, "filledOn")) {
            f.error(path + ".filledOn", "filledOn is required");
        }
        JsonNode ds = node.get("daysSupply");
        Integer days = null;
        if (ds == null || ds.isNull()) {
            f.error(path + ".daysSupply", "daysSupply is required");
        } else if (!ds.canConvertToInt() || !ds.isIntegralNumber()) {
            f.error(path + ".daysSupply", "daysSupply must be a whole number of days");
        } else if (ds.asInt() < 1) {
            f.error(path + ".daysSupply", "daysSupply must be at least 1, not " + ds.asInt());
        } else {
            days = ds.asInt();
        }
        if (drug == null || filledOn == null || days == null) {
            return null;
        }
        return new Fill(drug, filledOn, days);
    }

    /** Field access that records errors instead of throwing. */
    private static final class Fields {
        private final List<FieldError> errors;

        Fields(List<FieldError> errors) {
            this.errors = errors;
        }

        void error(String field, String message) {
            errors.add(new FieldError(field, message));
        }

        boolean has(JsonNode node, String name) {
            return node.has(name) && !node.get(name).isNull();
        }

        String requiredText(JsonNode node, String name) {
            return requiredText(node, "", name);
        }

        /**
         * A field's path, built only for an error: a request reads dozens of fields and nearly all are fine.
         *
         * @param parent the enclosing object's path, empty at the top level
         * @param name   the field's name
         */
        static String at(String parent, String name) {
            return parent.isEmpty() ? name : parent + "." + name;
        }

        String requiredText(JsonNode node, String parent, String name) {
            String value = text(node, parent, name);
            if (value == null && !has(node, name)) {
                error(at(parent, name), name + " is required");
            } else if (value != null && value.isBlank()) {
                error(at(parent, name), name + " is blank");
                return null;
            }
            return value;
        }

        String text(JsonNode node, String parent, String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            return v.isTextual() ? v.asText() : textValue(v, at(parent, name));
        }

        String textValue(JsonNode v, String path) {
            if (!v.isTextual()) {
                error(path, "must be a string");
                return null;
            }
            return v.asText();
        }

        /** A string or a number, kept as text: activity scores come both ways. */
        String scalarText(JsonNode node, String parent, String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isTextual()) {
                return v.asText();
            }
            if (v.isNumber()) {
                // Exact (floats are read as BigDecimal): 1e-9999999 must not pass for 0, nor 1e400 for infinity,
                // and a number with millions of digits is not written out.
                java.math.BigDecimal value = v.decimalValue();
                if (value.signum() != 0 && (value.scale() > MAX_NUMBER_DIGITS
                        || value.precision() - value.scale() > MAX_NUMBER_DIGITS)) {
                    error(at(parent, name), "the number " + v.asText() + " is out of range");
                    return null;
                }
                return value.toPlainString();
            }
            error(at(parent, name), "must be a string or a number");
            return null;
        }

        LocalDate date(JsonNode node, String parent, String name) {
            String value = text(node, parent, name);
            if (value == null) {
                return null;
            }
            try {
                LocalDate date = isoDate(value.trim());
                if (date.isBefore(EARLIEST_DATE)) {
                    error(at(parent, name), value + " is before " + EARLIEST_DATE + ", not a plausible date");
                    return null;
                }
                return date;
            } catch (DateTimeParseException e) {
                error(at(parent, name), "'" + value + "' is not a date (YYYY-MM-DD)");
                return null;
            }
        }

        <T> List<T> list(JsonNode root, String name, int limit, BiFunction<JsonNode, String, T> item) {
            return list(root, name, limit, item, name);
        }

        <T> List<T> list(JsonNode root, String name, int limit, BiFunction<JsonNode, String, T> item, String path) {
            JsonNode v = root.get(name);
            List<T> out = new ArrayList<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isArray()) {
                error(path, name + " must be an array");
                return out;
            }
            if (v.size() > limit) {
                error(path, name + " has " + v.size() + " entries; the limit is " + limit);
                return out;
            }
            for (int i = 0; i < v.size(); i++) {
                T value = item.apply(v.get(i), path + "[" + i + "]");
                if (value != null) {
                    out.add(value);
                }
            }
            return out;
        }
    }
}
