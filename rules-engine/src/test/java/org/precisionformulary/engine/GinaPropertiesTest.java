// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.precisionformulary.engine.testing.GeneratedRequests;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.json.FormularyReader;

/**
 * Over thousands of generated requests on a formulary the tests define: genotypes never add a barrier (a
 * rejection other than the hard stop, a hold, a higher tier), the GINA guard never has to refuse a decision of
 * the built-in pack, and a request with errors is never approved, let alone with an exception.
 */
class GinaPropertiesTest {

    private static final PrecisionFormulary ENGINE = PrecisionFormulary.builder()
            .formulary(FormularyReader.read(GeneratedRequests.FORMULARY, "props"))
            .clock(Clock.fixed(Instant.parse("2026-11-20T00:00:00Z"), ZoneOffset.UTC)).build();

    @Provide
    Arbitrary<String> requests() {
        return GeneratedRequests.requests();
    }

    @Provide
    Arbitrary<String> decidableRequests() {
        return GeneratedRequests.decidableRequests();
    }

    private static String withoutGenotypes(String request) {
        return request.replaceFirst(",\"genotypes\":\\[.*\\]}$", "}");
    }

    private static boolean pays(CoverageDecision d) {
        return d.outcome() == Outcome.APPROVED || d.outcome() == Outcome.APPROVED_WITH_EXCEPTION;
    }

    private static boolean holds(Outcome outcome) {
        return outcome == Outcome.PRIOR_AUTH_REQUIRED || outcome == Outcome.STEP_THERAPY_REQUIRED;
    }

    /**
     * The built-in pack keeps GINA by construction, so its run-time guard never has to refuse a decision; and
     * seen from outside, genotypes add no rejection but the hard stop (88), no hold and no higher tier.
     */
    @Property(tries = 1500)
    void genotypesAddNoBarrierAndTheGuardNeverFiresOnTheBuiltInPack(@ForAll("decidableRequests") String request) {
        CoverageDecision with = ENGINE.evaluate(request);
        CoverageDecision without = ENGINE.evaluate(withoutGenotypes(request));
        Statistics.label("outcome with genotypes").collect(with.outcome());
        assertThat(with.errors()).as(request).noneMatch(e -> e.message().startsWith("GINA guard"));
        if (pays(with) && pays(without)) {
            assertThat(with.tier()).as(request).isLessThanOrEqualTo(without.tier());
        }
        if (with.tier() != null && without.tier() != null) {
            assertThat(with.tier()).as(request).isLessThanOrEqualTo(without.tier());
        }
        if (with.outcome() == Outcome.REJECTED && !with.rejectCodes().equals(List.of("88"))) {
            assertThat(without.outcome()).as(request).isEqualTo(Outcome.REJECTED);
            assertThat(without.rejectCodes()).as(request).isEqualTo(with.rejectCodes());
        }
        if (holds(with.outcome())) {
            assertThat(without.outcome()).as(request).isEqualTo(with.outcome());
        }
        // Every outcome a routing gives is reached, so the guard is exercised on each.
        Statistics.label("outcome with genotypes").coverage(checker -> {
            for (Outcome outcome : Outcome.values()) {
                if (outcome != Outcome.PHARMACIST_REVIEW) {
                    checker.check(outcome).count(n -> n > 0);
                }
            }
        });
    }

    @Property(tries = 1500)
    void aRequestWithErrorsIsNeverApproved(@ForAll("requests") String request) {
        CoverageDecision d = ENGINE.evaluate(request);
        if (!d.errors().isEmpty()) {
            assertThat(d.outcome()).as(request).isEqualTo(Outcome.PHARMACIST_REVIEW);
            assertThat(d.exceptions()).isEmpty();
            assertThat(d.rejectCodes()).isEmpty();
        } else {
            assertThat(d.outcome()).isNotEqualTo(Outcome.PHARMACIST_REVIEW);
        }
    }
}
