// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.precisionformulary.engine.ncpdp.NcpdpResponse;
import org.precisionformulary.engine.testing.TestEngines;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.Outcome;

/**
 * A plan's quantity limit on the fill a claim describes: 76 with the limit in the message, paid with an
 * accepted submission clarification code, and never a matter of genotype.
 */
class QuantityLimitTest {

    private static PrecisionFormulary engine;

    @BeforeAll
    static void engine() {
        engine = TestEngines.withFormulary("""
                { "formularyId": "QL", "policy": { "quantityLimitClarificationCodes": ["3", "04"] },
                  "drugs": [ { "drug": "ondansetron", "tier": 1, "class": "antiemetic",
                               "quantityLimit": { "amount": 18, "days": 30 } },
                             { "drug": "granisetron", "tier": 2, "class": "antiemetic" },
                             { "drug": "codeine", "tier": 1, "class": "opioid",
                               "quantityLimit": { "amount": 2.5, "days": 1 } } ] }
                """);
    }

    private static CoverageDecision claim(String drug, String claim, String genotypes) {
        return engine.evaluate("{\"requestId\":\"Q-1\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M\"},"
                + "\"drug\":{\"name\":\"" + drug + "\"}" + (genotypes == null ? "" : ",\"genotypes\":[" + genotypes + "]")
                + (claim == null ? "" : ",\"claim\":" + claim) + "}");
    }

    @Test
    void aFillOverTheLimitIsRejectedWithTheLimitAndTheAcceptedCodesInTheMessage() {
        CoverageDecision d = claim("ondansetron", "{\"quantityDispensed\":24,\"daysSupply\":30}", null);

        assertThat(d.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(d.rejectCodes()).containsExactly("76");
        assertThat(d.reasons()).contains("quantity limit: the fill is more than the plan allows: quantity 24 for 30"
                + " days is more than the plan's limit of 18 per 30 days allows (18 for 30 days); submission"
                + " clarification codes the plan accepts for it: 03, 04; or a prior authorization for the fill");
        assertThat(d.memberExplanation()).contains("more than your plan covers at one time").doesNotContain("genetic");
        assertThat(NcpdpResponse.fields(d).get("526-FQ")).asString().contains("Plan limit exceeded");
    }

    @Test
    void theLimitIsKeptPerPeriodAndAFractionalLimitReadsAsWritten() {
        assertThat(claim("ondansetron", "{\"quantityDispensed\":54,\"daysSupply\":90}", null).outcome())
                .isEqualTo(Outcome.APPROVED);
        assertThat(claim("ondansetron", "{\"quantityDispensed\":18,\"daysSupply\":5}", null).outcome())
                .isEqualTo(Outcome.APPROVED);
        assertThat(claim("ondansetron", "{\"quantityDispensed\":19,\"daysSupply\":5}", null).rejectCodes())
                .containsExactly("76");
        assertThat(claim("codeine", "{\"quantityDispensed\":76,\"daysSupply\":30}", null).reasons())
                .anySatisfy(r -> assertThat(r).contains("limit of 2.5 per 1 day allows (75 for 30 days)"));
        assertThat(claim("ondansetron", null, null).outcome()).isEqualTo(Outcome.APPROVED);
    }

    @Test
    void anAcceptedClarificationCodePaysWithAnExceptionAndAnotherDoesNot() {
        CoverageDecision paid = claim("ondansetron",
                "{\"quantityDispensed\":24,\"daysSupply\":30,\"submissionClarificationCodes\":[\"05\",\"03\"]}", null);

        assertThat(paid.outcome()).isEqualTo(Outcome.APPROVED_WITH_EXCEPTION);
        assertThat(paid.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ExceptionType.QUANTITY_LIMIT_OVERRIDE);
            assertThat(e.ground()).isEqualTo("submission clarification code 03 accepted for quantity 24 over the"
                    + " plan's limit of 18 per 30 days (18 for 30 days)");
        });
        assertThat(paid.memberExplanation()).contains("more than the usual amount");
        assertThat(claim("ondansetron", "{\"quantityDispensed\":24,\"daysSupply\":30,"
                + "\"submissionClarificationCodes\":[5]}", null).rejectCodes()).containsExactly("76");
    }

    @Test
    void aPriorAuthorizationNumberOnTheClaimPaysTheFillOverTheLimit() {
        CoverageDecision paid = claim("ondansetron",
                "{\"quantityDispensed\":24,\"daysSupply\":30,\"priorAuthorizationNumber\":\"PA-12345\"}", null);

        assertThat(paid.outcome()).isEqualTo(Outcome.APPROVED_WITH_EXCEPTION);
        assertThat(paid.exceptions()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ExceptionType.QUANTITY_LIMIT_OVERRIDE);
            assertThat(e.ground()).isEqualTo("prior authorization PA-12345 on the claim for quantity 24 over the"
                    + " plan's limit of 18 per 30 days (18 for 30 days)");
        });
        // Within the limit the number changes nothing; a malformed one is a field error.
        assertThat(claim("ondansetron", "{\"quantityDispensed\":18,\"daysSupply\":30,"
                + "\"priorAuthorizationNumber\":\"PA-12345\"}", null).exceptions()).isEmpty();
        assertThat(claim("ondansetron", "{\"quantityDispensed\":24,\"daysSupply\":30,"
                + "\"priorAuthorizationNumber\":\"way too long a number\"}", null).errors())
                .extracting(e -> e.field()).containsExactly("claim.priorAuthorizationNumber");
    }

    @Test
    void genotypesNeitherCauseNorLiftTheLimit() {
        String poorMetabolizer = "{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}";
        String normal = "{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*1\"}";

        // Over the limit: the same 76 with or without genotypes, never a GINA review.
        CoverageDecision tested = claim("ondansetron", "{\"quantityDispensed\":24,\"daysSupply\":30}", poorMetabolizer);
        assertThat(tested.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(tested.rejectCodes()).containsExactly("76");
        assertThat(tested.errors()).isEmpty();
        // A hard stop and the limit together: the stop decides.
        assertThat(claim("codeine", "{\"quantityDispensed\":100,\"daysSupply\":30}", poorMetabolizer).rejectCodes())
                .containsExactly("88");
        assertThat(claim("codeine", "{\"quantityDispensed\":100,\"daysSupply\":30}", normal).rejectCodes())
                .containsExactly("76");
    }

    @Test
    void aMalformedClaimSegmentIsAFieldErrorNamingEachField() {
        CoverageDecision d = claim("ondansetron",
                "{\"quantityDispensed\":\"ten\",\"daysSupply\":1000,\"submissionClarificationCodes\":[\"A1\"]}", null);

        assertThat(d.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(d.errors()).extracting(e -> e.field()).containsExactlyInAnyOrderElementsOf(List.of(
                "claim.quantityDispensed", "claim.daysSupply", "claim.submissionClarificationCodes[0]"));
        assertThat(claim("ondansetron", "[]", null).errors()).extracting(e -> e.field()).containsExactly("claim");
    }
}
