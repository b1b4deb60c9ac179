// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.DurAlert;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.drug.DrugRef;
import org.precisionformulary.model.formulary.FormularyDrug;
import org.precisionformulary.model.json.ParsedRequest;
import org.precisionformulary.model.json.RequestReader;

/**
 * The headline ratio is only honest if the baseline makes the engine's decisions: on the benchmark mix,
 * both must agree on outcome, reject codes, tier, exception types, the requested drug's CPIC findings and
 * its DUR alert severities, request by request.
 */
class BaselineAgreementTest {

    private static final int REQUESTS = 5_000;

    /** What the two sides must agree on, in a form that prints well when they do not. */
    private record Verdict(Outcome outcome, List<String> rejectCodes, Integer tier, List<String> exceptionTypes,
                           List<String> findings, List<String> alertSeverities) {
        static Verdict of(CoverageDecision d, String requestedDrug) {
            List<String> findings = new ArrayList<>();
            for (Finding f : d.findings()) {
                if (f.drug().equals(requestedDrug)) {
                    findings.add(f.population() + ":" + Objects.requireNonNullElse(f.recommendationId(), f.guidelineId()));
                }
            }
            findings.sort(null);
            List<String> exceptions = new ArrayList<>(d.exceptions().stream().map(CoverageException::type)
                    .map(Enum::name).toList());
            exceptions.sort(null);
            List<String> severities = new ArrayList<>(d.durAlerts().stream().map(DurAlert::severity).map(Enum::name).toList());
            severities.sort(null);
            return new Verdict(d.outcome(), d.rejectCodes(), d.tier(), exceptions, findings, severities);
        }
    }

    @Test
    void engineAndBaselineDecideTheBenchmarkMixAlike() {
        Workload workload = Workload.standard();
        PrecisionFormulary engine = PrecisionFormulary.builder().formulary(workload.formulary())
                .clock(Workload.CLOCK).build();
        BaselineAdjudicator baseline = new BaselineAdjudicator(workload.formulary(), Workload.CLOCK);
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        List<String> disagreements = new ArrayList<>();
        int agreed = 0;
        for (String request : workload.requests(REQUESTS)) {
            CoverageDecision fromEngine = engine.evaluate(request);
            CoverageDecision fromBaseline = baseline.decide(request);
            String drug = requestedDrug(request, workload);
            Verdict expected = Verdict.of(fromEngine, drug);
            Verdict actual = Verdict.of(fromBaseline, drug);
            outcomes.merge(fromEngine.outcome(), 1, Integer::sum);
            if (expected.equals(actual)) {
                agreed++;
            } else if (disagreements.size() < 5) {
                disagreements.add(request + "\n  engine:   " + expected + "\n  baseline: " + actual);
            }
        }
        System.out.printf("engine and baseline agree on %,d of %,d requests; outcomes %s%n", agreed, REQUESTS, outcomes);
        assertThat(disagreements).as("requests the engine and the baseline decide differently").isEmpty();
        assertThat(agreed).isEqualTo(REQUESTS);
        // The mix must exercise every outcome, or agreement proves less than it seems to.
        assertThat(outcomes.keySet()).containsExactlyInAnyOrder(Outcome.values());
    }

    /** The drug a request names, resolved as the engine resolves an RxNorm id; empty for a bad request. */
    private static String requestedDrug(String request, Workload workload) {
        ParsedRequest parsed = RequestReader.read(request);
        if (!parsed.isValid()) {
            return "";
        }
        DrugRef drug = parsed.request().drug();
        if (drug.name() != null) {
            return drug.name();
        }
        return workload.formulary().findByRxnorm(drug.rxnorm()).map(FormularyDrug::drug)
                .or(() -> CpicData.builtIn().drugByRxnorm(drug.rxnorm())).orElse("rxnorm:" + drug.rxnorm());
    }
}
