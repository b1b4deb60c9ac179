// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.precisionformulary.model.drug.DrugRef;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GenotypeInput;
import org.precisionformulary.model.request.Biomarker;
import org.precisionformulary.model.request.CoverageRequest;
import org.precisionformulary.model.request.Fill;
import org.precisionformulary.model.request.Member;

/**
 * Reads the common request, well formed throughout, in one pass over the parser's tokens straight into the
 * model's records, without the JSON tree {@link RequestReader} walks: building that tree was most of the
 * cost of reading a request, and reading is shared by every decision.
 *
 * <p>It reads only what it can read exactly as the tree reading would, and gives up on everything else,
 * leaving the text to {@link RequestReader#readAsTree}: any problem at all (so errors are only ever found,
 * worded and ordered there), any number but a fill's whole days, a key given twice, a claim, a submission,
 * DUR/PPS answers, an NDC, an allele result, an activity score, a biomarker's value. What it returns is
 * therefore either {@code null} or the request the tree reading makes of the same text, which
 * {@code StreamingRequestReaderTest} checks on well-formed and broken requests alike. Unknown fields are
 * passed over as the tree reading passes over them, numbers decoded, so text it would refuse is refused here
 * too.
 */
final class StreamingRequestReader {

    private static final JsonFactory FACTORY = ContractJson.mapper().getFactory();

    /** Giving up: thrown without a stack trace, caught in {@link #read}. */
    private static final class Unread extends Exception {
        private static final Unread INSTANCE = new Unread();

        private Unread() {
            super("left to the tree reader", null, false, false);
        }
    }

    private StreamingRequestReader() {
    }

    /**
     * @param text one request's JSON
     * @return the request, or {@code null} when the text must be read as a tree
     */
    static CoverageRequest read(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            return p.nextToken() == JsonToken.START_OBJECT ? request(p) : null;
        } catch (Unread | IOException | RuntimeException e) {
            // Malformed, unusual or refused by a record: the tree reading says what is wrong, or reads it.
            return null;
        }
    }

    private static CoverageRequest request(JsonParser p) throws IOException, Unread {
        String requestId = null;
        LocalDate serviceDate = null;
        Member member = null;
        DrugRef drug = null;
        String indication = null;
        List<String> diagnoses = List.of();
        List<GenotypeInput> genotypes = List.of();
        List<Biomarker> biomarkers = List.of();
        List<Fill> history = List.of();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "requestId" -> requestId = required(p, t);
                case "serviceDate" -> serviceDate = date(p, t);
                case "member" -> member = member(p, t);
                case "drug" -> drug = drug(p, t);
                case "indication" -> indication = text(p, t);
                case "diagnoses" -> diagnoses = list(p, t, RequestReader.MAX_BIOMARKERS,
                        StreamingRequestReader::string);
                case "genotypes" -> genotypes = list(p, t, RequestReader.MAX_GENOTYPES,
                        StreamingRequestReader::genotype);
                case "biomarkers" -> biomarkers = list(p, t, RequestReader.MAX_BIOMARKERS,
                        StreamingRequestReader::biomarker);
                case "history" -> history = list(p, t, RequestReader.MAX_HISTORY, StreamingRequestReader::fill);
                case "durPps", "claim", "submission" -> absent(t);
                default -> pass(p, t);
            }
        }
        if (requestId == null || member == null || drug == null) {
            throw Unread.INSTANCE;
        }
        return new CoverageRequest(requestId, serviceDate, member, drug, indication, diagnoses, genotypes, biomarkers,
                history, List.of(), null, null);
    }

    private static Member member(JsonParser p, JsonToken t) throws IOException, Unread {
        object(t);
        String id = null;
        String planId = null;
        LocalDate birthDate = null;
        String group = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "id" -> id = required(p, v);
                case "planId" -> planId = text(p, v);
                case "birthDate" -> birthDate = date(p, v);
                case "monitoringGroup" -> group = text(p, v);
                default -> pass(p, v);
            }
        }
        if (id == null) {
            throw Unread.INSTANCE;
        }
        return new Member(id, planId, birthDate, group);
    }

    private static DrugRef drug(JsonParser p, JsonToken t) throws IOException, Unread {
        object(t);
        String drugName = null;
        String rxnorm = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "name" -> drugName = text(p, v);
                case "rxnorm" -> rxnorm = text(p, v);
                case "ndc" -> absent(v);
                default -> pass(p, v);
            }
        }
        if ((drugName == null || drugName.isBlank()) && (rxnorm == null || rxnorm.isBlank())
                || rxnorm != null && !RequestReader.isRxnorm(rxnorm)) {
            throw Unread.INSTANCE;
        }
        return new DrugRef(drugName, rxnorm, null);
    }

    /** A diplotype or a phenotype: the other kinds of result are left to the tree reading. */
    private static GenotypeInput genotype(JsonParser p, JsonToken t) throws IOException, Unread {
        object(t);
        Gene gene = null;
        String diplotype = null;
        String phenotype = null;
        String source = null;
        LocalDate resultDate = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "gene" -> gene = Gene.find(required(p, v)).orElseThrow(() -> Unread.INSTANCE);
                case "diplotype" -> diplotype = text(p, v);
                case "phenotype" -> phenotype = text(p, v);
                case "source" -> source = text(p, v);
                case "resultDate" -> resultDate = date(p, v);
                case "activityScore", "allele", "result" -> absent(v);
                default -> pass(p, v);
            }
        }
        String given = diplotype != null ? diplotype : phenotype;
        if (gene == null || given == null || given.isBlank() || diplotype != null && phenotype != null) {
            throw Unread.INSTANCE;
        }
        return new GenotypeInput(gene, diplotype, phenotype, null, null, null, source, resultDate);
    }

    /** A biomarker with a result: one with a value is left to the tree reading, which reads its number. */
    private static Biomarker biomarker(JsonParser p, JsonToken t) throws IOException, Unread {
        object(t);
        String markerName = null;
        String result = null;
        String detail = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "name" -> markerName = required(p, v);
                case "result" -> result = text(p, v);
                case "detail" -> detail = text(p, v);
                case "value" -> absent(v);
                default -> pass(p, v);
            }
        }
        if (markerName == null || result == null) {
            throw Unread.INSTANCE;
        }
        return new Biomarker(markerName, result, null, detail);
    }

    private static Fill fill(JsonParser p, JsonToken t) throws IOException, Unread {
        object(t);
        String drug = null;
        LocalDate filledOn = null;
        int days = 0;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken v = p.nextToken();
            switch (name) {
                case "drug" -> drug = required(p, v);
                case "filledOn" -> filledOn = date(p, v);
                case "daysSupply" -> days = wholeDays(p, v);
                default -> pass(p, v);
            }
        }
        if (drug == null || filledOn == null || days < 1) {
            throw Unread.INSTANCE;
        }
        return new Fill(drug, filledOn, days);
    }

    /** Reads one entry of a list, from its first token. */
    @FunctionalInterface
    private interface Entry<T> {
        T read(JsonParser p, JsonToken first) throws IOException, Unread;
    }

    /** A list of at most {@code limit} entries, or none for an absent or null field. */
    private static <T> List<T> list(JsonParser p, JsonToken t, int limit, Entry<T> entry) throws IOException, Unread {
        if (t == JsonToken.VALUE_NULL) {
            return List.of();
        }
        array(t);
        List<T> out = new ArrayList<>();
        JsonToken first;
        while ((first = p.nextToken()) != JsonToken.END_ARRAY) {
            if (out.size() == limit) {
                throw Unread.INSTANCE;
            }
            out.add(entry.read(p, first));
        }
        return out;
    }

    /** A string in a list, where null is not absent but an error the tree reading names. */
    private static String string(JsonParser p, JsonToken t) throws IOException, Unread {
        if (t != JsonToken.VALUE_STRING) {
            throw Unread.INSTANCE;
        }
        return p.getText();
    }

    /** A JSON integer that fits an {@code int}, as the tree reading takes a number of days. */
    private static int wholeDays(JsonParser p, JsonToken t) throws IOException, Unread {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT) {
            throw Unread.INSTANCE;
        }
        return p.getIntValue();
    }

    /** A string, or {@code null} for an absent or null field; any other value is left to the tree reading. */
    private static String text(JsonParser p, JsonToken t) throws IOException, Unread {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw Unread.INSTANCE;
        }
        return p.getText();
    }

    private static String required(JsonParser p, JsonToken t) throws IOException, Unread {
        String value = text(p, t);
        if (value == null || value.isBlank()) {
            throw Unread.INSTANCE;
        }
        return value;
    }

    private static LocalDate date(JsonParser p, JsonToken t) throws IOException, Unread {
        String value = text(p, t);
        if (value == null) {
            return null;
        }
        LocalDate date = RequestReader.isoDate(value.trim());
        if (date.isBefore(RequestReader.EARLIEST_DATE)) {
            throw Unread.INSTANCE;
        }
        return date;
    }

    /** A field this reader leaves to the tree reading unless it is null, which both read as absent. */
    private static void absent(JsonToken t) throws Unread {
        if (t != JsonToken.VALUE_NULL) {
            throw Unread.INSTANCE;
        }
    }

    private static void object(JsonToken t) throws Unread {
        if (t != JsonToken.START_OBJECT) {
            throw Unread.INSTANCE;
        }
    }

    private static void array(JsonToken t) throws Unread {
        if (t != JsonToken.START_ARRAY) {
            throw Unread.INSTANCE;
        }
    }

    /**
     * Passes over an unknown field's value, decoding its strings and numbers as building the tree does, so
     * that a value the tree reading refuses (a number out of range) is refused here too.
     */
    private static void pass(JsonParser p, JsonToken t) throws IOException {
        int depth = 0;
        JsonToken token = t;
        do {
            switch (token) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case VALUE_STRING -> p.getText();
                case VALUE_NUMBER_INT -> p.getNumberValue();
                case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
                default -> {
                }
            }
            if (depth == 0) {
                return;
            }
            token = p.nextToken();
        } while (token != null);
    }
}
