// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.precisionformulary.model.genotype.Gene;

/**
 * jqwik generators for the three classes of fuzz input: valid requests built from CPIC's own tables, near-valid
 * requests (a valid one with one {@link Corruption}), and garbage (random text, bytes and JSON).
 */
final class RequestArbitraries {

    /** The evaluation date every fuzz engine runs on (its clock is fixed), so "future" means the same each run. */
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private RequestArbitraries() {
    }

    /** @return valid requests: real genes, diplotypes, phenotypes, scores, drugs, populations and plausible dates */
    static Arbitrary<ObjectNode> validRequests() {
        CpicSamples samples = CpicSamples.get();
        Arbitrary<LocalDate> base = Arbitraries.integers().between(0, 6 * 365).map(TODAY::minusDays);
        return base.flatMap(date -> Combinators.combine(
                Arbitraries.integers().between(1, 999_999),
                Arbitraries.integers().between(0, 9),
                member(date),
                Arbitraries.of(samples.drugs).flatMap(RequestArbitraries::drugAndIndication),
                Arbitraries.of(CpicSamples.DIAGNOSES).list().ofMaxSize(3),
                genotypes(date),
                biomarkers(),
                Arbitraries.of(samples.drugs).list().ofMaxSize(5).flatMap(drugs -> history(date, drugs))
        ).as((id, sendDate, member, drug, diagnoses, genotypes, biomarkers, history) -> {
            ObjectNode r = JSON.objectNode();
            r.put("requestId", "R-" + id);
            // Without a service date the evaluation date (TODAY) stands in, and every date above is on or before it.
            if (sendDate > 0 || !date.equals(TODAY)) {
                r.put("serviceDate", date.toString());
            }
            r.set("member", member);
            r.set("drug", drug[0]);
            if (drug[1] != null) {
                r.set("indication", drug[1]);
            }
            if (!diagnoses.isEmpty()) {
                ArrayNode d = r.putArray("diagnoses");
                diagnoses.forEach(d::add);
            }
            if (!genotypes.isEmpty()) {
                r.putArray("genotypes").addAll(genotypes);
            }
            if (!biomarkers.isEmpty()) {
                r.putArray("biomarkers").addAll(biomarkers);
            }
            if (!history.isEmpty()) {
                r.putArray("history").addAll(history);
            }
            return r;
        }));
    }

    /** @return valid requests with one targeted corruption each */
    static Arbitrary<NearValid> nearValidRequests() {
        return Combinators.combine(validRequests(), Arbitraries.of(Corruption.class), Arbitraries.longs())
                .as((request, corruption, seed) -> corruption.apply(request.deepCopy(), new Random(seed)));
    }

    /** @return random strings, random bytes read as UTF-8, and random JSON, some of it shaped like a request */
    static Arbitrary<String> garbage() {
        Arbitrary<String> strings = Arbitraries.strings().ofMaxLength(2_000);
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.eE+-truefalsn \\u")
                .ofMaxLength(300);
        Arbitrary<String> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000)
                .map(b -> new String(b, StandardCharsets.UTF_8));
        Arbitrary<String> json = Arbitraries.longs().map(seed -> randomJson(new Random(seed)));
        return Arbitraries.frequencyOf(
                Tuple.of(2, strings), Tuple.of(2, jsonish),
                Tuple.of(1, bytes), Tuple.of(4, json));
    }

    private static Arbitrary<ObjectNode> member(LocalDate date) {
        return Combinators.combine(
                Arbitraries.integers().between(1, 99_999),
                Arbitraries.integers().between(-1, 95 * 365),
                Arbitraries.of("", "DEMO", "PLAN-7"),
                Arbitraries.of("", "group-a", "group-b")
        ).as((id, ageDays, plan, group) -> {
            ObjectNode m = JSON.objectNode().put("id", "M-" + id);
            if (!plan.isEmpty()) {
                m.put("planId", plan);
            }
            if (ageDays >= 0) {
                m.put("birthDate", date.minusDays(ageDays).isBefore(LocalDate.of(1900, 1, 1))
                        ? "1931-05-01" : date.minusDays(ageDays).toString());
            }
            if (!group.isEmpty()) {
                m.put("monitoringGroup", group);
            }
            return m;
        });
    }

    /** The drug object, and an indication naming one of the drug's CPIC populations (or none). */
    private static Arbitrary<JsonNode[]> drugAndIndication(String drug) {
        CpicSamples samples = CpicSamples.get();
        String rxnorm = samples.rxnormByDrug.get(drug);
        List<String> populations = new ArrayList<>(samples.cpic.populations(drug));
        populations.add(null);
        populations.add(null);
        return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.of(populations))
                .as((form, population) -> {
                    ObjectNode d = JSON.objectNode();
                    if (rxnorm != null && form == 0) {
                        d.put("rxnorm", rxnorm);
                    } else {
                        d.put("name", form == 1 ? drug.toUpperCase(Locale.ROOT) : drug);
                        if (rxnorm != null && form == 2) {
                            d.put("rxnorm", rxnorm);
                        }
                    }
                    return new JsonNode[] {d,
                            population == null ? null : JSON.textNode(population)};
                });
    }

    private static Arbitrary<List<ObjectNode>> genotypes(LocalDate date) {
        // One entry per gene: two entries for one gene are a conflict unless they agree, which is its own case.
        return Arbitraries.of(CpicSamples.get().genes()).set().ofMaxSize(6).flatMap(genes -> {
            List<Arbitrary<ObjectNode>> entries = new ArrayList<>();
            for (Gene gene : genes) {
                entries.add(genotypeEntry(gene, date));
            }
            return Combinators.combine(entries).as(List::copyOf);
        });
    }

    private static Arbitrary<ObjectNode> genotypeEntry(Gene gene, LocalDate date) {
        CpicSamples samples = CpicSamples.get();
        Arbitrary<ObjectNode> core;
        if (gene.kind() == Gene.Kind.ALLELE_POSITIVITY) {
            List<String> alleles = CpicSamples.HLA_ALLELES.get(gene);
            core = Combinators.combine(Arbitraries.of(alleles), Arbitraries.of(alleles),
                    Arbitraries.of("positive", "negative", "Positive"), Arbitraries.integers().between(0, 3))
                    .as((a, b, result, form) -> form == 0
                            ? JSON.objectNode().put("gene", gene.symbol()).put("diplotype", a + "/" + b)
                            : JSON.objectNode().put("gene", gene.symbol()).put("allele", a).put("result", result));
        } else {
            List<CpicSamples.Row> rows = samples.rowsByGene.get(gene);
            List<String> scores = samples.activityScores.getOrDefault(gene, List.of());
            Arbitrary<ObjectNode> diplotype = Arbitraries.of(rows)
                    .map(row -> JSON.objectNode().put("gene", gene.symbol()).put("diplotype", row.diplotype()));
            Arbitrary<ObjectNode> phenotype = Arbitraries.of(rows)
                    .map(row -> JSON.objectNode().put("gene", gene.symbol()).put("phenotype", row.phenotype()));
            core = scores.isEmpty()
                    ? Arbitraries.frequencyOf(Tuple.of(4, diplotype), Tuple.of(1, phenotype))
                    : Arbitraries.frequencyOf(Tuple.of(4, diplotype), Tuple.of(1, phenotype),
                    Tuple.of(2, Arbitraries.of(scores)
                            .map(s -> JSON.objectNode().put("gene", gene.symbol()).put("activityScore", s))));
        }
        return Combinators.combine(core, Arbitraries.integers().between(-2, 3_000), Arbitraries.of("", "lab", "PharmCAT"))
                .as((entry, daysBefore, source) -> {
                    if (daysBefore >= 0) {
                        entry.put("resultDate", date.minusDays(daysBefore).toString());
                    }
                    if (!source.isEmpty()) {
                        entry.put("source", source);
                    }
                    return entry;
                });
    }

    private static Arbitrary<List<ObjectNode>> biomarkers() {
        List<String> names = List.copyOf(CpicSamples.BIOMARKERS.keySet());
        return Arbitraries.of(names).set().ofMaxSize(3).flatMap(chosen -> {
            List<Arbitrary<ObjectNode>> entries = new ArrayList<>();
            for (String name : chosen) {
                List<String> results = CpicSamples.BIOMARKERS.get(name);
                entries.add(results.isEmpty()
                        ? Arbitraries.integers().between(0, 100).map(v -> JSON.objectNode().put("name", name).put("value", v))
                        : Arbitraries.of(results).map(v -> JSON.objectNode().put("name", name).put("result", v)
                        .put("detail", "generated")));
            }
            return Combinators.combine(entries).as(List::copyOf);
        });
    }

    private static Arbitrary<List<ObjectNode>> history(LocalDate date, List<String> drugs) {
        return Arbitraries.integers().between(0, 400).list().ofSize(drugs.size())
                .flatMap(days -> Arbitraries.integers().between(1, 90).list().ofSize(drugs.size()).map(supply -> {
                    List<ObjectNode> fills = new ArrayList<>();
                    for (int k = 0; k < drugs.size(); k++) {
                        fills.add(JSON.objectNode().put("drug", drugs.get(k))
                                .put("filledOn", date.minusDays(days.get(k)).toString()).put("daysSupply", supply.get(k)));
                    }
                    return fills;
                }));
    }

    private static final List<String> KEYS = List.of("requestId", "serviceDate", "member", "id", "birthDate", "drug",
            "name", "rxnorm", "indication", "diagnoses", "genotypes", "gene", "diplotype", "phenotype", "activityScore",
            "allele", "result", "resultDate", "biomarkers", "value", "history", "filledOn", "daysSupply", "x", "");

    private static final Set<String> CONTAINERS = Set.of("member", "drug", "genotypes", "biomarkers", "history", "diagnoses");

    /** Random JSON whose keys are mostly the contract's, so it reaches past the parser into the field checks. */
    static String randomJson(Random random) {
        return randomObject(random, 0).toString();
    }

    private static ObjectNode randomObject(Random random, int depth) {
        ObjectNode o = JSON.objectNode();
        int size = random.nextInt(depth == 0 ? 8 : 4);
        for (int k = 0; k < size; k++) {
            String key = KEYS.get(random.nextInt(KEYS.size()));
            o.set(key, randomValue(random, depth + 1, CONTAINERS.contains(key)));
        }
        return o;
    }

    private static JsonNode randomValue(Random random, int depth, boolean container) {
        int pick = random.nextInt(depth > 4 ? 6 : (container ? 10 : 8));
        return switch (pick) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.booleanNode(random.nextBoolean());
            case 2 -> JSON.numberNode(random.nextInt(2_000) - 1_000);
            case 3 -> JSON.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 4 -> JSON.textNode(List.of("", "*1/*4", "2026-11-20", "CYP2D6", "codeine", "positive", "1.0",
                    "HLA-B", "*57:01", "Poor Metabolizer", "\u0000", "2026-02-30").get(random.nextInt(12)));
            case 5 -> JSON.textNode(Long.toString(random.nextLong(), 36));
            case 6, 8 -> {
                ArrayNode a = JSON.arrayNode();
                for (int k = random.nextInt(4); k > 0; k--) {
                    a.add(random.nextBoolean() ? randomObject(random, depth) : randomValue(random, depth + 1, false));
                }
                yield a;
            }
            default -> randomObject(random, depth);
        };
    }
}
