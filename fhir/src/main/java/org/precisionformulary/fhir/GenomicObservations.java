// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.precisionformulary.fhir.FhirCodeMap.Kind;
import org.precisionformulary.model.genotype.AlleleResult;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GenotypeInput;

/**
 * Reads Genomics Reporting observations into genotype entries: genotypes (a diplotype, or an HLA allele and
 * its result), therapeutic implications and phenotype observations (a metabolizer phenotype), and
 * single-allele tests. What the entries say is checked by the engine, against CPIC's tables; what is read
 * here is only where each part sits, and a part that is missing or of the wrong type is an error naming it.
 */
final class GenomicObservations {

    /** Results a clinician may act on; every other status is left out with a message. */
    private static final Set<Observation.ObservationStatus> USABLE = Set.of(Observation.ObservationStatus.FINAL,
            Observation.ObservationStatus.AMENDED, Observation.ObservationStatus.CORRECTED);

    /** An allele and a presence word, e.g. {@code HLA-B*57:01 positive} or {@code *57:01: not detected}. */
    private static final Pattern ALLELE_AND_RESULT = Pattern.compile(
            "^(\\S+?)\\s*[:,]?\\s+(positive|negative|present|absent|not detected|detected)$", Pattern.CASE_INSENSITIVE);

    private final FhirCodeMap map;
    private final MappingRun run;

    GenomicObservations(FhirCodeMap map, MappingRun run) {
        this.map = map;
        this.run = run;
    }

    /** The kind of genomics observation its code says it is, or {@code null}. */
    Kind kindOf(Observation o) {
        for (Kind kind : List.of(Kind.GENOTYPE, Kind.THERAPEUTIC_IMPLICATION, Kind.PHENOTYPE, Kind.ALLELE_TEST)) {
            if (!Codings.known(map, kind, o.getCode()).isEmpty()) {
                return kind;
            }
        }
        return null;
    }

    /**
     * @param in an observation of a kind {@link #kindOf} knows
     * @return its genotype entry, or {@code null} when it gives none (with an error or a message saying why)
     */
    GenotypeInput read(Input in, Kind kind) {
        Observation o = (Observation) in.resource();
        if (o.getStatus() == null || o.getStatus() == Observation.ObservationStatus.NULL) {
            run.error(in.at("status"), "an observation's status is required (final, amended or corrected to be used)");
            return null;
        }
        if (!USABLE.contains(o.getStatus())) {
            run.message(in.label() + ": status " + o.getStatus().toCode()
                    + "; only final, amended or corrected results are used, so this one is not");
            return null;
        }
        run.checkSubject(in, o.getSubject(), "subject");
        if (o.hasDataAbsentReason()) {
            run.message(in.label() + ": no result (dataAbsentReason " + Codings.describe(o.getDataAbsentReason())
                    + "); not used, so its gene counts as untested");
            return null;
        }
        GenotypeInput entry = switch (kind) {
            case GENOTYPE -> genotype(in, o);
            case THERAPEUTIC_IMPLICATION -> implication(in, o);
            case PHENOTYPE -> phenotype(in, o);
            case ALLELE_TEST -> alleleTest(in, o);
            default -> throw new IllegalStateException("kind " + kind);
        };
        return entry == null ? null : withProvenance(entry, in, o);
    }

    private static GenotypeInput withProvenance(GenotypeInput e, Input in, Observation o) {
        return new GenotypeInput(e.gene(), e.diplotype(), e.phenotype(), e.activityScore(), e.allele(), e.result(),
                "FHIR " + in.label(), resultDate(o));
    }

    /** The day the result holds for: effective[x] (a time or the start of a period), else issued. */
    private static LocalDate resultDate(Observation o) {
        Type effective = o.getEffective();
        if (effective instanceof BaseDateTimeType t) {
            return day(t);
        }
        if (effective instanceof org.hl7.fhir.r4.model.Period p && p.hasStart()) {
            return day(p.getStartElement());
        }
        return o.hasIssued() ? day(o.getIssuedElement()) : null;
    }

    private static LocalDate day(BaseDateTimeType t) {
        if (t == null || t.getValue() == null || t.getPrecision().ordinal() < ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
            return null;
        }
        return LocalDate.parse(t.getValueAsString().substring(0, 10));
    }

    private GenotypeInput genotype(Input in, Observation o) {
        Gene gene = geneStudied(in, o, true, run).gene();
        if (gene == null) {
            return null;
        }
        String text = valueText(in, o, "a genotype");
        if (text == null) {
            return null;
        }
        if (gene.kind() != Gene.Kind.ALLELE_POSITIVITY) {
            return GenotypeInput.ofDiplotype(gene, text);
        }
        Matcher m = ALLELE_AND_RESULT.matcher(text);
        if (m.matches()) {
            return GenotypeInput.ofAllele(gene, m.group(1), presence(m.group(2)));
        }
        if (text.contains("/")) {
            return GenotypeInput.ofDiplotype(gene, text);
        }
        // One allele named, as a genotype: whether it was found is said by the interpretation.
        Set<String> results = new LinkedHashSet<>();
        for (CodeableConcept c : o.getInterpretation()) {
            results.addAll(Codings.values(map, Kind.ALLELE_ANSWER, c));
        }
        if (results.size() == 1) {
            return GenotypeInput.ofAllele(gene, text, AlleleResult.of(results.iterator().next()));
        }
        run.error(in.at("interpretation"), results.isEmpty()
                ? gene + " result '" + text + "' names one allele without saying whether it was found: write it as '"
                        + text + " positive' (or negative), or give an interpretation the code map reads (e.g. POS, NEG)"
                : gene + " result '" + text + "' has interpretations that disagree: " + String.join(", ", results));
        return null;
    }

    private static AlleleResult presence(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return w.equals("positive") || w.equals("present") || w.equals("detected")
                ? AlleleResult.POSITIVE : AlleleResult.NEGATIVE;
    }

    /**
     * The genotype written in value[x]: a CodeableConcept's text, else its codings' displays (one diplotype,
     * or two alleles such as PharmVar's {@code CYP2C9*2} and {@code CYP2C9*5}), or a string.
     */
    private String valueText(Input in, Observation o, String what) {
        Type value = o.getValue();
        if (value == null) {
            run.error(in.at("value[x]"), what + " observation needs a value (or a dataAbsentReason)");
            return null;
        }
        if (value instanceof StringType s) {
            if (s.getValue() == null || s.getValue().isBlank()) {
                run.error(in.at("valueString"), "the value is blank");
                return null;
            }
            return s.getValue().trim();
        }
        if (!(value instanceof CodeableConcept concept)) {
            run.error(in.at("value[x]"), what + " is a CodeableConcept or a string, not " + value.fhirType());
            return null;
        }
        List<String> words = Codings.words(concept);
        if (words.size() == 1 || words.size() == 2 && concept.getText() == null) {
            return String.join("/", words);
        }
        run.error(in.at("valueCodeableConcept"), words.isEmpty()
                ? what + " needs a text, or codings with displays, saying what was found"
                : "cannot read one " + what.replaceFirst("^an? ", "") + " from " + words.size() + " codings: "
                        + String.join(", ", words) + "; give the text, e.g. '*1/*4'");
        return null;
    }

    private GenotypeInput implication(Input in, Observation o) {
        List<Integer> effects = components(o, Kind.METABOLIZER_EFFECT);
        if (effects.isEmpty()) {
            run.message(in.label() + ": a therapeutic implication without a metabolizer-phenotype component ("
                    + Codings.describe(componentCodeExample(Kind.METABOLIZER_EFFECT)) + "); not used");
            return null;
        }
        if (effects.size() > 1) {
            run.error(in.at("component"), effects.size() + " metabolizer-phenotype components; an implication states one");
            return null;
        }
        int i = effects.get(0);
        String phenotype = phenotypeAnswer(in, "component[" + i + "].value", o.getComponent().get(i).getValue());
        GeneLookup lookup = geneStudied(in, o, false, run);
        if (lookup.handled()) {
            return null;
        }
        Gene gene = lookup.gene() != null ? lookup.gene() : geneOfDerivedFrom(in, o);
        return gene == null || phenotype == null ? null : GenotypeInput.ofPhenotype(gene, phenotype);
    }

    /** The one gene of the genotype observations an implication is derived from. */
    private Gene geneOfDerivedFrom(Input in, Observation o) {
        Set<Gene> genes = new LinkedHashSet<>();
        for (Reference ref : o.getDerivedFrom()) {
            Input source = run.resolve(ref);
            if (source != null && source.resource() instanceof Observation from) {
                Gene g = geneStudied(source, from, false, MappingRun.QUIET).gene();
                if (g != null) {
                    genes.add(g);
                }
            }
        }
        if (genes.size() == 1) {
            return genes.iterator().next();
        }
        run.error(in.at("derivedFrom"), genes.isEmpty()
                ? "cannot tell which gene this implication is about: it has no gene-studied component, and derivedFrom"
                        + " points to no observation in the input that names a gene the library knows"
                : "derived from results for several genes (" + genes + "); an implication for one gene is needed");
        return null;
    }

    private GenotypeInput phenotype(Input in, Observation o) {
        Set<Gene> byCode = new LinkedHashSet<>();
        for (Coding c : Codings.known(map, Kind.PHENOTYPE, o.getCode())) {
            map.phenotypeGene(c.getSystem(), c.getCode()).ifPresent(byCode::add);
        }
        GeneLookup studied = geneStudied(in, o, byCode.isEmpty(), run);
        if (studied.handled()) {
            return null;
        }
        if (studied.gene() != null) {
            byCode.add(studied.gene());
        }
        if (byCode.size() > 1) {
            run.error(in.at("code"), "the code and the gene-studied component name different genes: " + byCode);
            return null;
        }
        String phenotype = phenotypeAnswer(in, "value", o.getValue());
        return byCode.isEmpty() || phenotype == null ? null : GenotypeInput.ofPhenotype(byCode.iterator().next(), phenotype);
    }

    /** A metabolizer phenotype: an answer code the map knows, else the text as written (the engine checks it). */
    private String phenotypeAnswer(Input in, String element, Type value) {
        if (value instanceof StringType s && s.getValue() != null && !s.getValue().isBlank()) {
            return s.getValue().trim();
        }
        if (!(value instanceof CodeableConcept concept)) {
            run.error(in.at(element + "[x]"), value == null ? "the metabolizer phenotype is missing"
                    : "a metabolizer phenotype is a CodeableConcept, not " + value.fhirType());
            return null;
        }
        Set<String> terms = Codings.values(map, Kind.PHENOTYPE_ANSWER, concept);
        if (terms.size() == 1) {
            return terms.iterator().next();
        }
        if (terms.size() > 1) {
            run.error(in.at(element + "CodeableConcept"), "codings for different phenotypes: " + String.join(", ", terms));
            return null;
        }
        if (concept.hasText() && !concept.getText().isBlank()) {
            return concept.getText().trim();
        }
        run.error(in.at(element + "CodeableConcept"), concept.getCoding().isEmpty()
                ? "the metabolizer phenotype has neither a coding nor a text"
                : "no phenotype-answer row of the code map (" + map.source() + ") for " + Codings.describe(concept));
        return null;
    }

    private GenotypeInput alleleTest(Input in, Observation o) {
        FhirCodeMap.AlleleTest test = null;
        for (Coding c : Codings.known(map, Kind.ALLELE_TEST, o.getCode())) {
            test = map.alleleTest(c.getSystem(), c.getCode());
        }
        Set<String> results = new LinkedHashSet<>();
        Type value = o.getValue();
        String element = "value[x]";
        if (value instanceof CodeableConcept concept) {
            element = "valueCodeableConcept";
            results.addAll(Codings.values(map, Kind.ALLELE_ANSWER, concept));
            if (results.isEmpty()) {
                Codings.words(concept).forEach(w -> addPresence(w, results));
            }
        } else if (value instanceof StringType s && s.getValue() != null) {
            element = "valueString";
            addPresence(s.getValue().trim(), results);
        } else if (value instanceof org.hl7.fhir.r4.model.BooleanType b && b.getValue() != null) {
            results.add(b.getValue() ? "positive" : "negative");
        } else if (value == null) {
            element = "interpretation";
            for (CodeableConcept c : o.getInterpretation()) {
                results.addAll(Codings.values(map, Kind.ALLELE_ANSWER, c));
            }
        }
        if (results.size() != 1 || test == null) {
            run.error(in.at(element), results.isEmpty()
                    ? "cannot read whether " + (test == null ? "the allele" : test.gene() + test.allele())
                            + " was found: give positive or negative (an answer or interpretation code the code map reads)"
                    : "results that disagree: " + String.join(", ", results));
            return null;
        }
        return GenotypeInput.ofAllele(test.gene(), test.allele(), AlleleResult.of(results.iterator().next()));
    }

    private static void addPresence(String word, Set<String> results) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.matches("positive|present|detected|negative|absent|not detected")) {
            results.add(presence(w).label());
        }
    }

    /** The gene an observation's gene-studied component names. */
    record GeneLookup(Gene gene, boolean handled) {
        static final GeneLookup ABSENT = new GeneLookup(null, false);
        static final GeneLookup HANDLED = new GeneLookup(null, true);
    }

    /**
     * @param required whether a missing component is an error
     * @param sink     where errors and messages go ({@link MappingRun#QUIET} to look without reporting)
     * @return the gene; {@code ABSENT} when no component names one (an error too when required); {@code HANDLED}
     *         when an error or a message has said why there is none
     */
    GeneLookup geneStudied(Input in, Observation o, boolean required, Sink sink) {
        List<Integer> found = components(o, Kind.GENE_STUDIED);
        if (found.isEmpty()) {
            if (required) {
                sink.error(in.at("component"), "no gene-studied component ("
                        + Codings.describe(componentCodeExample(Kind.GENE_STUDIED)) + ") names the gene");
                return GeneLookup.HANDLED;
            }
            return GeneLookup.ABSENT;
        }
        if (found.size() > 1) {
            sink.error(in.at("component"), found.size() + " gene-studied components; a result is for one gene");
            return GeneLookup.HANDLED;
        }
        String element = "component[" + found.get(0) + "].value";
        Type value = o.getComponent().get(found.get(0)).getValue();
        if (!(value instanceof CodeableConcept concept) || concept.isEmpty()) {
            sink.error(in.at(element + "[x]"), value == null || value.isEmpty() ? "the gene studied is missing"
                    : "the gene studied is a CodeableConcept (an HGNC coding), not " + value.fhirType());
            return GeneLookup.HANDLED;
        }
        element += "CodeableConcept";
        Set<Gene> byCode = new LinkedHashSet<>();
        for (Coding c : Codings.known(map, Kind.GENE, concept)) {
            byCode.add(map.gene(c.getSystem(), c.getCode()));
        }
        Set<Gene> byName = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        if (concept.hasText()) {
            names.add(concept.getText());
        }
        concept.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).forEach(names::add);
        names.stream().map(Gene::find).flatMap(java.util.Optional::stream).forEach(byName::add);
        if (byCode.size() > 1 || !byCode.isEmpty() && !byName.isEmpty() && !byCode.equals(byName)) {
            sink.error(in.at(element), "the gene codes and names disagree: the code map (" + map.source() + ") reads "
                    + byCode + ", the names say " + byName);
            return GeneLookup.HANDLED;
        }
        Set<Gene> genes = byCode.isEmpty() ? byName : byCode;
        if (genes.size() == 1) {
            return new GeneLookup(genes.iterator().next(), false);
        }
        if (genes.size() > 1) {
            sink.error(in.at(element), "names several genes: " + genes);
        } else {
            sink.message(in.label() + ": gene " + Codings.describe(concept)
                    + " is not one the rule pack reads (or has no row in the code map); not used");
        }
        return GeneLookup.HANDLED;
    }

    /** Indexes of the components whose code has a row of this kind. */
    private List<Integer> components(Observation o, Kind kind) {
        List<Integer> out = new ArrayList<>();
        List<ObservationComponentComponent> all = o.getComponent();
        for (int i = 0; i < all.size(); i++) {
            if (!Codings.known(map, kind, all.get(i).getCode()).isEmpty()) {
                out.add(i);
            }
        }
        return out;
    }

    /** A code of the kind, for messages ("gene-studied (LOINC 48018-6)"). */
    private CodeableConcept componentCodeExample(Kind kind) {
        Function<FhirCodeMap.Code, Coding> coding = c -> new Coding(c.system(), c.code(), null);
        CodeableConcept concept = new CodeableConcept();
        map.codes(kind).stream().map(coding).forEach(concept::addCoding);
        return concept;
    }
}
