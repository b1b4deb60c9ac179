// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content.genotype;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.precisionformulary.content.BoundedCache;
import org.precisionformulary.content.CacheStats;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.content.cpic.CpicRecommendation;
import org.precisionformulary.content.cpic.GeneTable;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.genotype.AlleleResult;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GeneResult;
import org.precisionformulary.model.genotype.GenotypeInput;

/**
 * Turns genotype entries into CPIC gene results with CPIC's own tables: a diplotype is looked up in the
 * gene's diplotype table (either allele order; copy numbers such as {@code *1x2} and {@code *2x≥3}),
 * an activity score is checked against the scores CPIC defines, a phenotype against the phenotypes the
 * gene's table uses, and an HLA allele result becomes a {@code *57:01 positive} style key. Nothing is
 * guessed: an allele the table does not have, an impossible copy number or two entries that disagree
 * become errors naming the field.
 */
public final class GenotypeInterpreter {

    private static final Pattern COPY_NUMBER = Pattern.compile("^(\\*[0-9A-Za-z]+)x(≥|>=)?([0-9]+|N|n)$");
    private static final Pattern SUB_ALLELE = Pattern.compile("^(\\*[0-9]+)\\.[0-9]+$");
    private static final Pattern HLA_ALLELE = Pattern.compile("^(?:HLA-)?(?:[AB])?\\*?([0-9]{2,3}):([0-9]{2,3})(?::[0-9]{2,3})*[A-Z]?$");

    /**
     * The most copies of a gene a result may give one chromosome: 13, the most reported for CYP2D6, the gene CPIC
     * lists copy numbers for (individuals with 1 to 5 and with 13 genes in tandem: Lundqvist et al. 1999, PMID
     * 9931507; the amplification was first found in a family with ultrarapid metabolism, Johansson et al. 1993,
     * PNAS 90:11825). Clinical assays seldom count past 4 and CPIC's table stops at x≥3, which every count from 3
     * up reads as, so the bound changes no call: it refuses counts no one has been found to carry (a slip such as
     * x99) without refusing a rare real result such as x5.
     */
    static final int MAX_COPIES = 13;

    /**
     * The system property that sizes the reading cache of interpreters made with {@link #GenotypeInterpreter(CpicData)}:
     * how many distinct entries' readings they keep ({@value #DEFAULT_READING_CACHE_SIZE} when not set).
     */
    public static final String READING_CACHE_SIZE_PROPERTY = "precisionformulary.genotypeReadingCache.maximumSize";

    /** Readings kept by default. */
    public static final long DEFAULT_READING_CACHE_SIZE = 50_000;

    private final CpicData data;
    private final Map<Gene, Set<String>> hlaAllelesOfInterest = new EnumMap<>(Gene.class);
    /**
     * What each distinct entry was read as. An entry's reading depends on nothing but its text and the CPIC
     * tables, which an interpreter never sees change, and members share a few common calls per gene: parsing
     * and looking up {@code *1/*4} once is enough. Bounded, and still admitting once full: a batch of more
     * distinct entries than it holds keeps the ones in use.
     */
    private final BoundedCache<CallKey, Call> remembered;

    /**
     * An interpreter whose reading cache is sized by the system property {@value #READING_CACHE_SIZE_PROPERTY}.
     *
     * @param data the CPIC tables to interpret with
     * @throws IllegalArgumentException naming the property, when it is set to anything but a whole number, 0 or more
     */
    public GenotypeInterpreter(CpicData data) {
        this(data, BoundedCache.maximumSizeFromProperty(READING_CACHE_SIZE_PROPERTY, DEFAULT_READING_CACHE_SIZE));
    }

    /**
     * @param data              the CPIC tables to interpret with
     * @param readingCacheSize  how many distinct entries' readings to keep; 0 keeps none
     * @throws IllegalArgumentException when readingCacheSize is negative
     * @throws NullPointerException     when data is {@code null}
     */
    public GenotypeInterpreter(CpicData data, long readingCacheSize) {
        this.data = Objects.requireNonNull(data, "data");
        this.remembered = new BoundedCache<>(readingCacheSize);
        for (CpicRecommendation r : data.recommendations()) {
            r.lookupKey().forEach((symbol, value) -> {
                Gene gene = Gene.of(symbol);
                if (gene.kind() == Gene.Kind.ALLELE_POSITIVITY && !value.equals(GeneResult.NO_RESULT)) {
                    hlaAllelesOfInterest.computeIfAbsent(gene, g -> new TreeSet<>()).add(value.substring(0, value.indexOf(' ')));
                }
            });
        }
    }

    /**
     * @param entries the request's genotype entries, in request order
     * @return results, errors (naming {@code genotypes[i].field}) and notes; never throws for bad input
     */
    public GenotypeInterpretation interpret(List<GenotypeInput> entries) {
        List<FieldError> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, GeneResult> results = new LinkedHashMap<>();
        Map<String, Integer> sourceIndex = new LinkedHashMap<>();
        Set<Gene> tested = EnumSet.noneOf(Gene.class);
        for (int i = 0; i < entries.size(); i++) {
            GenotypeInput entry = entries.get(i);
            String path = "genotypes[" + i + "]";
            Call call = call(entry);
            tested.add(entry.gene());
            notes.addAll(call.notes());
            if (call.rejectedField() != null) {
                errors.add(new FieldError(path + "." + call.rejectedField(), call.rejection()));
                continue;
            }
            List<GeneResult> interpreted = call.results();
            for (GeneResult result : interpreted) {
                // HLA results are per allele; every other gene has one result.
                String slot = result.gene().kind() == Gene.Kind.ALLELE_POSITIVITY && result.lookupKey() != null
                        ? result.gene() + " " + result.lookupKey().substring(0, result.lookupKey().indexOf(' '))
                        : result.gene().symbol();
                GeneResult earlier = results.get(slot);
                if (earlier == null) {
                    results.put(slot, result);
                    sourceIndex.put(slot, i);
                } else if (agrees(earlier, result)) {
                    // The same call, perhaps one entry more specific (a diplotype pins the score a phenotype
                    // alone cannot): keep the more specific one.
                    if (earlier.lookupKey() == null && result.lookupKey() != null) {
                        results.put(slot, result);
                    }
                } else {
                    errors.add(new FieldError(path, "conflicts with genotypes[" + sourceIndex.get(slot) + "]: "
                            + result.gene() + " cannot be both " + earlier.display() + " and " + result.display()));
                }
            }
        }
        List<GeneResult> all = new ArrayList<>(results.values());
        for (Gene gene : Gene.values()) {
            if (!tested.contains(gene)) {
                all.add(GeneResult.untested(gene));
            }
        }
        return new GenotypeInterpretation(all, errors, notes);
    }

    private Call call(GenotypeInput entry) {
        CallKey key = new CallKey(entry.gene(), entry.diplotype(), entry.phenotype(), entry.activityScore(),
                entry.allele(), entry.result());
        Call call = remembered.get(key);
        if (call == null) {
            List<String> notes = new ArrayList<>(0);
            try {
                call = new Call(List.copyOf(interpretOne(entry, notes)), List.copyOf(notes), null, null);
            } catch (Rejected e) {
                call = new Call(List.of(), List.copyOf(notes), e.field, e.getMessage());
            }
            remembered.put(key, call);
        }
        return call;
    }

    /**
     * @return how the reading cache has done: a hit is an entry read before (by text, the source and report
     *         date aside), a miss one parsed and looked up afresh
     */
    public CacheStats readingCacheStats() {
        return remembered.stats();
    }

    /** What an entry's reading depends on: everything in it but where and when it was reported. */
    private record CallKey(Gene gene, String diplotype, String phenotype, String activityScore, String allele,
                           AlleleResult result) {
    }

    /** One entry's reading: its results and notes, or the field it was rejected on and why. */
    private record Call(List<GeneResult> results, List<String> notes, String rejectedField, String rejection) {
    }

    private static boolean agrees(GeneResult a, GeneResult b) {
        return a.phenotype().equals(b.phenotype())
                && (a.lookupKey() == null || b.lookupKey() == null || a.lookupKey().equals(b.lookupKey()));
    }

    private List<GeneResult> interpretOne(GenotypeInput entry, List<String> notes) {
        Gene gene = entry.gene();
        if (entry.diplotype() != null) {
            return gene.kind() == Gene.Kind.ALLELE_POSITIVITY
                    ? hlaFromDiplotype(gene, entry.diplotype())
                    : List.of(fromDiplotype(gene, entry.diplotype()));
        }
        if (entry.activityScore() != null) {
            return List.of(fromActivityScore(gene, entry.activityScore()));
        }
        if (entry.phenotype() != null) {
            return List.of(fromPhenotype(gene, entry.phenotype(), notes));
        }
        return List.of(fromAllele(gene, entry.allele(), entry.result()));
    }

    /**
     * Reads one diplotype in CPIC notation.
     *
     * @param gene      a gene with a diplotype table
     * @param diplotype e.g. {@code *1/*4}, {@code CYP2D6*3/CYP2D6*4}, {@code *1/*2x>=3}, {@code c.1905+1G>A/Reference}
     *                  (DPYD alleles by variant, star name or CPIC's combined name)
     * @return CPIC's call; for an HLA gene, the first allele CPIC keys on (use {@link #interpret} for all of them)
     * @throws IllegalArgumentException when the diplotype cannot be read; the message says why
     */
    public GeneResult callDiplotype(Gene gene, String diplotype) {
        try {
            return gene.kind() == Gene.Kind.ALLELE_POSITIVITY
                    ? hlaFromDiplotype(gene, diplotype).get(0) : fromDiplotype(gene, diplotype);
        } catch (Rejected e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private GeneResult fromDiplotype(Gene gene, String raw) {
        GeneTable table = data.geneTable(gene).filter(GeneTable::hasDiplotypes).orElse(null);
        String text = raw.trim().replace(">=", "≥");
        if (table == null) {
            // CPIC has no diplotype table for this gene (CYP4F2, VKORC1, IFNL3): keep the call, key nothing.
            return new GeneResult(gene, GeneResult.NOT_INTERPRETED, null, null, text, true);
        }
        List<String> unknown = new ArrayList<>();
        // Try every '/' as the separator: a G6PD allele (Telti/Kobe) contains one.
        List<Integer> slashes = new ArrayList<>();
        for (int i = text.indexOf('/'); i >= 0; i = text.indexOf('/', i + 1)) {
            slashes.add(i);
        }
        if (!slashes.isEmpty() && table.hasAllele(text) && table.call(text, null).isPresent()) {
            return result(gene, table.call(text, null).get());
        }
        if (slashes.isEmpty()) {
            String allele = allele(gene, table, text, unknown);
            if (allele != null) {
                Optional<GeneTable.DiplotypeCall> call = table.call(allele, null);
                if (call.isPresent()) {
                    return result(gene, call.get());
                }
                throw new Rejected("diplotype", gene + " results are two alleles written A/B; '" + raw
                        + "' is a single allele, which CPIC only defines for hemizygous or mitochondrial results");
            }
        }
        for (int slash : slashes) {
            List<String> missing = new ArrayList<>();
            String a1 = allele(gene, table, text.substring(0, slash).trim(), missing);
            String a2 = allele(gene, table, text.substring(slash + 1).trim(), missing);
            if (a1 != null && a2 != null) {
                Optional<GeneTable.DiplotypeCall> call = table.call(a1, a2);
                if (call.isPresent()) {
                    return result(gene, call.get());
                }
                throw new Rejected("diplotype", "CPIC's " + gene + " table has no call for " + a1 + "/" + a2);
            }
            if (unknown.isEmpty()) {
                unknown.addAll(missing);
            }
        }
        if (unknown.isEmpty()) {
            unknown.add(text);
        }
        throw new Rejected("diplotype", unknown.get(0).startsWith("!")
                ? unknown.get(0).substring(1)
                : "'" + unknown.get(0) + "' is not a " + gene + " allele in CPIC's table");
    }

    /** Normalises one allele to CPIC's spelling, or records why it cannot be (a leading '!' marks a full message). */
    private static String allele(Gene gene, GeneTable table, String raw, List<String> unknown) {
        String a = raw.trim();
        String prefix = gene.symbol();
        if (a.regionMatches(true, 0, prefix, 0, prefix.length())) {
            a = a.substring(prefix.length()).trim();
        }
        Optional<String> known = table.canonicalAllele(a);
        if (known.isPresent()) {
            return known.get();
        }
        Matcher sub = SUB_ALLELE.matcher(a);
        if (sub.matches() && table.hasAllele(sub.group(1))) {
            return sub.group(1);
        }
        Matcher cn = COPY_NUMBER.matcher(a);
        if (cn.matches()) {
            String base = cn.group(1);
            String count = cn.group(3);
            if (count.equalsIgnoreCase("N")) {
                unknown.add("!'" + raw + "': xN is not a valid copy number; give x2 or x≥3 (the choice changes the activity score)");
                return null;
            }
            String digits = count.replaceFirst("^0+(?=[0-9])", "");
            int copies = digits.length() > 2 ? Integer.MAX_VALUE : Integer.parseInt(digits);
            if (copies > MAX_COPIES) {
                unknown.add("!'" + raw + "': a copy number of " + count + " is implausible; no one has been found with"
                        + " more than " + MAX_COPIES + " copies on one chromosome (write three or more as x≥3)");
                return null;
            }
            if (copies < 2) {
                unknown.add("!'" + raw + "': a copy number is 2 or more; " + copies + " is impossible");
                return null;
            }
            if (cn.group(2) == null && table.hasAllele(base + "x" + copies)) {
                return base + "x" + copies;
            }
            if (copies >= 3 && table.hasAllele(base + "x≥3")) {
                return base + "x≥3";
            }
            if (table.hasAllele(base)) {
                unknown.add("!'" + raw + "': CPIC's " + gene + " table has no " + copies + "-copy form of " + base);
                return null;
            }
        }
        unknown.add(raw);
        return null;
    }

    private static GeneResult result(Gene gene, GeneTable.DiplotypeCall call) {
        return new GeneResult(gene, call.phenotype(), call.activityScore(), call.lookupKey(), call.diplotype(), true);
    }

    private List<GeneResult> hlaFromDiplotype(Gene gene, String raw) {
        String[] parts = raw.trim().split("/");
        if (parts.length != 2) {
            throw new Rejected("diplotype", gene + " diplotypes are two alleles written A/B, e.g. *57:01/*08:01");
        }
        Set<String> present = new TreeSet<>();
        for (String part : parts) {
            present.add(hlaAllele(gene, part, "diplotype"));
        }
        List<GeneResult> out = new ArrayList<>();
        for (String allele : hlaAllelesOfInterest.getOrDefault(gene, Set.of())) {
            AlleleResult r = present.contains(allele) ? AlleleResult.POSITIVE : AlleleResult.NEGATIVE;
            out.add(hla(gene, allele, r, String.join("/", present)));
        }
        if (out.isEmpty()) {
            out.add(new GeneResult(gene, GeneResult.NOT_INTERPRETED, null, null, String.join("/", present), true));
        }
        return out;
    }

    private static String hlaAllele(Gene gene, String raw, String field) {
        String a = raw.trim().toUpperCase(Locale.ROOT);
        if (a.startsWith(gene.symbol())) {
            a = a.substring(gene.symbol().length());
        }
        Matcher m = HLA_ALLELE.matcher(a);
        if (!m.matches()) {
            throw new Rejected(field, "'" + raw + "' is not an " + gene + " allele in HLA notation, e.g. *57:01");
        }
        // Two fields (the protein) are what CPIC keys on; further fields are synonymous or non-coding.
        return "*" + m.group(1) + ":" + m.group(2);
    }

    private static GeneResult hla(Gene gene, String allele, AlleleResult result, String diplotype) {
        String key = allele + " " + result.label();
        return new GeneResult(gene, key, null, key, diplotype, true);
    }

    private GeneResult fromAllele(Gene gene, String allele, AlleleResult result) {
        if (gene.kind() != Gene.Kind.ALLELE_POSITIVITY) {
            throw new Rejected("allele", "allele with result is for single-allele tests such as HLA-B*57:01; give "
                    + gene + " as a diplotype, phenotype" + (gene.kind() == Gene.Kind.ACTIVITY_SCORE ? " or activity score" : ""));
        }
        return hla(gene, hlaAllele(gene, allele, "allele"), result, null);
    }

    private GeneResult fromActivityScore(Gene gene, String raw) {
        if (gene.kind() != Gene.Kind.ACTIVITY_SCORE) {
            throw new Rejected("activityScore", gene + " has no activity score in CPIC; activity scores are for CYP2D6, CYP2C9 and DPYD");
        }
        Map<String, String> known = data.activityScorePhenotypes(gene);
        String score = normaliseScore(raw);
        if (score == null || !known.containsKey(score)) {
            throw new Rejected("activityScore", "'" + raw + "' is not a " + gene + " activity score CPIC defines; "
                    + "CPIC's are " + String.join(", ", known.keySet()));
        }
        return new GeneResult(gene, known.get(score), score, score, null, true);
    }

    /**
     * Writes an activity score as CPIC's tables do: at least one decimal, {@code ≥} for "or more", {@code n/a}.
     *
     * @param raw e.g. {@code 1}, {@code 1.25}, {@code >=3}, {@code ≥3.0}, {@code N/A}
     * @return the normalised score, or {@code null} when it is not a number
     */
    public static String normaliseScore(String raw) {
        String s = raw.trim();
        if (s.equalsIgnoreCase("n/a")) {
            return "n/a";
        }
        String prefix = "";
        if (s.startsWith(">=") || s.startsWith("≥")) {
            prefix = "≥";
            s = s.substring(s.startsWith(">=") ? 2 : 1).trim();
        }
        try {
            // CPIC's scores are small, with at most two decimals; anything far outside that is not a score, and
            // must not be written out digit by digit (1e9999999 would be ten million of them).
            if (s.length() > 32) {
                return null;
            }
            BigDecimal value = new BigDecimal(s).stripTrailingZeros();
            if (value.signum() < 0 || value.scale() > 6 || value.precision() - value.scale() > 6) {
                return null;
            }
            String plain = value.scale() < 1 ? value.setScale(1).toPlainString() : value.toPlainString();
            return prefix + plain;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private GeneResult fromPhenotype(Gene gene, String raw, List<String> notes) {
        String text = raw.trim();
        if (text.equalsIgnoreCase(GeneResult.NO_RESULT)) {
            notes.add(gene + " was reported as not called (No Result): treated as untested, not as normal.");
            return GeneResult.untested(gene);
        }
        if (gene.kind() == Gene.Kind.ALLELE_POSITIVITY) {
            // Outside calls write HLA results as "*57:01 positive".
            String[] parts = text.split("\\s+");
            if (parts.length == 2 && (parts[1].equalsIgnoreCase("positive") || parts[1].equalsIgnoreCase("negative"))) {
                return hla(gene, hlaAllele(gene, parts[0], "phenotype"), AlleleResult.of(parts[1]), null);
            }
            throw new Rejected("phenotype", gene + " results are an allele and a result, e.g. '*57:01 positive'");
        }
        GeneTable table = data.geneTable(gene).filter(GeneTable::hasDiplotypes).orElse(null);
        if (table == null) {
            return new GeneResult(gene, text, null, null, null, true);
        }
        String phenotype = table.canonicalPhenotype(text).orElseThrow(() -> new Rejected("phenotype",
                "'" + raw + "' is not a " + gene + " phenotype CPIC uses"));
        if (gene.kind() != Gene.Kind.ACTIVITY_SCORE) {
            return new GeneResult(gene, phenotype, null, phenotype, null, true);
        }
        Set<String> scores = table.activityScores(phenotype);
        if (phenotype.equals("Indeterminate")) {
            return new GeneResult(gene, phenotype, "n/a", "n/a", null, true);
        }
        if (scores.size() == 1) {
            String score = scores.iterator().next();
            return new GeneResult(gene, phenotype, score, score, null, true);
        }
        // CPIC keys these genes by score; several scores share this phenotype and their advice differs.
        notes.add(gene + " was reported as a phenotype only; CPIC's " + gene + " recommendations depend on the "
                + "activity score (" + String.join(", ", scores) + " all give " + phenotype
                + "), so no " + gene + " recommendation can be chosen. Send the diplotype or activity score.");
        return new GeneResult(gene, phenotype, null, null, null, true);
    }

    /** An entry that cannot be interpreted; {@code field} is relative to the entry. */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        Rejected(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}
