// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.drug.DrugRef;
import org.precisionformulary.model.genotype.AlleleResult;
import org.precisionformulary.model.genotype.Gene;
import org.precisionformulary.model.genotype.GenotypeInput;
import org.precisionformulary.model.request.CoverageRequest;

/** Which FHIR element becomes which request field, and how every unreadable element is named. */
class FhirRequestMapperTest {

    private static final LocalDate SERVICE_DATE = LocalDate.of(2026, 11, 20);
    private static final FhirRequestMapper MAPPER = FhirRequestMapper.create();

    private static FhirMapping bundle(String fixture) {
        return MAPPER.fromBundle(Fixtures.text(fixture), SERVICE_DATE);
    }

    /** A fixture with one resource replaced by the given JSON (same id). */
    private static String replacing(String fixture, String id, String resource) {
        String text = Fixtures.text(fixture);
        int idAt = text.indexOf("\"id\": \"" + id + "\"");
        int start = text.lastIndexOf("\"resource\": {", idAt) + "\"resource\": ".length();
        int depth = 0;
        int end = start;
        do {
            char c = text.charAt(end++);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        } while (depth > 0);
        return text.substring(0, start) + resource + text.substring(end);
    }

    @Test
    void aGenotypeBundleBecomesTheRequestTheContractDescribes() {
        FhirMapping mapping = bundle("cyp2d6-poor-codeine.json");
        assertThat(mapping.errors()).isEmpty();
        CoverageRequest r = mapping.request();
        assertThat(r.requestId()).isEqualTo("mr-codeine");
        assertThat(r.serviceDate()).isEqualTo(SERVICE_DATE);
        assertThat(r.member().id()).isEqualTo("M-1001");
        assertThat(r.member().planId()).isEqualTo("DEMO");
        assertThat(r.member().birthDate()).isEqualTo(LocalDate.of(1970, 4, 2));
        assertThat(r.member().monitoringGroup()).isNull();
        assertThat(r.drug()).isEqualTo(new DrugRef(null, "2670"));
        assertThat(r.diagnoses()).containsExactly("G89.29");
        assertThat(r.genotypes()).containsExactly(
                new GenotypeInput(Gene.CYP2D6, "*4/*4", null, null, null, null, "FHIR Observation/gt-cyp2d6",
                        LocalDate.of(2026, 10, 1)),
                new GenotypeInput(Gene.CYP2D6, null, "Poor Metabolizer", null, null, null,
                        "FHIR Observation/ti-cyp2d6", null));
        assertThat(mapping.messages()).containsExactly("Not read (the request has no part for them): 1 DiagnosticReport");
    }

    @Test
    void hlaCodingsBecomeADiplotypeAndAContainedMedicationTheDrug() {
        FhirMapping mapping = bundle("hla-b-5701-abacavir.json");
        assertThat(mapping.errors()).isEmpty();
        CoverageRequest r = mapping.request();
        assertThat(r.member().id()).isEqualTo("M-2002");
        assertThat(r.drug().rxnorm()).isEqualTo("190521");
        assertThat(r.diagnoses()).containsExactly("B20");
        assertThat(r.genotypes()).singleElement().satisfies(g -> {
            assertThat(g.gene()).isEqualTo(Gene.HLA_B);
            assertThat(g.diplotype()).isEqualTo("HLA-B*57:01:01/HLA-B*08:01:01");
            assertThat(g.resultDate()).isEqualTo(LocalDate.of(2026, 6, 3));
        });
    }

    /** The HLA-B fixture, its genotype observation with this status, value text and further elements. */
    private static FhirMapping hlaB(String status, String valueText, String more) {
        String obs = """
                { "resourceType": "Observation", "id": "gt-hla-b", "status": "%s", %s
                  "code": { "coding": [ { "system": "http://loinc.org", "code": "84413-4" } ] },
                  "valueCodeableConcept": { "text": "%s" },
                  "component": [ { "code": { "coding": [ { "system": "http://loinc.org", "code": "48018-6" } ] },
                    "valueCodeableConcept": { "coding": [ { "system": "http://www.genenames.org/geneId", "code": "HGNC:4932" } ] } } ] }"""
                .formatted(status, more, valueText);
        return MAPPER.fromBundle(replacing("hla-b-5701-abacavir.json", "gt-hla-b", obs), SERVICE_DATE);
    }

    @Test
    void anHlaAlleleWithItsResultBecomesAnAlleleEntry() {
        FhirMapping mapping = hlaB("amended", "HLA-B*57:01 negative", "");
        assertThat(mapping.request().genotypes()).singleElement().satisfies(g -> {
            assertThat(g.allele()).isEqualTo("HLA-B*57:01");
            assertThat(g.result()).isEqualTo(AlleleResult.NEGATIVE);
        });
    }

    @Test
    void oneHlaAlleleWithoutAResultIsAnErrorNotAGuess() {
        FhirMapping mapping = hlaB("final", "HLA-B*57:01", "");
        assertThat(mapping.isValid()).isFalse();
        assertThat(mapping.errors()).extracting(FieldError::field).containsExactly("Observation/gt-hla-b.interpretation");

        FhirMapping interpreted = hlaB("final", "HLA-B*57:01", "\"interpretation\": [ { \"coding\": [ { "
                + "\"system\": \"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation\", \"code\": \"POS\" } ] } ],");
        assertThat(interpreted.request().genotypes()).singleElement()
                .satisfies(g -> assertThat(g.result()).isEqualTo(AlleleResult.POSITIVE));
    }

    @Test
    void pharmVarCodingsWithoutTextGiveTheDiplotype() {
        String obs = """
                { "resourceType": "Observation", "id": "gt-cyp2c9", "status": "final",
                  "code": { "coding": [ { "system": "http://loinc.org", "code": "84413-4" } ] },
                  "valueCodeableConcept": { "coding": [
                    { "system": "http://www.pharmvar.org", "code": "PV00538", "display": "CYP2C9*2" },
                    { "system": "http://www.pharmvar.org", "code": "PV00541", "display": "CYP2C9*5" } ] },
                  "component": [ { "code": { "coding": [ { "system": "http://loinc.org", "code": "48018-6" } ] },
                    "valueCodeableConcept": { "coding": [ { "system": "http://www.genenames.org/geneId", "code": "HGNC:2623", "display": "CYP2C9" } ] } } ] }""";
        FhirMapping mapping = MAPPER.fromBundle(replacing("hla-b-5701-abacavir.json", "gt-hla-b", obs), SERVICE_DATE);
        assertThat(mapping.errors()).isEmpty();
        assertThat(mapping.request().genotypes()).singleElement()
                .satisfies(g -> assertThat(g.gene()).isEqualTo(Gene.CYP2C9))
                .satisfies(g -> assertThat(g.diplotype()).isEqualTo("CYP2C9*2/CYP2C9*5"));
    }

    @Test
    void unreadableComponentsAreErrorsNamingTheElement() {
        FhirMapping mapping = bundle("unreadable-components.json");
        assertThat(mapping.isValid()).isFalse();
        assertThat(mapping.request()).isNull();
        assertThat(mapping.errors()).extracting(FieldError::field).containsExactly(
                "Observation/gt-cyp2d6.component[0].value[x]",
                "Observation/ti-cyp2d6.component[1].valueCodeableConcept",
                "Observation/ti-cyp2d6.derivedFrom");
        assertThat(mapping.errors().get(0).message()).contains("CodeableConcept", "string");
        assertThat(mapping.errors().get(1).message()).contains("LOINC LA99999-9", "code-map.tsv");
    }

    @Test
    void aGeneCodeWhoseDisplayNamesAnotherGeneIsAnError() {
        String text = Fixtures.text("cyp2d6-poor-codeine.json")
                .replace("\"code\": \"HGNC:2625\", \"display\": \"CYP2D6\"", "\"code\": \"HGNC:2625\", \"display\": \"CYP2C19\"");
        FhirMapping mapping = MAPPER.fromBundle(text, SERVICE_DATE);
        assertThat(mapping.errors()).extracting(FieldError::field)
                .contains("Observation/gt-cyp2d6.component[0].valueCodeableConcept");
    }

    @Test
    void aGeneTheRulePackDoesNotReadIsLeftOutWithAMessage() {
        String text = Fixtures.text("cyp2d6-poor-codeine.json")
                .replace("\"code\": \"HGNC:2625\", \"display\": \"CYP2D6\"", "\"code\": \"HGNC:613\", \"display\": \"APOE\"");
        FhirMapping mapping = MAPPER.fromBundle(text, SERVICE_DATE);
        assertThat(mapping.messages()).anySatisfy(m -> assertThat(m).startsWith("Observation/gt-cyp2d6: gene ")
                .contains("HGNC:613").contains("not one the rule pack reads"));
    }

    @Test
    void aResultAboutAnotherPatientIsAnError() {
        String text = Fixtures.text("cyp2d6-poor-codeine.json").replaceFirst(
                "(\"id\": \"gt-cyp2d6\"[\\s\\S]*?)\"reference\": \"Patient/pat-1\"", "$1\"reference\": \"Patient/someone-else\"");
        FhirMapping mapping = MAPPER.fromBundle(text, SERVICE_DATE);
        assertThat(mapping.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("Observation/gt-cyp2d6.subject");
            assertThat(e.message()).contains("Patient/someone-else", "Patient/pat-1");
        });
    }

    @Test
    void withoutAPatientEveryResourceMustBeAboutTheSameSubject() {
        String text = replacing("cyp2d6-phenotype-codeine.json", "pat-3",
                "{ \"resourceType\": \"Basic\", \"id\": \"b-1\", \"code\": { \"text\": \"x\" } }")
                .replaceFirst("(\"id\": \"pheno-cyp2d6\"[\\s\\S]*?)\"reference\": \"Patient/pat-3\"",
                        "$1\"reference\": \"Patient/pat-4\"");
        FhirMapping mapping = MAPPER.fromBundle(text, SERVICE_DATE);
        assertThat(mapping.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("Observation/pheno-cyp2d6.subject");
            assertThat(e.message()).isEqualTo("refers to Patient/pat-4, but Coverage/cov-3.beneficiary to Patient/pat-3;"
                    + " a request is for one patient");
        });
    }

    @Test
    void malformedJsonIsAnErrorNotAnException() {
        FhirMapping mapping = MAPPER.fromBundle("{ \"resourceType\": \"Bundle\", \"entry\": [ ", SERVICE_DATE);
        assertThat(mapping.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("$");
            assertThat(e.message()).startsWith("not FHIR JSON");
        });
        assertThat(MAPPER.fromBundle("", SERVICE_DATE).errors()).extracting(FieldError::message)
                .containsExactly("the input is empty");
        assertThat(MAPPER.fromBundle(null, SERVICE_DATE).errors()).hasSize(1);
        assertThat(MAPPER.fromBundle("[1, 2]", SERVICE_DATE).errors()).extracting(FieldError::field).containsExactly("$");
        assertThat(MAPPER.fromBundle("{\"resourceType\": \"Patient\", \"id\": \"p\"}", SERVICE_DATE).errors())
                .singleElement().satisfies(e -> assertThat(e.message()).contains("a Bundle was expected"));
    }

    @Test
    void anInvalidValueIsAnError() {
        String text = Fixtures.text("cyp2d6-poor-codeine.json").replace("\"birthDate\": \"1970-04-02\"",
                "\"birthDate\": \"1970-13-45\"");
        FhirMapping mapping = MAPPER.fromBundle(text, SERVICE_DATE);
        assertThat(mapping.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("$");
            assertThat(e.message()).contains("1970-13-45");
        });
    }

    @Test
    void aPartialBirthDateIsLeftOutWithAMessage() {
        String text = Fixtures.text("cyp2d6-poor-codeine.json").replace("\"birthDate\": \"1970-04-02\"", "\"birthDate\": \"1970\"");
        FhirMapping mapping = MAPPER.fromBundle(text, SERVICE_DATE);
        assertThat(mapping.request().member().birthDate()).isNull();
        assertThat(mapping.messages()).anySatisfy(m -> assertThat(m).startsWith("Patient/pat-1.birthDate: 1970 is not a full date"));
    }

    @Test
    void twoOpenPrescriptionsAreAnErrorAndAStoppedOneIsLeftOut() {
        String second = """
                { "resourceType": "MedicationRequest", "id": "mr-tramadol", "status": "active", "intent": "order",
                  "medicationCodeableConcept": { "text": "tramadol" }, "subject": { "reference": "Patient/pat-1" } }""";
        String two = replacing("cyp2d6-poor-codeine.json", "report-1", second);
        assertThat(MAPPER.fromBundle(two, SERVICE_DATE).errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("MedicationRequest");
            assertThat(e.message()).contains("mr-codeine", "mr-tramadol");
        });
        String stopped = replacing("cyp2d6-poor-codeine.json", "report-1", second.replace("\"active\"", "\"stopped\""));
        FhirMapping mapping = MAPPER.fromBundle(stopped, SERVICE_DATE);
        assertThat(mapping.request().requestId()).isEqualTo("mr-codeine");
        assertThat(mapping.messages()).contains("MedicationRequest/mr-tramadol: status stopped; only an active, draft or on-hold"
                + " prescription is decided");
    }

    @Test
    void withoutAPrescriptionThereIsNothingToDecide() {
        String text = replacing("cyp2d6-poor-codeine.json", "mr-codeine",
                "{ \"resourceType\": \"Basic\", \"id\": \"b-1\", \"code\": { \"text\": \"x\" } }");
        assertThat(MAPPER.fromBundle(text, SERVICE_DATE).errors()).extracting(FieldError::field)
                .containsExactly("MedicationRequest");
    }

    @Test
    void singleResourcesAndSearchBundlesMapLikeOneBundle() {
        String patient = "{ \"resourceType\": \"Patient\", \"id\": \"pat-9\", \"birthDate\": \"2001-02-03\" }";
        String order = """
                { "resourceType": "MedicationRequest", "id": "mr-9", "status": "draft", "intent": "proposal",
                  "medicationCodeableConcept": { "coding": [ { "system": "http://hl7.org/fhir/sid/ndc", "code": "0054-4156-25" } ] },
                  "subject": { "reference": "Patient/pat-9" } }""";
        String search = """
                { "resourceType": "Bundle", "type": "searchset", "entry": [
                  { "resource": { "resourceType": "Observation", "id": "o-1", "status": "final",
                      "code": { "coding": [ { "system": "http://loinc.org", "code": "84413-4" } ] },
                      "subject": { "reference": "Patient/pat-9" },
                      "valueString": "CYP2C19 *2/*17",
                      "component": [ { "code": { "coding": [ { "system": "http://loinc.org", "code": "48018-6" } ] },
                        "valueCodeableConcept": { "text": "CYP2C19" } } ] } },
                  { "resource": { "resourceType": "Condition", "id": "c-1",
                      "code": { "coding": [ { "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "I214" } ] },
                      "subject": { "reference": "Patient/pat-9" } } },
                  { "resource": { "resourceType": "Condition", "id": "c-2",
                      "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "22298006" } ] },
                      "subject": { "reference": "Patient/pat-9" } } } ] }""";
        FhirMapping mapping = MAPPER.fromResources(List.of(patient, order, search), null);
        assertThat(mapping.errors()).isEmpty();
        CoverageRequest r = mapping.request();
        assertThat(r.requestId()).isEqualTo("mr-9");
        assertThat(r.serviceDate()).isNull();
        assertThat(r.member().id()).isEqualTo("pat-9");
        assertThat(r.drug().ndc()).isEqualTo("00054415625");
        assertThat(r.diagnoses()).containsExactly("I21.4");
        assertThat(r.genotypes()).singleElement().satisfies(g -> {
            assertThat(g.gene()).isEqualTo(Gene.CYP2C19);
            assertThat(g.diplotype()).isEqualTo("CYP2C19 *2/*17");
        });
        assertThat(mapping.messages()).containsExactly(
                "Condition/c-2: no ICD-10 coding (http://snomed.info/sct|22298006); not used to choose a CPIC population");
    }

    @Test
    void aResourceThatIsNotJsonIsNamedByItsPlace() {
        FhirMapping mapping = MAPPER.fromResources(List.of("{ \"resourceType\": \"Patient\", \"id\": \"p\" }", "nope"),
                SERVICE_DATE);
        assertThat(mapping.errors()).extracting(FieldError::field).startsWith("resources[1]");
    }

    @Test
    void anObservationWithAnotherCodeIsNotReadAndSaysSo() {
        String text = Fixtures.text("cyp2d6-poor-codeine.json").replace("\"code\": \"84413-4\"", "\"code\": \"84414-2\"");
        FhirMapping mapping = MAPPER.fromBundle(text, SERVICE_DATE);
        assertThat(mapping.messages()).anySatisfy(m -> assertThat(m)
                .isEqualTo("Observation/gt-cyp2d6: code LOINC 84414-2 is not a genomics code in the code map (code-map.tsv); not read"));
    }
}
