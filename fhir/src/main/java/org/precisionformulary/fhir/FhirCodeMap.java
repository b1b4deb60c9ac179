// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.precisionformulary.model.genotype.AlleleResult;
import org.precisionformulary.model.genotype.Gene;

/**
 * The codes FHIR genomics resources are read by: which {@code Observation.code} marks a genotype, a
 * therapeutic implication, a phenotype or a single-allele test; which component codes name the gene and the
 * metabolizer phenotype; which answer codes mean which CPIC phenotype or allele result; which gene ids are
 * which genes. It is data, not code, because some of these codes are disputed: a plan or a lab replaces the
 * built-in table ({@code code-map.tsv} in this package; columns in {@code docs/integration.md}) with its own.
 * Immutable and thread-safe.
 */
public final class FhirCodeMap {

    private static final String RESOURCE = "code-map.tsv";
    private static final String HEADER = "kind\tsystem\tcode\tvalue\tsource";

    /** What a code means to the mapper; the TSV's {@code kind} column. */
    enum Kind {
        GENOTYPE("genotype"),
        THERAPEUTIC_IMPLICATION("therapeutic-implication"),
        PHENOTYPE("phenotype"),
        ALLELE_TEST("allele-test"),
        GENE_STUDIED("gene-studied"),
        METABOLIZER_EFFECT("metabolizer-effect"),
        PHENOTYPE_ANSWER("phenotype-answer"),
        ALLELE_ANSWER("allele-answer"),
        GENE("gene");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        static Optional<Kind> of(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** A coding: its system and code, compared exactly. */
    record Code(String system, String code) {
        @Override
        public String toString() {
            return system + "|" + code;
        }
    }

    /** A single-allele test's gene and allele, e.g. HLA-B and {@code *57:01}. */
    record AlleleTest(Gene gene, String allele) {
    }

    private static volatile FhirCodeMap builtIn;

    private final Map<Kind, Map<Code, String>> rows;
    private final String source;

    private FhirCodeMap(Map<Kind, Map<Code, String>> rows, String source) {
        this.rows = rows;
        this.source = source;
    }

    /**
     * The table shipped with the library.
     *
     * @return the built-in code map
     * @throws IllegalStateException when the library jar is damaged and the table is missing or unreadable
     */
    public static FhirCodeMap builtIn() {
        FhirCodeMap map = builtIn;
        if (map == null) {
            try (InputStream in = FhirCodeMap.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the library jar");
                }
                map = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
            } catch (IOException e) {
                throw new IllegalStateException(RESOURCE + " cannot be read from the library jar", e);
            }
            builtIn = map;
        }
        return map;
    }

    /**
     * Reads a replacement table, in the built-in table's format.
     *
     * @param file a UTF-8 TSV file
     * @return the code map
     * @throws UncheckedIOException     when the file cannot be read
     * @throws IllegalArgumentException naming the file and line, when a row is malformed
     */
    public static FhirCodeMap read(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the FHIR code map " + file, e);
        }
    }

    /**
     * Reads a table given as text.
     *
     * @param text       the TSV text
     * @param sourceName what to call it in error messages, e.g. a file name
     * @return the code map
     * @throws IllegalArgumentException naming the source and line, when the header or a row is malformed
     */
    public static FhirCodeMap parse(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        Map<Kind, Map<Code, String>> rows = new EnumMap<>(Kind.class);
        boolean header = false;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = sourceName + ":" + (i + 1) + ": ";
            if (!header) {
                if (!line.strip().equals(HEADER)) {
                    throw new IllegalArgumentException(where + "the first row must be the header '"
                            + HEADER.replace("\t", "<tab>") + "'");
                }
                header = true;
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != 5) {
                throw new IllegalArgumentException(where + "a row has 5 tab-separated cells, this one " + cells.length);
            }
            Kind kind = Kind.of(cells[0].strip()).orElseThrow(() -> new IllegalArgumentException(
                    where + "unknown kind '" + cells[0].strip() + "'"));
            String system = cells[1].strip();
            String code = cells[2].strip();
            if (system.isEmpty() || code.isEmpty()) {
                throw new IllegalArgumentException(where + "system and code are required");
            }
            String value = checkedValue(kind, cells[3].strip(), where);
            String previous = rows.computeIfAbsent(kind, k -> new HashMap<>()).putIfAbsent(new Code(system, code), value);
            if (previous != null) {
                throw new IllegalArgumentException(where + kind.label + " " + system + "|" + code + " is given twice");
            }
        }
        if (!header) {
            throw new IllegalArgumentException(sourceName + ": the table is empty; it needs the header '"
                    + HEADER.replace("\t", "<tab>") + "'");
        }
        rows.replaceAll((k, m) -> Collections.unmodifiableMap(m));
        return new FhirCodeMap(Collections.unmodifiableMap(rows), sourceName);
    }

    private static String checkedValue(Kind kind, String value, String where) {
        switch (kind) {
            case GENOTYPE, THERAPEUTIC_IMPLICATION, GENE_STUDIED, METABOLIZER_EFFECT:
                return "-";
            case PHENOTYPE:
                if (value.equals("-") || value.isEmpty()) {
                    return "-";
                }
                return knownGene(value, where).symbol();
            case GENE:
                return knownGene(value, where).symbol();
            case PHENOTYPE_ANSWER:
                if (value.isEmpty() || value.equals("-")) {
                    throw new IllegalArgumentException(where + "a phenotype-answer row names the CPIC phenotype");
                }
                return value;
            case ALLELE_ANSWER:
                try {
                    return AlleleResult.of(value).label();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + e.getMessage(), e);
                }
            case ALLELE_TEST:
                String[] parts = value.split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalArgumentException(where + "an allele-test row's value is a gene and an allele, e.g. 'HLA-B *57:01'");
                }
                return knownGene(parts[0], where).symbol() + " " + parts[1];
            default:
                throw new IllegalStateException("kind " + kind);
        }
    }

    private static Gene knownGene(String symbol, String where) {
        return Gene.find(symbol).orElseThrow(() -> new IllegalArgumentException(
                where + "'" + symbol + "' is not a gene the library knows"));
    }

    /** @return where the table came from: a file name, or {@code code-map.tsv} for the built-in one */
    public String source() {
        return source;
    }

    /**
     * The codes an {@code Observation.code} may carry for the mapper to read the observation (genotype,
     * therapeutic implication, phenotype, single-allele test), as FHIR search tokens {@code system|code}, sorted:
     * what a search for a patient's pharmacogenomic results asks for, e.g. a CDS Hooks prefetch template.
     *
     * @return the tokens, without duplicates
     */
    public List<String> observationCodeTokens() {
        TreeSet<String> tokens = new TreeSet<>();
        for (Kind kind : List.of(Kind.GENOTYPE, Kind.THERAPEUTIC_IMPLICATION, Kind.PHENOTYPE, Kind.ALLELE_TEST)) {
            rows.getOrDefault(kind, Map.of()).keySet().forEach(c -> tokens.add(c.toString()));
        }
        return List.copyOf(tokens);
    }

    boolean is(Kind kind, String system, String code) {
        return value(kind, system, code) != null;
    }

    /** The value of a row, or {@code null} when there is none. */
    String value(Kind kind, String system, String code) {
        if (system == null || code == null) {
            return null;
        }
        return rows.getOrDefault(kind, Map.of()).get(new Code(system, code));
    }

    /** The gene of a phenotype code: empty when a gene-studied component names it. */
    Optional<Gene> phenotypeGene(String system, String code) {
        String v = value(Kind.PHENOTYPE, system, code);
        return v == null || v.equals("-") ? Optional.empty() : Gene.find(v);
    }

    AlleleTest alleleTest(String system, String code) {
        String v = value(Kind.ALLELE_TEST, system, code);
        if (v == null) {
            return null;
        }
        int space = v.indexOf(' ');
        return new AlleleTest(Gene.of(v.substring(0, space)), v.substring(space + 1));
    }

    Gene gene(String system, String code) {
        String v = value(Kind.GENE, system, code);
        return v == null ? null : Gene.of(v);
    }

    @Override
    public String toString() {
        return "FhirCodeMap[" + source + "]";
    }

    static String describe(String system, String code) {
        if ("http://loinc.org".equals(system)) {
            return "LOINC " + code;
        }
        return (system == null ? "(no system)" : system) + "|" + code;
    }

    /** The codes of one kind, sorted, for messages that say which code was expected. */
    java.util.List<Code> codes(Kind kind) {
        return rows.getOrDefault(kind, Map.of()).keySet().stream()
                .sorted(java.util.Comparator.comparing(Code::system).thenComparing(Code::code)).toList();
    }
}
