// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.precisionformulary.content.DemoFormulary;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicGuideline;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.content.genotype.GenotypeInterpreter;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.json.ContractJson;
import org.precisionformulary.model.json.FormularyReader;

/**
 * A seeded, reproducible benchmark workload: a large formulary and a request mix against it.
 *
 * <p>The formulary holds the demo formulary's drugs and protocols, every CPIC drug (grouped into classes by
 * guideline), and synthetic drugs in classes with tiers, some behind biomarker prior authorization or step
 * therapy (some of it on CPIC drugs, so a genomic bypass can happen). Requests name members with
 * {@code genotypesPerRequest} genotype entries drawn from CPIC's own diplotype tables, one lookup key at a
 * time (phenotype-balanced rather than population frequencies, so every routing branch is exercised), and
 * mix CPIC and non-CPIC drugs, step therapy met, unmet or bypassable, prior authorization met, unmet or
 * missing, fill histories, and about 2 % bad requests. Request {@code i} depends only on the seed and
 * {@code i}, so any number can be streamed without holding them.
 */
public final class Workload {

    /** The last service date in the mix; requests fall in the 200 days before it. */
    public static final LocalDate LAST_SERVICE_DATE = LocalDate.of(2026, 6, 30);

    /** A clock the day after the last service date, so no generated request is in the future. */
    public static final Clock CLOCK = Clock.fixed(LAST_SERVICE_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
            ZoneOffset.UTC);

    /** The seed the benchmarks and the agreement test use. */
    public static final long DEFAULT_SEED = 20_261_124L;

    /** The formulary size the issue asks to measure at. */
    public static final int DEFAULT_DRUGS = 2_000;

    /** Genotype entries per member by default (the issue asks for 15 or more). */
    public static final int DEFAULT_GENOTYPES = 16;

    /**
     * Genes a member is tested for, most-cited first: a member with {@code k} genotypes carries the first
     * {@code k}. HLA genes carry a diplotype of two HLA alleles.
     */
    private static final List<Gene> GENE_ORDER = List.of(Gene.CYP2D6, Gene.CYP2C19, Gene.CYP2C9, Gene.SLCO1B1,
            Gene.HLA_B, Gene.TPMT, Gene.NUDT15, Gene.DPYD, Gene.UGT1A1, Gene.CYP3A5, Gene.CYP2B6, Gene.HLA_A,
            Gene.G6PD, Gene.VKORC1, Gene.CYP4F2, Gene.ABCG2, Gene.RYR1, Gene.CACNA1S, Gene.MT_RNR1, Gene.CFTR,
            Gene.IFNL3);

    /** The most genotype entries a member can carry: one per gene. */
    public static final int MAX_GENOTYPES = GENE_ORDER.size();

    private static final List<String> HLA_A_NEUTRAL = List.of("*01:01", "*02:01", "*03:01", "*11:01", "*24:02");
    private static final List<String> HLA_B_NEUTRAL = List.of("*07:02", "*08:01", "*35:01", "*44:02", "*51:01");
    private static final List<String> UNTABLED_CALLS = List.of("*1/*1", "*1/*3", "*3/*3");
    private static final List<String> UNLISTED_DRUGS = List.of("metoprolol", "lisinopril", "amlodipine",
            "metformin", "gabapentin", "sumatriptan", "levothyroxine", "losartan");
    private static final List<String> DIAGNOSES = List.of("I21.4", "I25.10", "I63.9", "G89.29", "E11.9", "Z95.5",
            "F32.9", "M10.9");
    private static final String[][] BIOMARKER_CRITERIA = {
        {"EGFR", "positive"}, {"ALK", "positive"}, {"ROS1", "positive"}, {"HER2", "positive"}, {"BRAF", "v600e"},
        {"KRAS", "g12c"}, {"NTRK", "fusion"}, {"RET", "fusion"}, {"MET", "exon14"}, {"MSI", "high"},
        {"BRCA1", "pathogenic"}, {"BRCA2", "pathogenic"}, {"PD-L1", "50"}, {"TMB", "10"}};
    private static final String[] SYLLABLES = {"al", "ben", "cor", "da", "el", "fen", "gal", "hex", "ir", "jo",
        "ka", "lor", "mo", "ne", "ox", "pra", "qui", "ri", "sa", "tel", "u", "ver", "xi", "zo"};
    private static final String[] STEMS = {"mab", "nib", "pril", "sartan", "olol", "vir", "statin", "azole",
        "tide", "parin", "oxetine", "dronate", "lukast", "gliptin", "setron"};

    private final long seed;
    private final int genotypesPerRequest;
    private final String formularyJson;
    private final Formulary formulary;
    private final List<String> cpicDrugs = new ArrayList<>();
    private final List<String> stepDrugs = new ArrayList<>();
    private final List<String> priorAuthDrugs = new ArrayList<>();
    private final List<String> syntheticDrugs = new ArrayList<>();
    private final List<String> rxnormIds = new ArrayList<>();
    private final List<String> allListed = new ArrayList<>();
    private final Map<Gene, List<List<String>>> diplotypeGroups = Diplotypes.GROUPS;
    private final Map<Gene, List<String>> hlaOfInterest = Diplotypes.HLA_OF_INTEREST;
    private final Map<String, List<String>> populationsByDrug = new HashMap<>();

    private Workload(long seed, int drugs, int genotypesPerRequest) {
        if (drugs < 1) {
            throw new IllegalArgumentException("drugs must be positive, not " + drugs);
        }
        if (genotypesPerRequest < 0 || genotypesPerRequest > MAX_GENOTYPES) {
            throw new IllegalArgumentException("genotypes per request must be 0 to " + MAX_GENOTYPES + ", not "
                    + genotypesPerRequest);
        }
        this.seed = seed;
        this.genotypesPerRequest = genotypesPerRequest;
        CpicData cpic = CpicData.builtIn();
        this.formularyJson = buildFormulary(cpic, drugs, new SplittableRandom(seed));
        this.formulary = FormularyReader.read(formularyJson, "generated formulary (seed " + seed + ")");
        for (FormularyDrug d : formulary.drugs()) {
            allListed.add(d.drug());
            if (d.rxnorm() != null) {
                rxnormIds.add(d.rxnorm());
            }
            if (d.stepTherapy() != null) {
                stepDrugs.add(d.drug());
            }
            if (d.priorAuth() != null) {
                priorAuthDrugs.add(d.drug());
            }
            if (!cpic.populations(d.drug()).isEmpty()) {
                cpicDrugs.add(d.drug());
                populationsByDrug.put(d.drug(), List.copyOf(cpic.populations(d.drug())));
            }
        }
    }

    /**
     * @param seed                the seed; the same seed, size and genotype count give the same workload
     * @param drugs               formulary size; at least the demo and CPIC drugs are always listed
     * @param genotypesPerRequest genotype entries per member, 0 to {@link #MAX_GENOTYPES}
     * @return the workload
     * @throws IllegalArgumentException when a size is out of range
     */
    public static Workload create(long seed, int drugs, int genotypesPerRequest) {
        return new Workload(seed, drugs, genotypesPerRequest);
    }

    /** @return the benchmark workload: default seed, 2,000 drugs, 16 genotypes per member; built once per JVM */
    public static Workload standard() {
        return Standard.INSTANCE;
    }

    /** Holds the standard workload, built on first use: every benchmark trial in one JVM shares it. */
    private static final class Standard {
        static final Workload INSTANCE = create(DEFAULT_SEED, DEFAULT_DRUGS, DEFAULT_GENOTYPES);

        private Standard() {
        }
    }

    /** @return the formulary document (contract §3) */
    public String formularyJson() {
        return formularyJson;
    }

    /** @return the formulary, read from {@link #formularyJson()} */
    public Formulary formulary() {
        return formulary;
    }

    /**
     * @param count how many requests
     * @return requests {@code 0..count-1}, one JSON object each
     */
    public List<String> requests(int count) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(request(i));
        }
        return out;
    }

    /**
     * @param index the request's position in the mix
     * @return the request as one line of JSON (contract §1)
     */
    public String request(long index) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 1);
        ObjectMapper mapper = ContractJson.mapper();
        ObjectNode req = mapper.createObjectNode();
        String requestId = "B-" + seed + "-" + index;
        req.put("requestId", requestId);
        LocalDate serviceDate = LAST_SERVICE_DATE.minusDays(r.nextInt(200));
        req.put("serviceDate", serviceDate.toString());
        ObjectNode member = req.putObject("member");
        member.put("id", "M-" + r.nextInt(1_000_000));
        member.put("planId", "BENCH");
        member.put("birthDate", serviceDate.minusYears(5 + r.nextInt(86)).minusDays(r.nextInt(365)).toString());
        int category = r.nextInt(1000);
        String drug;
        ArrayNode history = mapper.createArrayNode();
        ArrayNode biomarkers = mapper.createArrayNode();
        if (category < 50) {
            drug = pick(r, UNLISTED_DRUGS);
        } else if (category < 430) {
            drug = pick(r, cpicDrugs);
        } else if (category < 550) {
            drug = pick(r, stepDrugs);
            stepHistory(r, formulary.find(drug).orElseThrow(), serviceDate, history);
        } else if (category < 650) {
            drug = pick(r, priorAuthDrugs);
            priorAuthBiomarkers(r, formulary.find(drug).orElseThrow(), biomarkers);
        } else {
            // A formulary too small for synthetic drugs holds only demo and CPIC drugs.
            drug = pick(r, syntheticDrugs.isEmpty() ? allListed : syntheticDrugs);
        }
        ObjectNode drugNode = req.putObject("drug");
        if (category >= 50 && category < 70 && !rxnormIds.isEmpty()) {
            drugNode.put("rxnorm", pick(r, rxnormIds));
        } else {
            drugNode.put("name", drug);
        }
        List<String> populations = populationsByDrug.getOrDefault(drug, List.of());
        if (populations.size() > 1 && r.nextInt(4) == 0) {
            req.put("indication", pick(r, populations));
        }
        if (r.nextInt(10) < 3) {
            req.putArray("diagnoses").add(pick(r, DIAGNOSES));
        }
        req.set("genotypes", genotypes(r, mapper));
        for (int n = r.nextInt(4); n > 0; n--) {
            fill(history, pick(r, allListed), serviceDate.minusDays(1 + r.nextInt(400)), 30);
        }
        if (r.nextInt(10) == 0) {
            String[] c = BIOMARKER_CRITERIA[r.nextInt(BIOMARKER_CRITERIA.length)];
            biomarkers.addObject().put("name", c[0]).put("result", "negative");
        }
        if (!biomarkers.isEmpty()) {
            req.set("biomarkers", biomarkers);
        }
        if (!history.isEmpty()) {
            req.set("history", history);
        }
        if (category >= 980) {
            return spoil(r, req, serviceDate, mapper);
        }
        return write(mapper, req);
    }

    private ArrayNode genotypes(SplittableRandom r, ObjectMapper mapper) {
        ArrayNode entries = mapper.createArrayNode();
        for (Gene gene : GENE_ORDER.subList(0, genotypesPerRequest)) {
            ObjectNode entry = entries.addObject().put("gene", gene.symbol());
            if (gene.kind() == Gene.Kind.ALLELE_POSITIVITY) {
                entry.put("diplotype", hlaAllele(r, gene) + "/" + hlaAllele(r, gene));
            } else if (diplotypeGroups.get(gene).isEmpty()) {
                // No CPIC diplotype table (VKORC1, CYP4F2, IFNL3): the call is carried, not interpreted.
                entry.put("diplotype", pick(r, UNTABLED_CALLS));
            } else {
                entry.put("diplotype", pick(r, pick(r, diplotypeGroups.get(gene))));
            }
        }
        return entries;
    }

    private String hlaAllele(SplittableRandom r, Gene gene) {
        List<String> ofInterest = hlaOfInterest.getOrDefault(gene, List.of());
        if (!ofInterest.isEmpty() && r.nextInt(100) < 12) {
            return pick(r, ofInterest);
        }
        return pick(r, gene == Gene.HLA_A ? HLA_A_NEUTRAL : HLA_B_NEUTRAL);
    }

    /** Step therapy met (a fill inside the look-back), missed (a fill before it) or not tried at all. */
    private static void stepHistory(SplittableRandom r, FormularyDrug drug, LocalDate serviceDate, ArrayNode history) {
        int lookback = drug.stepTherapy().lookbackDays() != null ? drug.stepTherapy().lookbackDays() : 180;
        String step = pick(r, drug.stepTherapy().anyOf());
        int roll = r.nextInt(100);
        if (roll < 35) {
            fill(history, step, serviceDate.minusDays(r.nextInt(lookback + 1)), 30);
        } else if (roll < 50) {
            fill(history, step, serviceDate.minusDays(lookback + 1 + r.nextInt(200)), 30);
        }
    }

    /** Biomarkers that meet a criterion, miss it (another result, a value below the bar), or none on file. */
    private static void priorAuthBiomarkers(SplittableRandom r, FormularyDrug drug, ArrayNode biomarkers) {
        var criterion = drug.priorAuth().anyOf().get(r.nextInt(drug.priorAuth().anyOf().size()));
        int roll = r.nextInt(100);
        if (roll < 45) {
            ObjectNode m = biomarkers.addObject().put("name", criterion.biomarker());
            if (criterion.result() != null) {
                m.put("result", criterion.result());
            }
            if (criterion.min() != null) {
                m.put("value", criterion.min() + r.nextInt(40));
            }
        } else if (roll < 70) {
            ObjectNode m = biomarkers.addObject().put("name", criterion.biomarker());
            if (criterion.min() != null) {
                m.put("value", Math.max(0, criterion.min() - 1 - r.nextInt(20)));
            } else {
                m.put("result", "negative");
            }
        }
    }

    private static void fill(ArrayNode history, String drug, LocalDate date, int daysSupply) {
        history.addObject().put("drug", drug).put("filledOn", date.toString()).put("daysSupply", daysSupply);
    }

    /** One of the ways a request is bad in practice; each must come back for a pharmacist's review. */
    private static String spoil(SplittableRandom r, ObjectNode req, LocalDate serviceDate, ObjectMapper mapper) {
        switch (r.nextInt(6)) {
            case 0:
                String text = write(mapper, req);
                return text.substring(0, text.length() / 2);
            case 1:
                ((ArrayNode) req.get("genotypes")).addObject().put("gene", "CYP2C19").put("diplotype", "*1/*99");
                break;
            case 2:
                ((ObjectNode) req.get("member")).remove("id");
                break;
            case 3:
                ArrayNode history = req.has("history") ? (ArrayNode) req.get("history") : req.putArray("history");
                fill(history, "codeine", serviceDate.plusDays(3), 30);
                break;
            case 4:
                ((ArrayNode) req.get("genotypes")).addObject().put("gene", "CYP9Z9").put("diplotype", "*1/*1");
                break;
            default:
                ArrayNode g = (ArrayNode) req.get("genotypes");
                g.addObject().put("gene", "CYP2D6").put("diplotype", "*4/*4");
                g.addObject().put("gene", "CYP2D6").put("diplotype", "*1/*1");
                break;
        }
        return write(mapper, req);
    }

    private String buildFormulary(CpicData cpic, int size, SplittableRandom r) {
        ObjectMapper mapper = ContractJson.mapper();
        Formulary demo = DemoFormulary.load();
        Map<String, ObjectNode> drugs = new LinkedHashMap<>();
        Map<String, List<String>> classes = new LinkedHashMap<>();
        Map<String, Integer> tiers = new HashMap<>();
        for (FormularyDrug d : demo.drugs()) {
            drugs.put(d.drug(), mapper.valueToTree(d));
            classes.computeIfAbsent(d.drugClass(), c -> new ArrayList<>()).add(d.drug());
            tiers.put(d.drug(), d.tier());
        }
        Set<String> cpicClasses = new LinkedHashSet<>();
        classes.forEach((c, members) -> {
            if (members.stream().anyMatch(m -> !cpic.populations(m).isEmpty())) {
                cpicClasses.add(c);
            }
        });
        // Every CPIC drug, in a class per guideline (CPIC guidelines mostly cover one therapeutic class).
        Set<String> cpicNames = new TreeSet<>();
        cpic.recommendations().forEach(rec -> cpicNames.add(rec.drug()));
        for (String name : cpicNames) {
            if (drugs.containsKey(name)) {
                continue;
            }
            String drugClass = "pgx-" + guidelineSlug(cpic, name);
            int tier = 1 + r.nextInt(4);
            ObjectNode node = mapper.createObjectNode().put("drug", name).put("tier", tier).put("class", drugClass);
            drugs.put(name, node);
            classes.computeIfAbsent(drugClass, c -> new ArrayList<>()).add(name);
            tiers.put(name, tier);
            cpicClasses.add(drugClass);
        }
        // Within a guideline class, the dearest drug often waits for the cheapest: a step a genotype may waive.
        for (String drugClass : cpicClasses) {
            List<String> members = classes.get(drugClass);
            int min = members.stream().mapToInt(tiers::get).min().orElse(1);
            // The demo plan's protocols stay as they are.
            String dearest = members.stream().filter(m -> demo.find(m).isEmpty())
                    .max((a, b) -> Integer.compare(tiers.get(a), tiers.get(b))).orElse(null);
            ObjectNode node = dearest == null ? null : drugs.get(dearest);
            if (node != null && tiers.get(dearest) > min && !node.has("stepTherapy") && r.nextBoolean()) {
                List<String> steps = members.stream().filter(m -> tiers.get(m) == min).limit(2).toList();
                stepTherapy(node, steps, r);
            }
        }
        Set<String> taken = new HashSet<>(drugs.keySet());
        taken.addAll(UNLISTED_DRUGS);
        List<String> cpicClassList = new ArrayList<>(cpicClasses);
        int synthetic = Math.max(0, size - drugs.size());
        int joined = synthetic / 4;
        for (int i = 0; i < joined; i++) {
            // A newer, dearer drug joins a CPIC class; half of them must wait for a CPIC drug of the class.
            String drugClass = pick(r, cpicClassList);
            List<String> members = classes.get(drugClass);
            int min = members.stream().mapToInt(tiers::get).min().orElse(1);
            String name = newName(r, taken);
            int tier = Math.min(10, min + 1 + r.nextInt(3));
            ObjectNode node = mapper.createObjectNode().put("drug", name).put("tier", tier).put("class", drugClass);
            List<String> cpicSteps = members.stream().filter(m -> !cpic.populations(m).isEmpty()
                    && tiers.get(m) < tier).limit(2).toList();
            if (!cpicSteps.isEmpty() && r.nextBoolean()) {
                stepTherapy(node, cpicSteps, r);
            }
            drugs.put(name, node);
            members.add(name);
            tiers.put(name, tier);
            syntheticDrugs.add(name);
        }
        int classNumber = 0;
        while (drugs.size() < size) {
            String drugClass = String.format(Locale.ROOT, "syn-class-%03d", ++classNumber);
            List<String> members = new ArrayList<>();
            for (int n = 4 + r.nextInt(9); n > 0 && drugs.size() < size; n--) {
                String name = newName(r, taken);
                int tier = 1 + r.nextInt(6);
                ObjectNode node = mapper.createObjectNode().put("drug", name).put("tier", tier).put("class", drugClass);
                int roll = r.nextInt(100);
                List<String> cheaper = members.stream().filter(m -> tiers.get(m) < tier).limit(2).toList();
                if (roll < 10) {
                    priorAuth(node, r);
                } else if (roll < 25 && !cheaper.isEmpty()) {
                    stepTherapy(node, cheaper, r);
                }
                drugs.put(name, node);
                members.add(name);
                tiers.put(name, tier);
                syntheticDrugs.add(name);
            }
        }
        ObjectNode doc = mapper.createObjectNode();
        doc.put("formularyId", "BENCH-" + seed + "-" + size);
        doc.set("policy", mapper.valueToTree(demo.policy()));
        ArrayNode list = doc.putArray("drugs");
        drugs.values().forEach(list::add);
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stepTherapy(ObjectNode node, List<String> steps, SplittableRandom r) {
        ObjectNode st = node.putObject("stepTherapy");
        ArrayNode anyOf = st.putArray("anyOf");
        steps.forEach(anyOf::add);
        if (r.nextBoolean()) {
            st.put("lookbackDays", new int[] {90, 180, 365}[r.nextInt(3)]);
        }
    }

    private static void priorAuth(ObjectNode node, SplittableRandom r) {
        ArrayNode anyOf = node.putObject("priorAuth").putArray("anyOf");
        for (int n = 1 + r.nextInt(2); n > 0; n--) {
            String[] c = BIOMARKER_CRITERIA[r.nextInt(BIOMARKER_CRITERIA.length)];
            ObjectNode criterion = anyOf.addObject().put("biomarker", c[0]);
            if (Character.isDigit(c[1].charAt(0))) {
                criterion.put("min", Integer.parseInt(c[1]));
            } else {
                criterion.put("result", c[1]);
            }
        }
    }

    private static String guidelineSlug(CpicData cpic, String drug) {
        for (CpicGuideline g : cpic.guidelines()) {
            if (g.drugs().contains(drug)) {
                String slug = g.genes().isEmpty() ? g.guidelineId() : String.join("-", g.genes());
                return (g.drugs().get(0) + "-" + slug).toLowerCase(Locale.ROOT);
            }
        }
        return drug;
    }

    private static String newName(SplittableRandom r, Set<String> taken) {
        StringBuilder name = new StringBuilder(SYLLABLES[r.nextInt(SYLLABLES.length)])
                .append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        String stem = STEMS[r.nextInt(STEMS.length)];
        while (!taken.add(name + stem)) {
            name.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        return name + stem;
    }

    private static boolean calls(GenotypeInterpreter interpreter, Gene gene, String diplotype) {
        try {
            interpreter.callDiplotype(gene, diplotype);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static String write(ObjectMapper mapper, ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * CPIC's diplotypes by gene and lookup key, and the HLA alleles CPIC keys on: read and checked once per
     * JVM (checking every diplotype against the interpreter takes seconds), shared by every workload.
     */
    private static final class Diplotypes {
        static final Map<Gene, List<List<String>>> GROUPS = new EnumMap<>(Gene.class);
        static final Map<Gene, List<String>> HLA_OF_INTEREST = new EnumMap<>(Gene.class);

        static {
            CpicData cpic = CpicData.builtIn();
            GenotypeInterpreter interpreter = new GenotypeInterpreter(cpic);
            for (Gene gene : GENE_ORDER) {
                List<List<String>> groups = new ArrayList<>();
                for (List<String> group : CpicTables.diplotypesByLookupKey(gene).values()) {
                    // Keep only what the interpreter calls, so a generated member is never a bad request by accident.
                    List<String> callable = group.stream().filter(d -> calls(interpreter, gene, d)).toList();
                    if (!callable.isEmpty()) {
                        groups.add(callable);
                    }
                }
                GROUPS.put(gene, List.copyOf(groups));
            }
            for (CpicRecommendation r : cpic.recommendations()) {
                r.lookupKey().forEach((symbol, value) -> {
                    Gene gene = Gene.of(symbol);
                    if (gene.kind() == Gene.Kind.ALLELE_POSITIVITY && !value.equals(GeneResult.NO_RESULT)) {
                        List<String> alleles = HLA_OF_INTEREST.computeIfAbsent(gene, g -> new ArrayList<>());
                        String allele = value.substring(0, value.indexOf(' '));
                        if (!alleles.contains(allele)) {
                            alleles.add(allele);
                        }
                    }
                });
            }
        }

        private Diplotypes() {
        }
    }
}
