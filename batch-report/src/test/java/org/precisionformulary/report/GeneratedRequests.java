// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Coverage requests made up from a formulary's drugs with a fixed seed: three monitoring groups, one small group,
 * some requests without a group, varied genotypes (group {@code group-b} carries no-function alleles more often, as
 * allele frequencies differ between populations), and a few bad lines.
 */
final class GeneratedRequests {

    /** A generated line with what the generator knows about it, independent of any parsing. */
    record Line(String json, String withoutGenotypes, String group, boolean notJson) {
    }

    /** Gene, its usual diplotypes, its no-function diplotypes. */
    private record GenePool(String gene, List<String> usual, List<String> risky) {
    }

    private static final List<GenePool> GENES = List.of(
            new GenePool("CYP2D6", List.of("*1/*1", "*1/*2", "*1/*4", "*1/*41", "*2/*2", "*1/*2x\u22653", "*1/*22"),
                    List.of("*4/*4", "*4/*5")),
            new GenePool("CYP2C19", List.of("*1/*1", "*1/*2", "*1/*17", "*17/*17", "*1/*12"),
                    List.of("*2/*2", "*2/*3")),
            new GenePool("CYP2C9", List.of("*1/*1", "*1/*2", "*1/*3"), List.of("*3/*3")),
            new GenePool("SLCO1B1", List.of("*1/*1", "*1/*5"), List.of("*5/*5")),
            new GenePool("TPMT", List.of("*1/*1", "*1/*3A"), List.of("*3A/*3A")));
    private static final List<String> NOT_ON_FORMULARY = List.of("oxymorphone", "meperidine");
    private static final String SMALL_GROUP = "group-small";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Random random;
    private final List<String> drugs;
    private int index;

    GeneratedRequests(long seed, List<String> formularyDrugs) {
        this.random = new Random(seed);
        this.drugs = new ArrayList<>(formularyDrugs);
        this.drugs.addAll(NOT_ON_FORMULARY);
    }

    List<Line> next(int count) {
        List<Line> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(next());
        }
        return lines;
    }

    Line next() {
        int i = index++;
        String group = i % 8000 == 17 ? SMALL_GROUP : group(random.nextInt(100));
        int badness = random.nextInt(1000);
        if (badness < 2) {
            return new Line("not JSON, line " + i, "not JSON, line " + i, null, true);
        }
        ObjectNode request = request(i, group);
        String json = request.toString();
        if (badness < 4) {
            String cut = json.substring(0, json.length() / 2);
            return new Line(cut, cut, null, true);
        }
        if (badness < 6) {
            request.put("serviceDate", "2026-13-45");
        } else if (badness < 8) {
            ((ObjectNode) request.get("member")).remove("id");
        }
        json = request.toString();
        request.remove("genotypes");
        return new Line(json, request.toString(), group, false);
    }

    private static String group(int roll) {
        return roll < 2 ? null : roll < 47 ? "group-a" : roll < 80 ? "group-b" : "group-c";
    }

    private ObjectNode request(int i, String group) {
        ObjectNode r = mapper.createObjectNode();
        r.put("requestId", "G-" + i);
        r.put("serviceDate", "2026-11-20");
        ObjectNode member = r.putObject("member");
        member.put("id", "M-" + i);
        member.put("planId", "DEMO");
        member.put("birthDate",
                (1940 + random.nextInt(60)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10));
        if (group != null) {
            member.put("monitoringGroup", group);
        }
        String drug = drugs.get(random.nextInt(drugs.size()));
        r.putObject("drug").put("name", drug);
        if (drug.equals("clopidogrel") && random.nextBoolean()) {
            r.put("indication", "CVI ACS PCI");
        }
        boolean risky = "group-b".equals(group);
        if (random.nextInt(100) >= 15) {
            ArrayNode genotypes = r.putArray("genotypes");
            List<GenePool> pools = new ArrayList<>(GENES);
            int genes = 1 + random.nextInt(3);
            for (int g = 0; g < genes; g++) {
                GenePool pool = pools.remove(random.nextInt(pools.size()));
                int roll = random.nextInt(100);
                String diplotype = roll < 1 ? "*1/*999"
                        : roll < (risky ? 40 : 5) ? pool.risky().get(random.nextInt(pool.risky().size()))
                        : pool.usual().get(random.nextInt(pool.usual().size()));
                genotypes.addObject().put("gene", pool.gene()).put("diplotype", diplotype);
            }
            if (random.nextInt(100) < 15) {
                String allele = drug.equals("allopurinol") ? "*58:01" : "*57:01";
                genotypes.addObject().put("gene", "HLA-B").put("allele", allele)
                        .put("result", random.nextInt(100) < (risky ? 25 : 6) ? "positive" : "negative");
            }
        }
        if (random.nextInt(100) < 60) {
            ArrayNode biomarkers = r.putArray("biomarkers");
            biomarkers.addObject().put("name", "EGFR").put("result", random.nextBoolean() ? "positive" : "negative");
            biomarkers.addObject().put("name", "PD-L1").put("value", random.nextInt(100));
        }
        if (random.nextInt(100) < 40) {
            r.putArray("history").addObject().put("drug", random.nextBoolean() ? "tramadol" : "codeine")
                    .put("filledOn", "2026-0" + (5 + random.nextInt(5)) + "-01").put("daysSupply", 30);
        }
        return r;
    }
}
