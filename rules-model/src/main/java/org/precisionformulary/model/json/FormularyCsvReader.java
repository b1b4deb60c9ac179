// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.precisionformulary.model.drug.DrugRef;
import org.precisionformulary.model.drug.Ndc;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.formulary.FormularyPolicy;
import org.precisionformulary.model.formulary.PriorAuth;
import org.precisionformulary.model.formulary.QuantityLimit;
import org.precisionformulary.model.formulary.StepTherapy;

/**
 * Reads a formulary from a plan's flat file in the style of the CMS Part D formulary public-use file, plus a
 * criteria document giving what a flat file cannot: drug names, classes, step-therapy and prior-auth criteria.
 *
 * <p><b>The flat file.</b> Comma-separated with RFC 4180 quoting (quoted fields may hold commas, line breaks and
 * doubled quotes), or tab-separated when the name ends in {@code .tsv} or {@code .txt}; UTF-8. The first line is a
 * header; columns are found by name in any case and order, and others are ignored: {@code NDC} (each row's
 * package NDC, which claims may name the drug by),
 * {@code RXCUI} and/or {@code DRUG} (or {@code DRUG_NAME}); {@code TIER_LEVEL_VALUE} (or {@code TIER}), 1 to 10;
 * {@code PRIOR_AUTHORIZATION_YN} and {@code STEP_THERAPY_YN}; optionally {@code FORMULARY_ID} (one value for the
 * whole file), {@code CLASS}, and {@code QUANTITY_LIMIT_YN} with {@code QUANTITY_LIMIT_AMOUNT} and
 * {@code QUANTITY_LIMIT_DAYS}. Flags are {@code Y}/{@code N}, {@code 1}/{@code 0} or {@code true}/{@code false}.
 * RxCUIs are taken as the ingredient-level ids the model uses. Rows with the same RxCUI (one per NDC) become one
 * drug and must agree on everything but the NDC.
 *
 * <p><b>The criteria document.</b> JSON; {@code drugs} is keyed by RxCUI or by the file's drug name:
 * <pre>{@code
 * { "formularyId": "DEMO-PARTD-2026",
 *   "policy": { "pgxStrongAvoid": "REJECT", "stepTherapyRejectCode": "608" },
 *   "drugs": {
 *     "2670":    { "drug": "codeine",       "class": "opioid-analgesic" },
 *     "3423":    { "drug": "hydromorphone", "class": "opioid-analgesic",
 *                  "stepTherapy": { "anyOf": ["codeine", "tramadol"], "lookbackDays": 180 } },
 *     "1721560": { "drug": "osimertinib",   "class": "egfr-tki",
 *                  "priorAuth": { "anyOf": [ { "biomarker": "EGFR", "result": "positive" } ] } } } }
 * }</pre>
 * {@code policy}, {@code stepTherapy} and {@code priorAuth} are as in a formulary document (contract §3);
 * {@code formularyId} overrides the file's {@code FORMULARY_ID}; an optional {@code source} string records
 * provenance; any other field is an error. Nothing is guessed: a Y flag without its criteria, criteria for an N
 * flag, an entry that matches no row, a name or class the two files disagree on, or a drug left without a name or
 * class is an error naming the file, line and column or field.
 *
 * <p>A drug's quantity limit ({@code QUANTITY_LIMIT_AMOUNT} per {@code QUANTITY_LIMIT_DAYS}) is on its
 * {@link FormularyDrug#quantityLimit()}, which routing enforces (reject 76), and listed in {@link Result} too.
 */
public final class FormularyCsvReader {

    /**
     * A formulary read from a flat file and its criteria.
     *
     * @param formulary      the formulary
     * @param quantityLimits quantity limits by drug name, in file order (the same as on each drug)
     */
    public record Result(Formulary formulary, Map<String, QuantityLimit> quantityLimits) {
        /** @throws NullPointerException when the formulary is missing */
        public Result {
            Objects.requireNonNull(formulary, "formulary");
            quantityLimits = Collections.unmodifiableMap(new LinkedHashMap<>(
                    quantityLimits == null ? Map.of() : quantityLimits));
        }
    }

    private static final Set<String> COLUMNS = Set.of("FORMULARY_ID", "RXCUI", "NDC", "DRUG", "CLASS", "TIER_LEVEL_VALUE",
            "PRIOR_AUTHORIZATION_YN", "STEP_THERAPY_YN", "QUANTITY_LIMIT_YN", "QUANTITY_LIMIT_AMOUNT",
            "QUANTITY_LIMIT_DAYS");
    private static final Map<String, String> ALIASES = Map.of("DRUG_NAME", "DRUG", "TIER", "TIER_LEVEL_VALUE");
    // What every row (one per NDC) of one drug must share, in Row.facts() order.
    private static final List<String> FACTS = List.of("DRUG", "CLASS", "TIER_LEVEL_VALUE", "PRIOR_AUTHORIZATION_YN",
            "STEP_THERAPY_YN", "QUANTITY_LIMIT");
    private static final Pattern DRUG_INDEX = Pattern.compile("drugs\\[(\\d+)]");
    private static final Entry NONE = new Entry(null, null, null, null);

    private record Line(int number, List<String> cells) {
    }

    private record Row(int line, String rxcui, String name, String drugClass, int tier, boolean pa, boolean st,
                       QuantityLimit limit) {
        String key() {
            return rxcui != null ? rxcui : "name:" + name;
        }

        String label() {
            return rxcui != null ? "RxCUI " + rxcui : name;
        }

        List<Object> facts() {
            return Arrays.asList(name, drugClass, tier, pa, st, limit);
        }
    }

    private record Criteria(String formularyId, FormularyPolicy policy, Map<String, Entry> drugs, String source) {
        Criteria {
            drugs = drugs == null ? Map.of() : drugs; // LinkedHashMap from Jackson: file order, null entries kept
        }
    }

    private record Entry(String drug, @JsonProperty("class") String drugClass, StepTherapy stepTherapy,
                         PriorAuth priorAuth) {
    }

    private final String file;
    private final String critFile;
    private final Map<String, Integer> col = new HashMap<>();
    private List<String> header;

    private FormularyCsvReader(String file, String critFile) {
        this.file = file;
        this.critFile = critFile;
    }

    /**
     * @param csv          the flat file: {@code .csv}, or tab-separated {@code .tsv} / {@code .txt}
     * @param criteriaJson the criteria document, or {@code null} when the file alone names every drug and class,
     *                     has no Y prior-auth or step-therapy flag, and carries a {@code FORMULARY_ID}
     * @return the formulary and the quantity limits beside it
     * @throws FormularyException when either file cannot be read or is malformed, or the two disagree; the message
     *                            names the file, line and column or field
     */
    public static Result read(Path csv, Path criteriaJson) {
        Objects.requireNonNull(csv, "csv");
        String lower = String.valueOf(csv.getFileName()).toLowerCase(Locale.ROOT);
        char sep = lower.endsWith(".tsv") || lower.endsWith(".txt") ? '\t' : ',';
        String critFile = criteriaJson == null ? "(none given)" : criteriaJson.toString();
        var reader = new FormularyCsvReader(csv.toString(), critFile);
        List<Line> lines = split(text(csv), sep, csv.toString());
        Criteria criteria = criteriaJson == null ? new Criteria(null, null, null, null) : reader.criteria(criteriaJson);
        return reader.build(lines, criteria);
    }

    private Result build(List<Line> lines, Criteria criteria) {
        if (lines.isEmpty()) {
            throw fail(file + ": empty; the first line must be a header naming the columns");
        }
        header(lines.get(0));
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, List<String>> ndcs = new HashMap<>();
        Line idLine = null;
        for (Line l : lines.subList(1, lines.size())) {
            Row r = row(l);
            String ndc = cell(l, "NDC");
            if (!ndc.isEmpty()) {
                try {
                    ndcs.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Ndc.normalise(ndc));
                } catch (IllegalArgumentException e) {
                    throw bad(l, "NDC", e.getMessage());
                }
            }
            String id = cell(l, "FORMULARY_ID");
            if (idLine == null && !id.isEmpty()) {
                idLine = l;
            } else if (!id.isEmpty() && !id.equals(cell(idLine, "FORMULARY_ID"))) {
                throw bad(l, "FORMULARY_ID", "'" + id + "' but line " + idLine.number() + " has '"
                        + cell(idLine, "FORMULARY_ID") + "'; the file must hold one formulary");
            }
            Row first = rows.putIfAbsent(r.key(), r);
            for (int i = 0; first != null && i < FACTS.size(); i++) {
                if (!Objects.equals(first.facts().get(i), r.facts().get(i))) {
                    throw fail(file + " line " + r.line() + ": " + r.label() + " has " + FACTS.get(i) + " "
                            + show(r.facts().get(i)) + " but line " + first.line() + " has "
                            + show(first.facts().get(i)) + "; rows of one drug must agree");
                }
            }
        }
        if (rows.isEmpty()) {
            throw fail(file + ": no drug rows after the header");
        }
        Map<String, String> keyOf = match(criteria, rows);
        List<Row> order = List.copyOf(rows.values());
        List<FormularyDrug> drugs = new ArrayList<>();
        Map<String, Row> named = new HashMap<>();
        Map<String, QuantityLimit> limits = new LinkedHashMap<>();
        for (Row r : order) {
            String path = keyOf.containsKey(r.key()) ? "drugs." + keyOf.get(r.key()) : null;
            Entry c = path == null ? NONE : criteria.drugs().get(keyOf.get(r.key()));
            String name = pick(r, path, r.name(), c.drug() == null ? null : DrugRef.normalise(c.drug()), "DRUG",
                    "drug");
            String cls = pick(r, path, r.drugClass(), c.drugClass(), "CLASS", "class");
            agree(r, path, r.st(), c.stepTherapy(), "STEP_THERAPY_YN", "stepTherapy");
            agree(r, path, r.pa(), c.priorAuth(), "PRIOR_AUTHORIZATION_YN", "priorAuth");
            Row other = named.putIfAbsent(name, r);
            if (other != null) {
                throw fail(file + " line " + r.line() + ": " + r.label() + " is named " + name + ", as is "
                        + other.label() + " on line " + other.line() + "; list each drug once, by ingredient RxCUI");
            }
            try {
                drugs.add(new FormularyDrug(name, r.rxcui(), r.tier(), cls, c.stepTherapy(), c.priorAuth(),
                        ndcs.getOrDefault(r.key(), List.of()), r.limit()));
            } catch (IllegalArgumentException e) {
                throw new FormularyException(file + " line " + r.line() + ": " + e.getMessage(), e);
            }
            if (r.limit() != null) {
                limits.put(name, r.limit());
            }
        }
        String id = criteria.formularyId() != null ? criteria.formularyId().trim()
                : idLine != null ? cell(idLine, "FORMULARY_ID") : "";
        if (id.isEmpty()) {
            throw fail(file + ": no formulary id: give \"formularyId\" in the criteria file " + critFile
                    + " or a FORMULARY_ID column");
        }
        try {
            return new Result(new Formulary(id, criteria.policy(), drugs), limits);
        } catch (IllegalArgumentException e) {
            // Names and RxCUIs are unique by now, so what is left is a step-therapy entry of the criteria file;
            // the record names it by index, so point at the entry instead.
            Matcher m = DRUG_INDEX.matcher(e.getMessage());
            String where = m.lookingAt() ? "drugs." + keyOf.get(order.get(Integer.parseInt(m.group(1))).key()) : "";
            throw new FormularyException(critFile + ": " + where + e.getMessage().substring(m.lookingAt() ? m.end() : 0)
                    + " (formulary read from " + file + ")", e);
        }
    }

    private void header(Line first) {
        header = first.cells().stream().map(String::trim).toList();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).toUpperCase(Locale.ROOT);
            String canon = ALIASES.getOrDefault(name, name);
            Integer was = COLUMNS.contains(canon) ? col.putIfAbsent(canon, i) : null;
            if (was != null) {
                throw fail(file + " line 1: columns " + header.get(was) + " and " + header.get(i) + " both give "
                        + canon);
            }
        }
        if (!col.containsKey("RXCUI") && !col.containsKey("DRUG")) {
            throw fail(file + " line 1: no RXCUI or DRUG column; the first line must be a header naming the columns");
        }
        for (String required : List.of("TIER_LEVEL_VALUE", "PRIOR_AUTHORIZATION_YN", "STEP_THERAPY_YN")) {
            if (!col.containsKey(required)) {
                throw fail(file + " line 1: no " + required + " column");
            }
        }
        boolean ql = col.containsKey("QUANTITY_LIMIT_YN");
        if (ql != col.containsKey("QUANTITY_LIMIT_AMOUNT") || ql != col.containsKey("QUANTITY_LIMIT_DAYS")) {
            throw fail(file + " line 1: give all of QUANTITY_LIMIT_YN, QUANTITY_LIMIT_AMOUNT and "
                    + "QUANTITY_LIMIT_DAYS, or none");
        }
    }

    private Row row(Line l) {
        if (l.cells().size() != header.size()) {
            throw fail(file + " line " + l.number() + ": " + l.cells().size() + " fields, but the header has "
                    + header.size());
        }
        String rxcui = cell(l, "RXCUI");
        String name = cell(l, "DRUG");
        String tier = cell(l, "TIER_LEVEL_VALUE");
        if (!rxcui.isEmpty() && !rxcui.matches("\\d{1,10}")) {
            throw bad(l, "RXCUI", "RxCUI must be digits, not '" + rxcui + "'");
        }
        if (rxcui.isEmpty() && name.isEmpty()) {
            throw fail(file + " line " + l.number() + ": neither an RxCUI nor a drug name is given");
        }
        if (!tier.matches("\\d{1,2}") || Integer.parseInt(tier) < 1 || Integer.parseInt(tier) > 10) {
            throw bad(l, "TIER_LEVEL_VALUE", "tier must be a whole number from 1 to 10, not '" + tier + "'");
        }
        QuantityLimit limit = null;
        if (col.containsKey("QUANTITY_LIMIT_YN")) {
            boolean on = flag(l, "QUANTITY_LIMIT_YN");
            String amount = cell(l, "QUANTITY_LIMIT_AMOUNT");
            String days = cell(l, "QUANTITY_LIMIT_DAYS");
            if (!amount.matches("(\\d+(\\.\\d*)?|\\.\\d+)?")) {
                throw bad(l, "QUANTITY_LIMIT_AMOUNT", "not a number: '" + amount + "'");
            }
            if (!days.matches("\\d{0,4}")) {
                throw bad(l, "QUANTITY_LIMIT_DAYS", "not a whole number of days: '" + days + "'");
            }
            double a = amount.isEmpty() ? 0 : Double.parseDouble(amount);
            int d = days.isEmpty() ? 0 : Integer.parseInt(days);
            // CMS files fill 0 where there is no limit; a limit under an N flag, or none under Y, is a contradiction.
            if (on != (a != 0) || on != (d != 0)) {
                String column = on != (a != 0) ? "QUANTITY_LIMIT_AMOUNT" : "QUANTITY_LIMIT_DAYS";
                throw bad(l, column, "QUANTITY_LIMIT_YN is " + (on ? "Y but no " : "N but a ") + column + " is given");
            }
            try {
                limit = on ? new QuantityLimit(a, d) : null;
            } catch (IllegalArgumentException e) {
                throw bad(l, "QUANTITY_LIMIT_DAYS", e.getMessage());
            }
        }
        String cls = cell(l, "CLASS");
        return new Row(l.number(), rxcui.isEmpty() ? null : rxcui, name.isEmpty() ? null : DrugRef.normalise(name),
                cls.isEmpty() ? null : cls, Integer.parseInt(tier), flag(l, "PRIOR_AUTHORIZATION_YN"),
                flag(l, "STEP_THERAPY_YN"), limit);
    }

    private boolean flag(Line l, String column) {
        String v = cell(l, column);
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "y", "1", "true" -> true;
            case "n", "0", "false" -> false;
            default -> throw bad(l, column, "expected Y, N, 1, 0, true or false, not '" + v + "'");
        };
    }

    /** @return for each row described in the criteria, the entry's key as written */
    private Map<String, String> match(Criteria criteria, Map<String, Row> rows) {
        Map<String, String> keyOf = new HashMap<>();
        for (Map.Entry<String, Entry> e : criteria.drugs().entrySet()) {
            String key = e.getKey().trim();
            boolean byId = key.matches("\\d+");
            List<Row> hits = rows.values().stream()
                    .filter(r -> byId ? key.equals(r.rxcui()) : DrugRef.normalise(key).equals(r.name())).toList();
            String problem = e.getValue() == null ? "expected an object"
                    : hits.isEmpty() ? "no row of " + file + " has " + (byId ? "RxCUI " : "drug name ") + key
                    : hits.size() > 1 ? "matches lines " + hits.get(0).line() + " and " + hits.get(1).line() + " of "
                    + file : null;
            if (problem != null) {
                throw fail(critFile + ": drugs." + e.getKey() + ": " + problem);
            }
            String was = keyOf.put(hits.get(0).key(), e.getKey());
            if (was != null) {
                throw fail(critFile + ": drugs." + was + " and drugs." + e.getKey() + " both describe line "
                        + hits.get(0).line() + " of " + file);
            }
        }
        return keyOf;
    }

    private String pick(Row r, String path, String fromFile, String given, String column, String field) {
        String fromCriteria = given == null ? null : given.trim();
        if (fromCriteria != null && fromCriteria.isEmpty()) {
            throw fail(critFile + ": " + path + "." + field + ": blank");
        }
        if (fromFile != null && fromCriteria != null && !fromFile.equals(fromCriteria)) {
            throw fail(critFile + ": " + path + "." + field + " is '" + fromCriteria + "' but " + file + " line "
                    + r.line() + " has " + column + " '" + fromFile + "'; the two files disagree");
        }
        if (fromFile == null && fromCriteria == null) {
            throw fail(file + " line " + r.line() + ": " + r.label() + " has no " + field + ": give a " + column
                    + " column or \"" + field + "\" for it in the criteria file " + critFile);
        }
        return fromFile != null ? fromFile : fromCriteria;
    }

    private void agree(Row r, String path, boolean flag, Object given, String column, String field) {
        if (flag && given == null) {
            throw fail(file + " line " + r.line() + ": " + column + " is Y but the criteria file " + critFile
                    + " gives no " + field + " for " + r.label());
        }
        if (!flag && given != null) {
            throw fail(critFile + ": " + path + "." + field + " is given but " + file + " line " + r.line() + " has "
                    + column + " N for " + r.label() + "; the two files disagree");
        }
    }

    private Criteria criteria(Path path) {
        try {
            Criteria c = ContractJson.mapper().readerFor(Criteria.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readValue(text(path));
            if (c == null) {
                throw fail(critFile + ": empty; expected an object with formularyId, policy and drugs");
            }
            return c;
        } catch (UnrecognizedPropertyException e) {
            throw new FormularyException(critFile + ": " + where(e) + "unknown field; expected one of "
                    + e.getKnownPropertyIds(), e);
        } catch (JsonMappingException e) {
            // Jackson's wording names Java types where a record or map was expected; say what the JSON should be.
            Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
            boolean ours = target != null && (Map.class.isAssignableFrom(target)
                    || target.getName().startsWith("org.precisionformulary.") && !target.isEnum());
            String why = e instanceof ValueInstantiationException && e.getCause() != null ? e.getCause().getMessage()
                    : e.getPath().isEmpty() ? "expected a JSON object with formularyId, policy and drugs"
                    : ours ? "expected a JSON object" : e.getOriginalMessage();
            throw new FormularyException(critFile + ": " + where(e) + why, e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new FormularyException(critFile + (at == null ? "" : " line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String where(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(p -> p.getFieldName() != null ? "." + p.getFieldName() : "[" + p.getIndex() + "]")
                .collect(Collectors.joining());
        return path.isEmpty() ? "" : path.substring(1) + ": ";
    }

    private String cell(Line l, String column) {
        Integer i = col.get(column);
        return i == null ? "" : l.cells().get(i).trim();
    }

    private FormularyException bad(Line l, String column, String message) {
        return fail(file + " line " + l.number() + ", column " + header.get(col.get(column)) + ": " + message);
    }

    private static FormularyException fail(String message) {
        return new FormularyException(message, null);
    }

    private static String show(Object fact) {
        return fact instanceof Boolean b ? (b ? "Y" : "N") : fact == null ? "(none)" : "'" + fact + "'";
    }

    private static String text(Path path) {
        try {
            String s = Files.readString(path, StandardCharsets.UTF_8);
            return s.startsWith("\uFEFF") ? s.substring(1) : s; // spreadsheet exports often start with a BOM
        } catch (IOException e) {
            throw new FormularyException(path + ": cannot read: "
                    + (e instanceof CharacterCodingException ? "not UTF-8 text" : e.toString()), e);
        }
    }

    /** Splits RFC 4180 text into records, each with the line it starts on; blank lines are skipped. */
    private static List<Line> split(String text, char sep, String file) {
        List<Line> out = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean closed = false;
        int line = 1;
        int start = 1;
        for (int i = 0, n = text.length(); i <= n; i++) {
            char c = i < n ? text.charAt(i) : '\n'; // a missing final line break ends the last record
            if (quoted) {
                if (i == n) {
                    throw fail(file + " line " + start + ": a quoted field is never closed");
                } else if (c == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
                    cell.append(text.charAt(i++));
                } else if (c == '"') {
                    quoted = false;
                    closed = true;
                } else {
                    line += c == '\n' ? 1 : 0;
                    cell.append(c);
                }
            } else if (c == sep || c == '\n' || c == '\r') {
                cells.add(cell.toString());
                cell.setLength(0);
                closed = false;
                if (c != sep) {
                    i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 1 : 0;
                    if (cells.size() > 1 || !cells.get(0).isBlank()) {
                        out.add(new Line(start, List.copyOf(cells)));
                    }
                    cells.clear();
                    start = ++line;
                }
            } else if (closed || c == '"' && cell.length() > 0) {
                throw fail(file + " line " + line + ": " + (closed ? "text after a closing quote" : "a quote inside an "
                        + "unquoted field") + "; quote the whole field and double any quote inside it");
            } else if (c == '"') {
                quoted = true;
            } else {
                cell.append(c);
            }
        }
        return out;
    }
}
