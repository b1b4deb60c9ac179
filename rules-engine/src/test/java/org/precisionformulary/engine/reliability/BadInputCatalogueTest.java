// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.RequestReader;

/**
 * One request per class of bad input the contract (§4) promises to refuse, each checked for the exact field its
 * error names. docs/reliability.md lists the same catalogue with its samples. The single tests after it are
 * inputs fuzzing found the engine did not refuse cleanly, kept so they stay fixed.
 */
class BadInputCatalogueTest {

    private static final PrecisionFormulary ENGINE = DecisionChecks.engine();

    private static final String HEAD = "\"requestId\":\"BAD\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M-1\"}";
    private static final String CODEINE = HEAD + ",\"drug\":{\"name\":\"codeine\"}";

    private static String withGenotypes(String... entries) {
        return "{" + CODEINE + ",\"genotypes\":[" + String.join(",", entries) + "]}";
    }

    private static String withHistory(String... fills) {
        return "{" + CODEINE + ",\"history\":[" + String.join(",", fills) + "]}";
    }

    private static String repeated(String item, int times) {
        return String.join(",", java.util.Collections.nCopies(times, item));
    }

    static Stream<Arguments> catalogue() {
        String fill = "{\"drug\":\"codeine\",\"filledOn\":\"2026-10-01\",\"daysSupply\":30}";
        return Stream.of(
                Arguments.of("not JSON", "{\"requestId\":\"BAD\",\"member\":", "$"),
                Arguments.of("not a JSON object", "[\"codeine\"]", "$"),
                Arguments.of("wrong type: member is a string", "{\"requestId\":\"BAD\",\"member\":\"M-1\",\"drug\":{\"name\":\"codeine\"}}", "member"),
                Arguments.of("wrong type: daysSupply is a string", withHistory("{\"drug\":\"codeine\",\"filledOn\":\"2026-10-01\",\"daysSupply\":\"30\"}"), "history[0].daysSupply"),
                Arguments.of("wrong type: biomarker value is a string", "{" + CODEINE + ",\"biomarkers\":[{\"name\":\"PD-L1\",\"value\":\"60%\"}]}", "biomarkers[0].value"),
                Arguments.of("missing requestId", "{\"member\":{\"id\":\"M-1\"},\"drug\":{\"name\":\"codeine\"}}", "requestId"),
                Arguments.of("missing member.id", "{\"requestId\":\"BAD\",\"member\":{\"planId\":\"DEMO\"},\"drug\":{\"name\":\"codeine\"}}", "member.id"),
                Arguments.of("missing drug name and rxnorm", "{" + HEAD + ",\"drug\":{}}", "drug"),
                Arguments.of("unknown gene", withGenotypes("{\"gene\":\"CYP9Z9\",\"diplotype\":\"*1/*1\"}"), "genotypes[0].gene"),
                Arguments.of("allele not in the gene's table", withGenotypes("{\"gene\":\"CYP2C19\",\"diplotype\":\"*1/*999\"}"), "genotypes[0].diplotype"),
                Arguments.of("malformed copy number (xN)", withGenotypes("{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*2xN\"}"), "genotypes[0].diplotype"),
                Arguments.of("impossible copy number (x1)", withGenotypes("{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*2x1\"}"), "genotypes[0].diplotype"),
                Arguments.of("implausible copy number (x14, over 13)", withGenotypes("{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*1x14\"}"), "genotypes[0].diplotype"),
                Arguments.of("conflicting genotype entries", withGenotypes("{\"gene\":\"CYP2C19\",\"diplotype\":\"*2/*2\"}",
                        "{\"gene\":\"CYP2C19\",\"diplotype\":\"*1/*1\"}"), "genotypes[1]"),
                Arguments.of("conflicting HLA results", withGenotypes("{\"gene\":\"HLA-B\",\"allele\":\"*57:01\",\"result\":\"positive\"}",
                        "{\"gene\":\"HLA-B\",\"allele\":\"*57:01\",\"result\":\"negative\"}"), "genotypes[1]"),
                Arguments.of("activity score out of range", withGenotypes("{\"gene\":\"CYP2C9\",\"activityScore\":\"9.5\"}"), "genotypes[0].activityScore"),
                Arguments.of("negative activity score", withGenotypes("{\"gene\":\"CYP2D6\",\"activityScore\":-1}"), "genotypes[0].activityScore"),
                Arguments.of("impossible service date", "{\"requestId\":\"BAD\",\"serviceDate\":\"2026-02-30\",\"member\":{\"id\":\"M-1\"},\"drug\":{\"name\":\"codeine\"}}", "serviceDate"),
                Arguments.of("future service date", "{\"requestId\":\"BAD\",\"serviceDate\":\"2027-06-01\",\"member\":{\"id\":\"M-1\"},\"drug\":{\"name\":\"codeine\"}}", "serviceDate"),
                Arguments.of("birth date after the service date", "{\"requestId\":\"BAD\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M-1\",\"birthDate\":\"2030-01-01\"},\"drug\":{\"name\":\"codeine\"}}", "member.birthDate"),
                Arguments.of("date before 1900", "{\"requestId\":\"BAD\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M-1\",\"birthDate\":\"1850-01-01\"},\"drug\":{\"name\":\"codeine\"}}", "member.birthDate"),
                Arguments.of("genotype result dated after the service date", withGenotypes("{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*4\",\"resultDate\":\"2026-12-01\"}"), "genotypes[0].resultDate"),
                Arguments.of("history dated after the service date", withHistory("{\"drug\":\"tramadol\",\"filledOn\":\"2026-12-01\",\"daysSupply\":30}"), "history[0].filledOn"),
                Arguments.of("negative days supply", withHistory("{\"drug\":\"codeine\",\"filledOn\":\"2026-10-01\",\"daysSupply\":-30}"), "history[0].daysSupply"),
                Arguments.of("request over the size limit", "{" + CODEINE + ",\"note\":\"" + "x".repeat(RequestReader.MAX_REQUEST_CHARS) + "\"}", "$"),
                Arguments.of("too many genotype entries", withGenotypes(repeated("{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*1\"}",
                        RequestReader.MAX_GENOTYPES + 1)), "genotypes"),
                Arguments.of("too many biomarkers", "{" + CODEINE + ",\"biomarkers\":[" + repeated("{\"name\":\"EGFR\",\"result\":\"positive\"}",
                        RequestReader.MAX_BIOMARKERS + 1) + "]}", "biomarkers"),
                Arguments.of("history too long", withHistory(repeated(fill, RequestReader.MAX_HISTORY + 1)), "history"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("catalogue")
    void eachBadInputClassIsRefusedNamingItsField(String badInputClass, String request, String field) {
        CoverageDecision decision = ENGINE.evaluate(request);
        assertThat(decision.outcome()).as(badInputClass).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(decision.errors()).as(badInputClass).extracting(FieldError::field).contains(field);
    }

    @Test
    void theLimitsAcceptARequestRightAtThem() {
        String fill = "{\"drug\":\"codeine\",\"filledOn\":\"2026-10-01\",\"daysSupply\":30}";
        CoverageDecision decision = ENGINE.evaluate(withHistory(repeated(fill, RequestReader.MAX_HISTORY)));
        assertThat(decision.errors()).isEmpty();
        assertThat(decision.outcome()).isNotEqualTo(Outcome.PHARMACIST_REVIEW);
    }

    @Test
    void aCopyNumberAtTheBoundIsDecided() {
        CoverageDecision decision = ENGINE.evaluate(withGenotypes("{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*1x13\"}"));
        assertThat(decision.errors()).isEmpty();
        // An ultrarapid metabolizer: CPIC's Strong avoid for codeine, the hard stop.
        assertThat(decision.rejectCodes()).containsExactly("88");
    }

    @Test
    void anOverflowingCopyNumberIsAFieldError() {
        assertRefused(withGenotypes("{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*1x99999999999\"}"), "genotypes[0].diplotype");
    }

    @Test
    void anInfiniteActivityScoreIsAFieldError() {
        assertRefused(withGenotypes("{\"gene\":\"CYP2D6\",\"activityScore\":1e400}"), "genotypes[0].activityScore");
    }

    @Test
    void anActivityScoreWithAHugeExponentIsAFieldError() {
        assertRefused(withGenotypes("{\"gene\":\"CYP2D6\",\"activityScore\":\"1e999999999\"}"), "genotypes[0].activityScore");
    }

    @Test
    void anActivityScoreWithALargeExponentIsRefusedPromptly() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertRefused(
                withGenotypes("{\"gene\":\"CYP2D6\",\"activityScore\":\"1e9999999\"}"), "genotypes[0].activityScore"));
    }

    @Test
    void aNumberBeyondWhatADecimalHoldsIsAnErrorOnTheRequestEvenInAnUnknownField() {
        CoverageDecision decision = ENGINE.evaluate("{" + CODEINE + ",\"note\":1e99999999999}");
        assertThat(decision.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(decision.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("$");
            assertThat(e.message()).startsWith("a number in the request is out of range");
        });
    }

    @Test
    void anUnderflowingActivityScoreIsNotReadAsZero() {
        assertRefused(withGenotypes("{\"gene\":\"CYP2D6\",\"activityScore\":1e-9999999}"), "genotypes[0].activityScore");
    }

    @Test
    void duplicateKeysAreRefused() {
        CoverageDecision decision = ENGINE.evaluate("{" + CODEINE + ",\"drug\":{\"name\":\"morphine\"},\"serviceDate\":\"2001-01-01\"}");
        assertThat(decision.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(decision.errors()).extracting(FieldError::field).containsAnyOf("$", "drug", "serviceDate");
    }

    private static void assertRefused(String request, String field) {
        CoverageDecision decision = ENGINE.evaluate(request);
        assertThat(decision.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(decision.errors()).extracting(FieldError::field).contains(field);
    }
}
