// SPDX-License-Identifier: Apache-2.0
/**
 * HL7 FHIR R4 input: {@link org.precisionformulary.fhir.FhirRequestMapper} reads a Bundle or single resources
 * (Genomics Reporting genotype, therapeutic-implication and phenotype observations, MedicationRequest,
 * Patient, Condition, Coverage) into a coverage request, naming every element it cannot read, by the codes in
 * a replaceable {@link org.precisionformulary.fhir.FhirCodeMap}.
 */
package org.precisionformulary.fhir;
