// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.precisionformulary.model.decision.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads HL7 FHIR R4 resources, as the Genomics Reporting IG profiles them, into a coverage request (contract
 * §1), for the engine to decide:
 *
 * <pre>{@code
 * FhirRequestMapper mapper = FhirRequestMapper.create();          // once: it holds the FHIR parser's model
 * FhirMapping mapping = mapper.fromBundle(bundleJson, LocalDate.now());
 * if (mapping.isValid()) {
 *     CoverageDecision decision = engine.evaluate(mapping.request());
 * } else {
 *     mapping.errors().forEach(e -> show(e.field() + ": " + e.message()));
 * }
 * mapping.messages().forEach(m -> show(m));                      // what was left out, and why
 * }</pre>
 *
 * <p>Genotype, therapeutic-implication, phenotype and single-allele observations become genotype entries
 * (each naming its observation as its {@code source}); the one open MedicationRequest gives the drug and the
 * request id; Patient the birth date; the active Coverage the member id and plan; Conditions and the
 * prescription's reason codes the ICD-10 diagnoses. The codes are read through a {@link FhirCodeMap}. Nothing
 * throws for bad input: an element that cannot be read is a {@link FieldError} naming it (e.g.
 * {@code Observation/obs-3.component[0].valueCodeableConcept}), and a result that is not final, amended or
 * corrected is left out with a message. Whether a diplotype or phenotype is one CPIC knows is the engine's
 * check, on the request. Thread-safe.
 */
public final class FhirRequestMapper {

    /** Longest input accepted, in characters, for one Bundle or all resources together. */
    public static final int MAX_INPUT_CHARS = 5_000_000;

    /** Most resources one input may hold. */
    public static final int MAX_RESOURCES = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(FhirRequestMapper.class);

    private final FhirCodeMap codeMap;

    private FhirRequestMapper(FhirCodeMap codeMap) {
        this.codeMap = codeMap;
    }

    /**
     * A mapper with the built-in code map.
     *
     * @return the mapper
     * @throws IllegalStateException when the library jar is damaged and the built-in code map is missing
     */
    public static FhirRequestMapper create() {
        return new FhirRequestMapper(FhirCodeMap.builtIn());
    }

    /**
     * A mapper with a plan's or a lab's own code map.
     *
     * @param codeMap the codes to read resources by
     * @return the mapper
     * @throws NullPointerException when codeMap is {@code null}
     */
    public static FhirRequestMapper create(FhirCodeMap codeMap) {
        return new FhirRequestMapper(Objects.requireNonNull(codeMap, "codeMap"));
    }

    /** @return the code map this mapper reads by */
    public FhirCodeMap codeMap() {
        return codeMap;
    }

    /**
     * Maps a Bundle (any type: collection, searchset, document, ...) given as FHIR JSON.
     *
     * @param bundleJson  one Bundle
     * @param serviceDate the date of service, or {@code null} for the engine's evaluation date
     * @return the request or the errors, with messages; never {@code null}
     */
    public FhirMapping fromBundle(String bundleJson, LocalDate serviceDate) {
        ParseProblems problems = new ParseProblems("$");
        IBaseResource parsed = parse(bundleJson, problems);
        if (!(parsed instanceof Bundle bundle)) {
            if (parsed != null) {
                problems.error("a Bundle was expected, not a " + parsed.fhirType() + " (fromResources reads single resources)");
            }
            // Nothing was read: errors about what is missing would only hide the one that matters.
            return new FhirMapping(null, problems.errors(), problems.messages());
        }
        List<Input> inputs = new ArrayList<>();
        addEntries(bundle, "Bundle", inputs, problems);
        String bundleId = bundle.getIdElement().getIdPart();
        return map(inputs, bundleId, serviceDate, problems.errors(), problems.messages());
    }

    /**
     * Maps resources given one by one as FHIR JSON, e.g. a CDS Hooks service's prefetch; a Bundle among them
     * (a search result) stands for its entries.
     *
     * @param resourceJsons the resources
     * @param serviceDate   the date of service, or {@code null} for the engine's evaluation date
     * @return the request or the errors, with messages; never {@code null}
     * @throws NullPointerException when the list is {@code null}
     */
    public FhirMapping fromResources(List<String> resourceJsons, LocalDate serviceDate) {
        Objects.requireNonNull(resourceJsons, "resourceJsons");
        List<FieldError> errors = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        List<Input> inputs = new ArrayList<>();
        long total = 0;
        boolean unreadable = false;
        for (int i = 0; i < resourceJsons.size(); i++) {
            String place = "resources[" + i + "]";
            ParseProblems problems = new ParseProblems(place);
            String json = resourceJsons.get(i);
            total += json == null ? 0 : json.length();
            IBaseResource parsed = total > MAX_INPUT_CHARS ? tooLong(total, problems) : parse(json, problems);
            if (parsed instanceof Bundle bundle) {
                addEntries(bundle, place, inputs, problems);
            } else if (parsed instanceof Resource r) {
                inputs.add(Input.of(r, place, null));
            } else {
                unreadable = true;
            }
            errors.addAll(problems.errors());
            messages.addAll(problems.messages());
        }
        if (unreadable) {
            return new FhirMapping(null, errors, messages);
        }
        return map(inputs, null, serviceDate, errors, messages);
    }

    private FhirMapping map(List<Input> inputs, String bundleId, LocalDate serviceDate, List<FieldError> errors,
                            List<String> messages) {
        if (inputs.size() > MAX_RESOURCES) {
            return new FhirMapping(null, List.of(new FieldError("$", inputs.size() + " resources; the limit is "
                    + MAX_RESOURCES)), messages);
        }
        try {
            FhirMapping mapping = new MappingRun(codeMap, inputs, bundleId).map(serviceDate, errors, messages);
            LOG.debug("Mapped {} FHIR resources: {} errors, {} messages", inputs.size(), mapping.errors().size(),
                    mapping.messages().size());
            return mapping;
        } catch (RuntimeException e) {
            // Every known bad input is an error naming its element; this is the net under what is not known yet.
            LOG.warn("The FHIR mapping failed on its input ({})", e.getClass().getName());
            List<FieldError> all = new ArrayList<>(errors);
            all.add(new FieldError("$", "the FHIR input could not be read (" + e.getClass().getSimpleName() + ")"));
            return new FhirMapping(null, all, messages);
        }
    }

    private static void addEntries(Bundle bundle, String place, List<Input> inputs, ParseProblems problems) {
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryComponent entry = entries.get(i);
            String at = place + ".entry[" + i + "]";
            if (entry.getResource() == null) {
                problems.messages().add(at + ": no resource; not read");
            } else if (entry.getResource() instanceof Bundle inner) {
                addEntries(inner, at + ".resource", inputs, problems);
            } else {
                inputs.add(Input.of(entry.getResource(), at + ".resource", entry.getFullUrl()));
            }
        }
    }

    private static IBaseResource tooLong(long length, ParseProblems problems) {
        problems.error("the input is " + length + " characters; the limit is " + MAX_INPUT_CHARS);
        return null;
    }

    private static IBaseResource parse(String json, ParseProblems problems) {
        if (json == null || json.isBlank()) {
            problems.error("the input is empty");
            return null;
        }
        if (json.length() > MAX_INPUT_CHARS) {
            return tooLong(json.length(), problems);
        }
        IParser parser = Fhir.CONTEXT.newJsonParser();
        parser.setParserErrorHandler(problems);
        // Keep each resource's own id: error messages name resources as the sender did (Observation/obs-3).
        parser.setOverrideResourceIdWithBundleEntryFullUrl(false);
        try {
            return parser.parseResource(json);
        } catch (RuntimeException e) {
            problems.error("not FHIR JSON: " + e.getMessage());
            return null;
        }
    }

    /** The FHIR R4 model, built once: it is expensive, and thread-safe once built. */
    private static final class Fhir {
        static final FhirContext CONTEXT = FhirContext.forR4();
    }
}
