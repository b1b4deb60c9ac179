// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.precisionformulary.fhir.FhirCodeMap.Kind;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.drug.DrugRef;
import org.precisionformulary.model.genotype.GenotypeInput;
import org.precisionformulary.model.json.RequestReader;
import org.precisionformulary.model.request.CoverageRequest;
import org.precisionformulary.model.request.Member;

/**
 * One mapping of parsed resources to a request: which resource gives which part, every error and message in
 * input order. Not thread-safe; one per call.
 */
final class MappingRun implements Sink {

    /** A sink that drops everything, for looking at a resource without reporting on it twice. */
    static final Sink QUIET = new Sink() {
        @Override
        public void error(String field, String message) {
        }

        @Override
        public void message(String text) {
        }
    };

    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String NDC = "http://hl7.org/fhir/sid/ndc";
    static final Set<String> ICD10 = Set.of("http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10");
    private static final String IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203";
    private static final String COVERAGE_CLASS = "http://terminology.hl7.org/CodeSystem/coverage-class";
    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    /** Prescriptions still to be filled: the one being decided is among these. */
    private static final Set<MedicationRequest.MedicationRequestStatus> OPEN_ORDERS = Set.of(
            MedicationRequest.MedicationRequestStatus.ACTIVE, MedicationRequest.MedicationRequestStatus.DRAFT,
            MedicationRequest.MedicationRequestStatus.ONHOLD);

    private final FhirCodeMap map;
    private final List<Input> inputs;
    private final String bundleId;
    private final Map<String, Input> byReference = new HashMap<>();
    private final List<FieldError> errors = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private Input patient;
    private String firstSubject;
    private String firstSubjectAt;

    MappingRun(FhirCodeMap map, List<Input> inputs, String bundleId) {
        this.map = map;
        this.inputs = inputs;
        this.bundleId = bundleId;
        for (Input in : inputs) {
            if (in.typeAndId() != null) {
                byReference.putIfAbsent(in.typeAndId(), in);
            }
            if (in.fullUrl() != null && !in.fullUrl().isBlank()) {
                byReference.putIfAbsent(in.fullUrl(), in);
            }
        }
    }

    @Override
    public void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    @Override
    public void message(String text) {
        messages.add(text);
    }

    /** The input a reference points to, by {@code Type/id}, fullUrl, or an absolute URL ending in {@code Type/id}. */
    Input resolve(Reference ref) {
        if (ref == null || !ref.hasReference()) {
            return null;
        }
        String r = ref.getReference();
        Input in = byReference.get(r);
        if (in == null && r.contains("://")) {
            String[] parts = r.split("/");
            if (parts.length >= 2) {
                in = byReference.get(parts[parts.length - 2] + "/" + parts[parts.length - 1]);
            }
        }
        return in;
    }

    /**
     * An error when a resource is about someone other than the request's patient; without a Patient resource,
     * when it is about someone other than the first resource that names its subject.
     */
    void checkSubject(Input in, Reference ref, String element) {
        if (ref == null || !ref.hasReference()) {
            return;
        }
        if (patient == null) {
            if (firstSubject == null) {
                firstSubject = ref.getReference();
                firstSubjectAt = in.at(element);
            } else if (!firstSubject.equals(ref.getReference())) {
                error(in.at(element), "refers to " + ref.getReference() + ", but " + firstSubjectAt + " to "
                        + firstSubject + "; a request is for one patient");
            }
            return;
        }
        Input target = resolve(ref);
        boolean same = target != null ? target == patient
                : ref.getReference().equals(patient.typeAndId()) || ref.getReference().equals(patient.fullUrl());
        if (!same) {
            error(in.at(element), "refers to " + ref.getReference() + ", not to the request's patient " + patient.label());
        }
    }

    FhirMapping map(LocalDate serviceDate, List<FieldError> parseErrors, List<String> parseMessages) {
        errors.addAll(parseErrors);
        messages.addAll(parseMessages);
        Map<String, List<Input>> byType = new LinkedHashMap<>();
        for (Input in : inputs) {
            byType.computeIfAbsent(in.resource().fhirType(), t -> new ArrayList<>()).add(in);
        }
        patient = one(byType.getOrDefault("Patient", List.of()), "Patient", "a request is for one member");
        LocalDate birthDate = patient == null ? null : birthDate(patient);
        Input coverage = coverage(byType.getOrDefault("Coverage", List.of()));
        String memberId = memberId(coverage);
        String planId = coverage == null ? null : planId((Coverage) coverage.resource());
        Input order = order(byType.getOrDefault("MedicationRequest", List.of()));
        DrugRef drug = order == null ? null : drug(order);
        String requestId = order == null ? null : requestId(order);
        Set<String> diagnoses = new LinkedHashSet<>();
        for (Input in : byType.getOrDefault("Condition", List.of())) {
            diagnoses.addAll(diagnoses(in));
        }
        if (order != null) {
            List<CodeableConcept> reasons = ((MedicationRequest) order.resource()).getReasonCode();
            for (CodeableConcept reason : reasons) {
                Codings.codesIn(reason, ICD10).stream().map(MappingRun::dotted).forEach(diagnoses::add);
            }
        }
        List<GenotypeInput> genotypes = genotypes(byType.getOrDefault("Observation", List.of()));
        notRead(byType);
        checkLimits(genotypes, diagnoses);
        if (!errors.isEmpty()) {
            return new FhirMapping(null, errors, messages);
        }
        try {
            Member member = new Member(memberId, planId, birthDate, null);
            CoverageRequest request = new CoverageRequest(requestId, serviceDate, member, drug, null,
                    List.copyOf(diagnoses), genotypes, List.of(), List.of());
            return new FhirMapping(request, List.of(), messages);
        } catch (IllegalArgumentException | NullPointerException e) {
            // Every part was checked above; this names what the model refused if a check was missed.
            error("$", "the request could not be built: " + e.getMessage());
            return new FhirMapping(null, errors, messages);
        }
    }

    /** The one resource of a type, or null (with an error when there are several). */
    private Input one(List<Input> found, String type, String why) {
        if (found.size() > 1) {
            error(type, found.size() + " " + type + " resources (" + labels(found) + "); " + why);
            return null;
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static String labels(List<Input> found) {
        return found.stream().map(Input::label).collect(Collectors.joining(", "));
    }

    private LocalDate birthDate(Input in) {
        DateType date = ((Patient) in.resource()).getBirthDateElement();
        if (date == null || date.getValue() == null) {
            return null;
        }
        if (date.getPrecision().ordinal() < ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
            message(in.at("birthDate") + ": " + date.getValueAsString() + " is not a full date, so the request goes "
                    + "without a birth date and every age-defined CPIC population stays a candidate");
            return null;
        }
        LocalDate day = LocalDate.parse(date.getValueAsString().substring(0, 10));
        if (day.isBefore(RequestReader.EARLIEST_DATE)) {
            error(in.at("birthDate"), day + " is before " + RequestReader.EARLIEST_DATE + ", not a plausible date");
            return null;
        }
        return day;
    }

    private Input coverage(List<Input> found) {
        List<Input> active = new ArrayList<>();
        for (Input in : found) {
            Coverage c = (Coverage) in.resource();
            if (c.getStatus() == Coverage.CoverageStatus.ACTIVE) {
                active.add(in);
            } else {
                message(in.label() + ": status " + (c.getStatus() == null ? "missing" : c.getStatus().toCode())
                        + "; only an active Coverage gives the member and plan");
            }
        }
        Input coverage = one(active, "Coverage", "the active coverage must be one");
        if (coverage != null) {
            checkSubject(coverage, ((Coverage) coverage.resource()).getBeneficiary(), "beneficiary");
        }
        return coverage;
    }

    /** The member id a PBM knows: Coverage's member identifier, else its subscriber id, else the Patient's. */
    private String memberId(Input coverage) {
        if (coverage != null) {
            Coverage c = (Coverage) coverage.resource();
            String id = memberIdentifier(c.getIdentifier());
            if (id == null && c.hasSubscriberId() && !c.getSubscriberId().isBlank()) {
                id = c.getSubscriberId().trim();
            }
            if (id != null) {
                return id;
            }
        }
        if (patient != null) {
            Patient p = (Patient) patient.resource();
            String id = memberIdentifier(p.getIdentifier());
            if (id != null) {
                return id;
            }
            String logical = p.getIdElement().getIdPart();
            if (logical != null && !logical.isBlank()) {
                return logical;
            }
        }
        error("member.id", "no member id: a Coverage identifier of type MB, Coverage.subscriberId, a Patient "
                + "identifier of type MB or a Patient id is needed");
        return null;
    }

    private static String memberIdentifier(List<Identifier> identifiers) {
        for (Identifier i : identifiers) {
            if (Codings.has(i.getType(), IDENTIFIER_TYPE, Set.of("MB")) && i.hasValue() && !i.getValue().isBlank()) {
                return i.getValue().trim();
            }
        }
        return null;
    }

    private static String planId(Coverage c) {
        for (Coverage.ClassComponent k : c.getClass_()) {
            if (Codings.has(k.getType(), COVERAGE_CLASS, Set.of("plan")) && k.hasValue() && !k.getValue().isBlank()) {
                return k.getValue().trim();
            }
        }
        return null;
    }

    private Input order(List<Input> found) {
        List<Input> open = new ArrayList<>();
        for (Input in : found) {
            MedicationRequest mr = (MedicationRequest) in.resource();
            if (mr.getStatus() != null && OPEN_ORDERS.contains(mr.getStatus())) {
                open.add(in);
            } else {
                message(in.label() + ": status " + (mr.getStatus() == null ? "missing" : mr.getStatus().toCode())
                        + "; only an active, draft or on-hold prescription is decided");
            }
        }
        if (open.isEmpty()) {
            error("MedicationRequest", "no active, draft or on-hold MedicationRequest: nothing names the drug to decide");
            return null;
        }
        Input order = one(open, "MedicationRequest", "a request decides one prescription");
        if (order != null) {
            checkSubject(order, ((MedicationRequest) order.resource()).getSubject(), "subject");
        }
        return order;
    }

    private String requestId(Input order) {
        MedicationRequest mr = (MedicationRequest) order.resource();
        String id = mr.getIdElement().getIdPart();
        if (id != null && !id.isBlank()) {
            return id;
        }
        for (Identifier i : mr.getIdentifier()) {
            if (i.hasValue() && !i.getValue().isBlank()) {
                return i.getValue().trim();
            }
        }
        if (bundleId != null && !bundleId.isBlank()) {
            return bundleId;
        }
        error(order.at("id"), "the request id is the MedicationRequest's id or identifier (or the Bundle's id); "
                + "there is none");
        return null;
    }

    private DrugRef drug(Input order) {
        MedicationRequest mr = (MedicationRequest) order.resource();
        Type medication = mr.getMedication();
        if (medication instanceof CodeableConcept concept) {
            return drug(order.at("medicationCodeableConcept"), concept);
        }
        if (medication instanceof Reference ref) {
            Resource target = ref.getResource() instanceof Resource r ? r : null;
            if (target == null && ref.hasReference() && ref.getReference().startsWith("#")) {
                String local = ref.getReference().substring(1);
                target = mr.getContained().stream().filter(c -> local.equals(c.getIdElement().getIdPart())
                        || ref.getReference().equals(c.getIdElement().getIdPart())).findFirst().orElse(null);
            }
            if (target == null) {
                Input in = resolve(ref);
                target = in == null ? null : in.resource();
            }
            if (target instanceof Medication m) {
                return drug(order.at("medicationReference") + " (" + ref.getReference() + ").code", m.getCode());
            }
            error(order.at("medicationReference"), "refers to " + ref.getReference()
                    + ", which is not a Medication in the input");
            return null;
        }
        error(order.at("medication[x]"), medication == null ? "the prescription names no medication"
                : "the medication is a CodeableConcept or a Reference to a Medication, not " + medication.fhirType());
        return null;
    }

    /** RxNorm first (one code), else an NDC, else the text or a display as the name. */
    private DrugRef drug(String element, CodeableConcept concept) {
        Set<String> rxnorm = Codings.codesIn(concept, Set.of(RXNORM));
        if (rxnorm.size() > 1) {
            error(element, "several RxNorm codes (" + String.join(", ", rxnorm) + "); a request names one drug, so send"
                    + " the one the formulary lists (the ingredient)");
            return null;
        }
        Set<String> ndc = Codings.codesIn(concept, Set.of(NDC));
        List<String> words = Codings.words(concept);
        try {
            if (!rxnorm.isEmpty()) {
                return new DrugRef(null, rxnorm.iterator().next());
            }
            if (ndc.size() == 1) {
                return new DrugRef(null, null, ndc.iterator().next());
            }
            if (!words.isEmpty()) {
                return DrugRef.named(words.get(0));
            }
        } catch (IllegalArgumentException e) {
            error(element, e.getMessage());
            return null;
        }
        error(element, ndc.size() > 1 ? "several NDCs and no RxNorm code; a request names one drug"
                : "the medication has no RxNorm code, NDC, text or display");
        return null;
    }

    private Set<String> diagnoses(Input in) {
        Condition c = (Condition) in.resource();
        if (Codings.has(c.getVerificationStatus(), CONDITION_VERIFICATION, Set.of("refuted", "entered-in-error"))) {
            message(in.label() + ": verification status " + c.getVerificationStatus().getCodingFirstRep().getCode()
                    + "; not used as a diagnosis");
            return Set.of();
        }
        checkSubject(in, c.getSubject(), "subject");
        Set<String> codes = Codings.codesIn(c.getCode(), ICD10);
        if (codes.isEmpty()) {
            message(in.label() + ": no ICD-10 coding (" + Codings.describe(c.getCode())
                    + "); not used to choose a CPIC population");
        }
        Set<String> out = new LinkedHashSet<>();
        codes.stream().map(MappingRun::dotted).forEach(out::add);
        return out;
    }

    /** ICD-10 codes as the populations table writes them: upper case, a dot after the category. */
    static String dotted(String code) {
        String c = code.trim().toUpperCase(Locale.ROOT);
        return c.length() > 3 && c.indexOf('.') < 0 ? c.substring(0, 3) + "." + c.substring(3) : c;
    }

    private List<GenotypeInput> genotypes(List<Input> observations) {
        GenomicObservations reader = new GenomicObservations(map, this);
        List<GenotypeInput> out = new ArrayList<>();
        for (Input in : observations) {
            Kind kind = reader.kindOf((Observation) in.resource());
            if (kind == null) {
                message(in.label() + ": code " + Codings.describe(((Observation) in.resource()).getCode())
                        + " is not a genomics code in the code map (" + map.source() + "); not read");
                continue;
            }
            GenotypeInput entry = reader.read(in, kind);
            if (entry != null) {
                out.add(entry);
            }
        }
        return out;
    }

    private void notRead(Map<String, List<Input>> byType) {
        Set<String> read = Set.of("Patient", "Coverage", "MedicationRequest", "Medication", "Condition", "Observation");
        List<String> others = new ArrayList<>();
        byType.forEach((type, found) -> {
            if (!read.contains(type)) {
                others.add(found.size() + " " + type);
            }
        });
        if (!others.isEmpty()) {
            message("Not read (the request has no part for them): " + String.join(", ", others));
        }
    }

    private void checkLimits(List<GenotypeInput> genotypes, Set<String> diagnoses) {
        if (genotypes.size() > RequestReader.MAX_GENOTYPES) {
            error("Observation", genotypes.size() + " genomics results; a request carries at most "
                    + RequestReader.MAX_GENOTYPES);
        }
        if (diagnoses.size() > RequestReader.MAX_BIOMARKERS) {
            error("Condition", diagnoses.size() + " ICD-10 diagnoses; a request carries at most "
                    + RequestReader.MAX_BIOMARKERS);
        }
    }
}
