// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.precisionformulary.engine.testing.TestEngines;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.ContractJson;
import org.precisionformulary.model.json.FormularyException;
import org.precisionformulary.model.json.FormularyReader;

/**
 * The legal clock of an exception request: a hold on a request that says when it was submitted carries the
 * moment the plan's answer is due, in the plan's hours for standard and expedited requests.
 */
class ExceptionDeadlineTest {

    private static final String STEP_PLAN = """
            { "formularyId": "CLOCK", %s
              "drugs": [ { "drug": "codeine", "tier": 1, "class": "opioid" },
                         { "drug": "hydromorphone", "tier": 2, "class": "opioid",
                           "stepTherapy": { "anyOf": ["codeine"], "lookbackDays": 180 } } ] }
            """;

    private static final PrecisionFormulary DEFAULTS = TestEngines.withFormulary(STEP_PLAN.formatted(""));

    private static CoverageDecision hydromorphone(PrecisionFormulary engine, String submission) {
        return engine.evaluate("{\"requestId\":\"C-1\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M\"},"
                + "\"drug\":{\"name\":\"hydromorphone\"}" + (submission == null ? "" : ",\"submission\":" + submission) + "}");
    }

    @Test
    void aStandardRequestIsDue72HoursAfterItsSubmissionAndAnExpeditedOne24() throws Exception {
        CoverageDecision standard = hydromorphone(DEFAULTS, "{\"submittedAt\":\"2026-11-20T09:30:00Z\"}");
        assertThat(standard.outcome()).isEqualTo(Outcome.STEP_THERAPY_REQUIRED);
        assertThat(standard.respondBy()).isEqualTo(Instant.parse("2026-11-23T09:30:00Z"));
        assertThat(standard.reasons()).contains("exception request deadline: the plan answers by 2026-11-23T09:30:00Z,"
                + " 72 hours after the standard request submitted at 2026-11-20T09:30:00Z");
        assertThat(ContractJson.toJson(standard)).endsWith(",\"respondBy\":\"2026-11-23T09:30:00Z\"}");

        // An offset is kept as the instant it names; the expedited clock runs across midnight and the month end.
        CoverageDecision expedited = hydromorphone(DEFAULTS,
                "{\"submittedAt\":\"2026-11-30T23:59:59-05:00\",\"urgency\":\"EXPEDITED\"}");
        assertThat(expedited.respondBy()).isEqualTo(Instant.parse("2026-12-02T04:59:59Z"));
    }

    @Test
    void thePlanSetsItsJurisdictionsHours() {
        PrecisionFormulary plan = TestEngines.withFormulary(STEP_PLAN.formatted(
                "\"policy\": { \"exceptionResponse\": { \"standardHours\": 48, \"expeditedHours\": 12 } },"));

        assertThat(hydromorphone(plan, "{\"submittedAt\":\"2026-11-20T00:00:00Z\"}").respondBy())
                .isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(hydromorphone(plan, "{\"submittedAt\":\"2026-11-20T00:00:00Z\",\"urgency\":\"expedited\"}")
                .respondBy()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
        assertThatThrownBy(() -> FormularyReader.read(STEP_PLAN.formatted(
                "\"policy\": { \"exceptionResponse\": { \"standardHours\": 24, \"expeditedHours\": 48 } },"), "bad"))
                .isInstanceOf(FormularyException.class).hasMessageContaining("expeditedHours");
    }

    @Test
    void onlyAHoldOnASubmittedRequestHasADeadline() {
        assertThat(hydromorphone(DEFAULTS, null).respondBy()).isNull();
        assertThat(ContractJson.toJson(hydromorphone(DEFAULTS, null))).doesNotContain("respondBy");
        CoverageDecision paid = DEFAULTS.evaluate("{\"requestId\":\"C-2\",\"serviceDate\":\"2026-11-20\","
                + "\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"codeine\"},\"submission\":{\"submittedAt\":"
                + "\"2026-11-20T09:30:00Z\"}}");
        assertThat(paid.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(paid.respondBy()).isNull();
    }

    @Test
    void aMalformedSubmissionIsAFieldError() {
        CoverageDecision d = hydromorphone(DEFAULTS, "{\"submittedAt\":\"2026-11-20 09:30\",\"urgency\":\"soon\"}");

        assertThat(d.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(d.errors()).extracting(e -> e.field()).containsExactlyInAnyOrder("submission.submittedAt",
                "submission.urgency");
        assertThat(hydromorphone(DEFAULTS, "{\"urgency\":\"standard\"}").errors()).extracting(e -> e.field())
                .containsExactly("submission.submittedAt");
    }
}
