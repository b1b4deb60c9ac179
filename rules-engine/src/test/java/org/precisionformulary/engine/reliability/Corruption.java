// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.json.ContractJson;
import org.precisionformulary.model.json.RequestReader;

/**
 * One targeted way to break a valid request, and the field the engine's error must then name. Each corruption
 * picks one of several variants with the given {@link Random}, so a seed reproduces a case exactly.
 */
enum Corruption {

    WRONG_TYPE {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            return switch (random.nextInt(10)) {
                case 0 -> field(r, "requestId", f.numberNode(random.nextInt(1000)), "requestId as a number");
                case 1 -> field(r, "member", f.textNode("M-1"), "member as a string");
                case 2 -> {
                    ((ObjectNode) r.get("member")).put("id", random.nextInt(1000));
                    yield nearValid(r, "member.id as a number", "member.id");
                }
                case 3 -> field(r, "drug", f.arrayNode().add("codeine"), "drug as an array");
                case 4 -> field(r, "serviceDate", f.numberNode(20261120), "serviceDate as a number");
                case 5 -> field(r, "genotypes", f.objectNode().put("gene", "CYP2D6"), "genotypes as an object");
                case 6 -> {
                    int i = append(r, "genotypes", f.textNode("CYP2D6 *1/*4"));
                    yield nearValid(r, "genotype entry as a string", "genotypes[" + i + "]");
                }
                case 7 -> {
                    int i = append(r, "history", fill(r, "codeine", 10).put("daysSupply", "30"));
                    yield nearValid(r, "daysSupply as a string", "history[" + i + "].daysSupply");
                }
                case 8 -> {
                    int i = append(r, "biomarkers", f.objectNode().put("name", "PD-L1").put("value", "60%"));
                    yield nearValid(r, "biomarker value as a string", "biomarkers[" + i + "].value");
                }
                default -> {
                    int i = append(r, "diagnoses", f.numberNode(89.29));
                    yield nearValid(r, "diagnosis as a number", "diagnoses[" + i + "]");
                }
            };
        }
    },

    MISSING_REQUIRED_FIELD {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            switch (random.nextInt(8)) {
                case 0:
                    r.remove("requestId");
                    return nearValid(r, "no requestId", "requestId");
                case 1:
                    r.remove("member");
                    return nearValid(r, "no member", "member");
                case 2:
                    ((ObjectNode) r.get("member")).remove("id");
                    return nearValid(r, "no member.id", "member.id");
                case 3:
                    r.remove("drug");
                    return nearValid(r, "no drug", "drug");
                case 4:
                    r.set("drug", f.objectNode().put("strength", "30 mg"));
                    return nearValid(r, "drug without name or rxnorm", "drug");
                case 5: {
                    int i = append(r, "genotypes", f.objectNode().put("diplotype", "*1/*1"));
                    return nearValid(r, "genotype entry without gene", "genotypes[" + i + "].gene");
                }
                case 6: {
                    String missing = List.of("drug", "filledOn", "daysSupply").get(random.nextInt(3));
                    ObjectNode fill = fill(r, "tramadol", 20);
                    fill.remove(missing);
                    int i = append(r, "history", fill);
                    return nearValid(r, "fill without " + missing, "history[" + i + "]." + missing);
                }
                default: {
                    int i = append(r, "biomarkers", f.objectNode().put("result", "positive"));
                    return nearValid(r, "biomarker without name", "biomarkers[" + i + "].name");
                }
            }
        }
    },

    UNKNOWN_GENE {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            String gene = List.of("CYP9Z9", "BRCA1", "CYP2D7", "HLA-Z", "GENE" + random.nextInt(10_000), "CYP2D6-like",
                    "   ").get(random.nextInt(7));
            int i = append(r, "genotypes", obj().put("gene", gene).put("diplotype", "*1/*1"));
            return nearValid(r, "gene '" + gene.trim() + "'", "genotypes[" + i + "].gene");
        }
    },

    ALLELE_NOT_IN_TABLE {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            List<Gene> genes = new ArrayList<>(CpicSamples.get().rowsByGene.keySet());
            Gene gene = genes.get(random.nextInt(genes.size()));
            removeGene(r, gene);
            List<CpicSamples.Row> rows = CpicSamples.get().rowsByGene.get(gene);
            String real = rows.get(random.nextInt(rows.size())).diplotype();
            String known = real.contains("/") ? real.substring(0, real.indexOf('/')) : real;
            String unknown = "*" + (5_000 + random.nextInt(90_000));
            String diplotype = random.nextBoolean() ? known + "/" + unknown : unknown + "/" + known;
            int i = append(r, "genotypes", obj().put("gene", gene.symbol()).put("diplotype", diplotype));
            return nearValid(r, gene + " " + unknown, "genotypes[" + i + "].diplotype");
        }
    },

    MALFORMED_COPY_NUMBER {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            List<String> forms = List.of("*1xN", "*1x0", "*1x1", "*2xn", "*4x", "*1xx2", "*1x-2", "*1x2.5", "*1x", "x2",
                    "*1x99999999999", "*1x14", "*2x99", "*1x≥20");
            String bad = forms.get(random.nextInt(forms.size()));
            removeGene(r, Gene.CYP2D6);
            int i = append(r, "genotypes", obj().put("gene", "CYP2D6").put("diplotype", "*1/" + bad));
            return nearValid(r, "CYP2D6 *1/" + bad, "genotypes[" + i + "].diplotype");
        }
    },

    CONFLICTING_ENTRIES {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            int variant = random.nextInt(4);
            Gene gene = variant == 3 ? Gene.HLA_B : List.of(Gene.CYP2D6, Gene.CYP2C19, Gene.TPMT, Gene.SLCO1B1)
                    .get(random.nextInt(4));
            removeGene(r, gene);
            List<CpicSamples.Row> rows = CpicSamples.get().rowsByGene.get(gene);
            ObjectNode first;
            ObjectNode second;
            if (variant == 3) {
                first = obj().put("gene", "HLA-B").put("allele", "*57:01").put("result", "positive");
                second = obj().put("gene", "HLA-B").put("allele", "*57:01").put("result", "negative");
            } else {
                CpicSamples.Row a = rows.get(random.nextInt(rows.size()));
                CpicSamples.Row b = a;
                while (b.phenotype().equals(a.phenotype())) {
                    b = rows.get(random.nextInt(rows.size()));
                }
                first = obj().put("gene", gene.symbol()).put("diplotype", a.diplotype());
                second = variant == 0 ? obj().put("gene", gene.symbol()).put("phenotype", b.phenotype())
                        : obj().put("gene", gene.symbol()).put("diplotype", b.diplotype());
            }
            append(r, "genotypes", first);
            int i = append(r, "genotypes", second);
            return nearValid(r, gene + (variant == 0 ? " diplotype vs phenotype" : " two calls"), "genotypes[" + i + "]");
        }
    },

    ACTIVITY_SCORE_OUT_OF_RANGE {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            Gene gene = List.of(Gene.CYP2D6, Gene.CYP2C9, Gene.DPYD).get(random.nextInt(3));
            removeGene(r, gene);
            ObjectNode entry = obj().put("gene", gene.symbol());
            int variant = random.nextInt(10);
            switch (variant) {
                case 0 -> entry.put("activityScore", -0.5 - random.nextInt(5));
                case 1 -> entry.put("activityScore", 7 + random.nextInt(100));
                case 2 -> entry.put("activityScore", "0.3");
                case 3 -> entry.put("activityScore", "high");
                case 4 -> entry.put("activityScore", "NaN");
                case 5 -> entry.put("activityScore", "≥9.0");
                case 6 -> entry.put("activityScore", "1e5");
                case 7 -> entry.put("activityScore", "1e999999999");
                case 8 -> entry.put("activityScore", "1e" + (9_000_000 + random.nextInt(900_000)));
                default -> entry.put("activityScore", 0);
            }
            int i = append(r, "genotypes", entry);
            String path = "genotypes[" + i + "].activityScore";
            if (variant == 9) {
                // Written as 1e400, which Jackson reads as infinity.
                return new NearValid(text(r).replace("\"activityScore\":0}", "\"activityScore\":1e400}"), this,
                        "number 1e400", List.of(path));
            }
            return nearValid(r, gene + " " + entry.get("activityScore"), path);
        }
    },

    IMPOSSIBLE_OR_FUTURE_DATE {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            LocalDate service = serviceDate(r);
            switch (random.nextInt(7)) {
                case 0:
                    r.put("serviceDate", List.of("2026-02-30", "2026-13-01", "2025-02-29", "20261120", "2026-11-20T10:00",
                            "yesterday", "1899-12-31").get(random.nextInt(7)));
                    return nearValid(r, "serviceDate " + r.get("serviceDate").asText(), "serviceDate");
                case 1:
                    r.put("serviceDate", RequestArbitraries.TODAY.plusDays(2 + random.nextInt(5_000)).toString());
                    return nearValid(r, "serviceDate in the future", "serviceDate");
                case 2:
                    ((ObjectNode) r.get("member")).put("birthDate", service.plusDays(1 + random.nextInt(3_000)).toString());
                    return nearValid(r, "birthDate after serviceDate", "member.birthDate");
                case 3:
                    ((ObjectNode) r.get("member")).put("birthDate", List.of("1970-02-29", "1970-04-31", "0000-01-01",
                            "1850-06-01").get(random.nextInt(4)));
                    return nearValid(r, "impossible birthDate", "member.birthDate");
                case 4: {
                    removeGene(r, Gene.CYP2C19);
                    int i = append(r, "genotypes", obj().put("gene", "CYP2C19").put("diplotype", "*1/*2")
                            .put("resultDate", service.plusDays(1 + random.nextInt(400)).toString()));
                    return nearValid(r, "resultDate after serviceDate", "genotypes[" + i + "].resultDate");
                }
                case 5: {
                    ObjectNode fill = fill(r, "codeine", 30).put("filledOn", "2026-06-31");
                    int i = append(r, "history", fill);
                    return nearValid(r, "impossible filledOn", "history[" + i + "].filledOn");
                }
                default: {
                    removeGene(r, Gene.TPMT);
                    int i = append(r, "genotypes", obj().put("gene", "TPMT").put("diplotype", "*1/*1")
                            .put("resultDate", "2024-00-10"));
                    return nearValid(r, "impossible resultDate", "genotypes[" + i + "].resultDate");
                }
            }
        }
    },

    HISTORY_AFTER_SERVICE_DATE {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            ObjectNode fill = fill(r, "tramadol", 30).put("filledOn",
                    serviceDate(r).plusDays(1 + random.nextInt(365)).toString());
            int i = append(r, "history", fill);
            return nearValid(r, "fill after serviceDate", "history[" + i + "].filledOn");
        }
    },

    NON_POSITIVE_DAYS_SUPPLY {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            int days = -random.nextInt(400);
            int i = append(r, "history", fill(r, "codeine", 30).put("daysSupply", days));
            return nearValid(r, "daysSupply " + days, "history[" + i + "].daysSupply");
        }
    },

    OVERSIZE_ARRAY {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            JsonNodeFactory f = JsonNodeFactory.instance;
            ArrayNode array = f.arrayNode();
            switch (random.nextInt(4)) {
                case 0:
                    for (int k = 0; k <= RequestReader.MAX_GENOTYPES + random.nextInt(20); k++) {
                        array.add(obj().put("gene", "CYP2D6").put("diplotype", "*1/*1"));
                    }
                    r.set("genotypes", array);
                    return nearValid(r, array.size() + " genotypes", "genotypes");
                case 1:
                    for (int k = 0; k <= RequestReader.MAX_HISTORY + random.nextInt(100); k++) {
                        array.add(fill(r, "codeine", 10 + k % 300));
                    }
                    r.set("history", array);
                    return nearValid(r, array.size() + " fills", "history");
                case 2:
                    for (int k = 0; k <= RequestReader.MAX_BIOMARKERS + random.nextInt(20); k++) {
                        array.add(obj().put("name", "EGFR").put("result", "positive"));
                    }
                    r.set("biomarkers", array);
                    return nearValid(r, array.size() + " biomarkers", "biomarkers");
                default:
                    for (int k = 0; k <= RequestReader.MAX_BIOMARKERS + random.nextInt(20); k++) {
                        array.add("I21.4");
                    }
                    r.set("diagnoses", array);
                    return nearValid(r, array.size() + " diagnoses", "diagnoses");
            }
        }
    },

    HUGE_STRING {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            switch (random.nextInt(3)) {
                case 0:
                    r.put("note", "x".repeat(RequestReader.MAX_REQUEST_CHARS + random.nextInt(1_000)));
                    return nearValid(r, "request over the size limit", "$");
                case 1: {
                    int i = append(r, "genotypes", obj().put("gene", "CYP2D6".repeat(1 + random.nextInt(50_000)))
                            .put("diplotype", "*1/*1"));
                    return nearValid(r, "long gene", "genotypes[" + i + "].gene");
                }
                default:
                    r.put("serviceDate", "2026-11-20" + " ".repeat(10 + random.nextInt(100_000)) + "x");
                    return nearValid(r, "long serviceDate", "serviceDate");
            }
        }
    },

    DEEP_NESTING {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            String field = List.of("member", "drug", "genotypes", "history").get(random.nextInt(4));
            int depth = random.nextBoolean() ? 2 + random.nextInt(900) : 1_000 + random.nextInt(100_000);
            r.put(field, "NESTED");
            String nested = "[".repeat(depth) + "{\"id\":\"M\"}" + "]".repeat(depth);
            String text = text(r).replace("\"NESTED\"", nested);
            // Past Jackson's nesting limit the text is refused as a whole; below it, the field has the wrong shape.
            List<String> expected = field.equals("genotypes") || field.equals("history")
                    ? List.of("$", field + "[0]") : List.of("$", field);
            return new NearValid(text, this, field + " nested " + depth + " deep", expected);
        }
    },

    DUPLICATE_KEYS {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            String text = text(r);
            String dup = List.of("\"requestId\":\"OTHER\",", "\"drug\":{\"name\":\"morphine\"},",
                    "\"serviceDate\":\"2001-01-01\",").get(random.nextInt(3));
            // Jackson keeps the last of duplicate keys; the contract does not say yet, so no field is expected.
            return new NearValid("{" + dup + text.substring(1), this, "duplicate " + dup, List.of());
        }
    },

    NON_FINITE_NUMBER {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            switch (random.nextInt(4)) {
                case 0: {
                    int i = append(r, "biomarkers", obj().put("name", "PD-L1").put("value", 7777));
                    return new NearValid(text(r).replace("\"value\":7777}", "\"value\":1e400}"), this, "value 1e400",
                            List.of("biomarkers[" + i + "].value"));
                }
                case 1: {
                    append(r, "biomarkers", obj().put("name", "PD-L1").put("value", 7777));
                    String token = List.of("NaN", "Infinity", "-Infinity").get(random.nextInt(3));
                    return new NearValid(text(r).replace("\"value\":7777}", "\"value\":" + token + "}"), this,
                            "value " + token, List.of("$"));
                }
                case 2: {
                    int i = append(r, "history", fill(r, "codeine", 7).put("daysSupply", 7777));
                    String marker = "\"daysSupply\":7777}";
                    String t = text(r);
                    int at = t.lastIndexOf(marker);
                    return new NearValid(t.substring(0, at) + "\"daysSupply\":1e400}" + t.substring(at + marker.length()),
                            this, "daysSupply 1e400", List.of("history[" + i + "].daysSupply"));
                }
                default: {
                    int i = append(r, "history", fill(r, "codeine", 7).put("daysSupply", 3_000_000_000L));
                    return nearValid(r, "daysSupply beyond int", "history[" + i + "].daysSupply");
                }
            }
        }
    },

    UNICODE_JUNK {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            String junk = junk(random);
            switch (random.nextInt(3)) {
                case 0: {
                    int i = append(r, "genotypes", obj().put("gene", "CYP2" + junk).put("diplotype", "*1/*1"));
                    return nearValid(r, "junk gene", "genotypes[" + i + "].gene");
                }
                case 1: {
                    removeGene(r, Gene.CYP2C19);
                    int i = append(r, "genotypes", obj().put("gene", "CYP2C19").put("diplotype", "*1/*" + junk));
                    return nearValid(r, "junk allele", "genotypes[" + i + "].diplotype");
                }
                default:
                    r.put("serviceDate", "2026-1" + junk);
                    return nearValid(r, "junk date", "serviceDate");
            }
        }

        private String junk(Random random) {
            String[] pieces = {"\u200B", "\u202E", "\uFFFD", "\u0000", "\uD800", "\uDFFF", "😀", "ﬁ", "\u0301", "Ω",
                    "\u00A0", "\t", "\\", "\"", "\u2028"};
            StringBuilder b = new StringBuilder("\uFFFD");
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            return b.toString();
        }
    },

    BYTE_ORDER_MARK {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            // A BOM read as text is not JSON; the engine refuses it rather than guess where the request starts.
            return new NearValid("\uFEFF" + text(r), this, "leading BOM", List.of("$"));
        }
    },

    TRUNCATED {
        @Override
        NearValid apply(ObjectNode r, Random random) {
            String text = text(r);
            int cut = 1 + random.nextInt(text.length() - 1);
            return new NearValid(text.substring(0, cut), this, "cut at " + cut + " of " + text.length(), List.of("$"));
        }
    };

    /**
     * @param request a valid request, changed in place
     * @param random  picks the variant and its details
     * @return the corrupted request and the field its error must name
     */
    abstract NearValid apply(ObjectNode request, Random random);

    NearValid nearValid(ObjectNode r, String variant, String expectedField) {
        return new NearValid(text(r), this, variant, List.of(expectedField));
    }

    NearValid field(ObjectNode r, String name, JsonNode value, String variant) {
        r.set(name, value);
        return nearValid(r, variant, name);
    }

    static String text(ObjectNode r) {
        return ContractJson.toJson(r);
    }

    static ObjectNode obj() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Appends to the named array, creating it, and returns the new entry's index. */
    static int append(ObjectNode r, String name, JsonNode value) {
        JsonNode existing = r.get(name);
        ArrayNode array = existing instanceof ArrayNode a ? a : r.putArray(name);
        array.add(value);
        return array.size() - 1;
    }

    /** Drops every entry for the gene, so an appended entry is the only one that can be wrong. */
    static void removeGene(ObjectNode r, Gene gene) {
        if (r.get("genotypes") instanceof ArrayNode array) {
            for (int k = array.size() - 1; k >= 0; k--) {
                if (gene.symbol().equals(array.get(k).path("gene").asText())) {
                    array.remove(k);
                }
            }
        }
    }

    static LocalDate serviceDate(ObjectNode r) {
        JsonNode date = r.get("serviceDate");
        return date == null ? RequestArbitraries.TODAY : LocalDate.parse(date.asText());
    }

    /** A valid fill some days before the service date. */
    static ObjectNode fill(ObjectNode r, String drug, int daysBefore) {
        return obj().put("drug", drug).put("filledOn", serviceDate(r).minusDays(daysBefore).toString())
                .put("daysSupply", 30);
    }
}
