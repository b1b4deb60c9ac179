// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.precisionformulary.model.drug.DrugRef;
import org.precisionformulary.model.genotype.GenotypeInput;

/**
 * A coverage request (contract §1).
 *
 * @param requestId   the caller's id, echoed in the decision (required)
 * @param serviceDate the date of service; defaults to the evaluation date; look-backs count from it
 * @param member      the member (required)
 * @param drug        the drug requested (required)
 * @param indication  the CPIC population the prescription is for, optional
 * @param diagnoses   ICD-10 codes, optional
 * @param genotypes   genotype results
 * @param biomarkers  biomarker results
 * @param history     past fills
 * @param durPps      the pharmacist's DUR/PPS answers on a resubmitted claim, optional
 * @param claim       the fill the claim is for (quantity, days supply, clarification codes), optional
 * @param submission  when the request was submitted and how urgent it is, for the deadline of a hold, optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"requestId", "serviceDate", "member", "drug", "indication", "diagnoses", "genotypes",
        "biomarkers", "history", "durPps", "claim", "submission"})
public record CoverageRequest(String requestId, LocalDate serviceDate, Member member, DrugRef drug,
                              String indication, List<String> diagnoses, List<GenotypeInput> genotypes,
                              List<Biomarker> biomarkers, List<Fill> history,
                              @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DurPps> durPps,
                              ClaimDetails claim, Submission submission) {

    /** @throws IllegalArgumentException when requestId, member or drug is missing */
    public CoverageRequest {
        if (requestId == null || requestId.isBlank()) {
            throw new IllegalArgumentException("requestId is missing");
        }
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(drug, "drug");
        diagnoses = diagnoses == null ? List.of() : List.copyOf(diagnoses);
        genotypes = genotypes == null ? List.of() : List.copyOf(genotypes);
        biomarkers = biomarkers == null ? List.of() : List.copyOf(biomarkers);
        history = history == null ? List.of() : List.copyOf(history);
        durPps = durPps == null ? List.of() : List.copyOf(durPps);
    }

    /**
     * A request without a submission time.
     *
     * @param requestId   the request id
     * @param serviceDate the date of service, optional
     * @param member      the member
     * @param drug        the drug
     * @param indication  the CPIC population, optional
     * @param diagnoses   ICD-10 codes, optional
     * @param genotypes   genotype results
     * @param biomarkers  biomarker results
     * @param history     past fills
     * @param durPps      the pharmacist's DUR/PPS answers, optional
     * @param claim       the fill the claim is for, optional
     * @throws IllegalArgumentException when requestId, member or drug is missing
     */
    public CoverageRequest(String requestId, LocalDate serviceDate, Member member, DrugRef drug, String indication,
                           List<String> diagnoses, List<GenotypeInput> genotypes, List<Biomarker> biomarkers,
                           List<Fill> history, List<DurPps> durPps, ClaimDetails claim) {
        this(requestId, serviceDate, member, drug, indication, diagnoses, genotypes, biomarkers, history, durPps, claim,
                null);
    }

    /**
     * A request without claim details.
     *
     * @param requestId   the request id
     * @param serviceDate the date of service, optional
     * @param member      the member
     * @param drug        the drug
     * @param indication  the CPIC population, optional
     * @param diagnoses   ICD-10 codes, optional
     * @param genotypes   genotype results
     * @param biomarkers  biomarker results
     * @param history     past fills
     * @param durPps      the pharmacist's DUR/PPS answers, optional
     * @throws IllegalArgumentException when requestId, member or drug is missing
     */
    public CoverageRequest(String requestId, LocalDate serviceDate, Member member, DrugRef drug, String indication,
                           List<String> diagnoses, List<GenotypeInput> genotypes, List<Biomarker> biomarkers,
                           List<Fill> history, List<DurPps> durPps) {
        this(requestId, serviceDate, member, drug, indication, diagnoses, genotypes, biomarkers, history, durPps, null,
                null);
    }

    /**
     * A request without DUR/PPS answers.
     *
     * @param requestId   the request id
     * @param serviceDate the date of service, optional
     * @param member      the member
     * @param drug        the drug
     * @param indication  the CPIC population, optional
     * @param diagnoses   ICD-10 codes, optional
     * @param genotypes   genotype results
     * @param biomarkers  biomarker results
     * @param history     past fills
     * @throws IllegalArgumentException when requestId, member or drug is missing
     */
    public CoverageRequest(String requestId, LocalDate serviceDate, Member member, DrugRef drug, String indication,
                           List<String> diagnoses, List<GenotypeInput> genotypes, List<Biomarker> biomarkers,
                           List<Fill> history) {
        this(requestId, serviceDate, member, drug, indication, diagnoses, genotypes, biomarkers, history, List.of(), null,
                null);
    }

    /**
     * Starts a request for a member and a drug; add the rest with the {@code with} methods.
     *
     * @param requestId the request id
     * @param memberId  the member id
     * @param drugName  the drug name
     * @return the request
     * @throws IllegalArgumentException when an argument is blank
     */
    public static CoverageRequest of(String requestId, String memberId, String drugName) {
        return new CoverageRequest(requestId, null, Member.of(memberId), DrugRef.named(drugName),
                null, null, null, null, null);
    }

    /**
     * @param more genotype entries to add
     * @return a copy with the entries appended
     */
    public CoverageRequest withGenotypes(GenotypeInput... more) {
        List<GenotypeInput> all = new java.util.ArrayList<>(genotypes);
        all.addAll(List.of(more));
        return new CoverageRequest(requestId, serviceDate, member, drug, indication, diagnoses, all, biomarkers, history, durPps, claim, submission);
    }

    /**
     * @param date the service date
     * @return a copy with the service date set
     */
    public CoverageRequest withServiceDate(LocalDate date) {
        return new CoverageRequest(requestId, date, member, drug, indication, diagnoses, genotypes, biomarkers, history, durPps, claim, submission);
    }

    /**
     * @param population the CPIC population the prescription is for
     * @return a copy with the indication set
     */
    public CoverageRequest withIndication(String population) {
        return new CoverageRequest(requestId, serviceDate, member, drug, population, diagnoses, genotypes, biomarkers, history, durPps, claim, submission);
    }

    /**
     * @param fills past fills to add
     * @return a copy with the fills appended
     */
    public CoverageRequest withHistory(Fill... fills) {
        List<Fill> all = new java.util.ArrayList<>(history);
        all.addAll(List.of(fills));
        return new CoverageRequest(requestId, serviceDate, member, drug, indication, diagnoses, genotypes, biomarkers, all, durPps, claim, submission);
    }

    /**
     * @param details the fill the claim is for
     * @return a copy with the claim details set
     */
    public CoverageRequest withClaim(ClaimDetails details) {
        return new CoverageRequest(requestId, serviceDate, member, drug, indication, diagnoses, genotypes, biomarkers,
                history, durPps, details, submission);
    }

    /**
     * @param when when and how urgently the request was made
     * @return a copy with the submission set
     */
    public CoverageRequest withSubmission(Submission when) {
        return new CoverageRequest(requestId, serviceDate, member, drug, indication, diagnoses, genotypes, biomarkers,
                history, durPps, claim, when);
    }

    /** @return a copy without genotypes, as the GINA guard evaluates it */
    public CoverageRequest withoutGenotypes() {
        return new CoverageRequest(requestId, serviceDate, member, drug, indication, diagnoses, List.of(), biomarkers, history, durPps, claim, submission);
    }
}
