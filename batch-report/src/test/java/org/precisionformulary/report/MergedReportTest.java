// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.precisionformulary.report.Decisions.a;
import static org.precisionformulary.report.Decisions.approved;
import static org.precisionformulary.report.Decisions.line;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Audit;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.Outcome;

/** Reports of the parts of a run, merged in any order, give the report of the whole run fed line by line. */
class MergedReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Audit OTHER_PACK = new Audit("1.0", "pack-2026.12", "c".repeat(64), "cpic-1", "PLAN-7",
            "b".repeat(64), List.of(), null);

    /** One input line, its decision and its baseline decision. */
    private record Line(String request, CoverageDecision decision, CoverageDecision baseline) {
    }

    @Test
    void partsMergedInAnyOrderGiveTheWholeRunsReport() throws IOException {
        List<Line> run = run(3_000, 40, new Random(7));
        String whole = summary(whole(ReportSettings.defaults(), run));

        Random random = new Random(11);
        for (int attempt = 0; attempt < 5; attempt++) {
            BatchReport merged = mergedShuffled(ReportSettings.defaults(), run, 2 + attempt * 3, random);
            assertThat(summary(merged)).isEqualTo(whole);
        }
    }

    @Test
    void labelsBeyondALimitAreThoseTheWholeRunSawLast() throws IOException {
        // 1,300 groups over the run, no part holding more than the limit alone: the first 1,000 by line are named
        List<Line> run = run(2_600, BatchReport.GROUP_LIMIT + 300, new Random(3));
        ReportSettings settings = new ReportSettings(5.0, 1, "limits");
        BatchReport whole = whole(settings, run);
        assertThat(whole.summary().equity().rows()).anyMatch(row -> row.kind() == ReportSummary.RowKind.OVERFLOW);

        BatchReport merged = mergedShuffled(settings, run, 4, new Random(5));
        assertThat(summary(merged)).isEqualTo(summary(whole));
    }

    @Test
    void theFirstAuditOfTheRunHeadsTheMergedReportWhicheverPartCameFirst() throws IOException {
        List<Line> run = new ArrayList<>();
        run.add(new Line("not json", a(Outcome.PHARMACIST_REVIEW).audit(null).error("$").build(), null));
        for (int i = 0; i < 10; i++) {
            run.add(new Line(line("g", "codeine"), a(Outcome.APPROVED).audit(i < 4 ? OTHER_PACK : Decisions.AUDIT)
                    .build(), null));
        }
        BatchReport first = new BatchReport(ReportSettings.defaults(), 1);
        BatchReport second = new BatchReport(ReportSettings.defaults(), 4);
        for (int i = 0; i < run.size(); i++) {
            (i < 3 ? first : second).add(run.get(i).request(), run.get(i).decision(), null);
        }

        ReportSummary.Header header = second.merge(first).summary().header();
        assertThat(header.rulePackVersion()).isEqualTo("pack-2026.12");
        assertThat(header.decisionsFromOtherRun()).isEqualTo(7);
        assertThat(summary(second)).isEqualTo(summary(whole(ReportSettings.defaults(), run)));
    }

    @Test
    void aReportTravelsBetweenProcessesAndMergesAfter() throws Exception {
        List<Line> run = run(500, 5, new Random(1));
        BatchReport part = new BatchReport(ReportSettings.defaults(), 1).generatedAt(Instant.EPOCH);
        run.subList(0, 250).forEach(l -> part.add(l.request(), l.decision(), l.baseline()));
        BatchReport rest = new BatchReport(ReportSettings.defaults(), 251);
        run.subList(250, 500).forEach(l -> rest.add(l.request(), l.decision(), l.baseline()));

        BatchReport merged = copy(rest).merge(copy(part));
        assertThat(merged.summary().generatedAt()).isEqualTo(Instant.EPOCH.toString());
        assertThat(summary(merged)).isEqualTo(summary(whole(ReportSettings.defaults(), run)
                .generatedAt(Instant.EPOCH)));
        assertThat(summary(rest)).as("the merged part is left as it was").isNotEqualTo(summary(merged));
    }

    @Test
    void onlyPartsOfTheSameKindOfReportMerge() {
        BatchReport report = new BatchReport(ReportSettings.defaults());
        assertThatThrownBy(() -> report.merge(new BatchReport(new ReportSettings(4.0, 20, "other"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other settings");
        assertThatThrownBy(() -> report.merge(report)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> report.merge(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new BatchReport(ReportSettings.defaults(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstLine");
    }

    /** A run with varied outcomes, reject codes, exceptions, findings, errors, groups and tiers. */
    private static List<Line> run(int lines, int groups, Random random) {
        String[] drugs = {"codeine", "tramadol", "clopidogrel", "simvastatin", "Codeine", "osimertinib"};
        List<Line> run = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            int kind = random.nextInt(10);
            String group = random.nextInt(15) == 0 ? null : "group-" + random.nextInt(groups);
            String drug = drugs[random.nextInt(drugs.length)];
            String request = kind == 9 && random.nextBoolean() ? "{not json" : line(group, drug);
            CoverageDecision decision = switch (kind) {
                case 0, 1 -> a(Outcome.REJECTED).rejectCode(random.nextBoolean() ? "88" : "70")
                        .finding(drug, "CYP2D6", "Poor Metabolizer", Action.AVOID, "PA" + random.nextInt(3)).build();
                case 2 -> a(Outcome.APPROVED_WITH_EXCEPTION).exception(ExceptionType.STEP_THERAPY_BYPASS)
                        .finding("codeine", "CYP2D6", "Poor Metabolizer", Action.AVOID, "PA1")
                        .finding("tramadol", "CYP2D6", "Poor Metabolizer", Action.AVOID, "PA1")
                        .finding("drug-" + random.nextInt(9), "CYP2C19", "Indeterminate", Action.INDETERMINATE,
                                "PA2").tier(2).build();
                case 3 -> a(Outcome.APPROVED_WITH_EXCEPTION).exception(ExceptionType.TIER_EXCEPTION).tier(1).build();
                case 4 -> a(Outcome.STEP_THERAPY_REQUIRED).rejectCode("608").build();
                case 5 -> a(Outcome.PRIOR_AUTH_REQUIRED).rejectCode("75").build();
                case 9 -> a(Outcome.PHARMACIST_REVIEW).error("genotypes[" + random.nextInt(4) + "].diplotype")
                        .build();
                default -> approved();
            };
            CoverageDecision baseline = a(random.nextBoolean() ? Outcome.APPROVED : decision.outcome())
                    .tier(1 + random.nextInt(3)).build();
            run.add(new Line(request, decision, baseline));
        }
        return run;
    }

    private static BatchReport whole(ReportSettings settings, List<Line> run) {
        BatchReport report = new BatchReport(settings);
        run.forEach(l -> report.add(l.request(), l.decision(), l.baseline()));
        return report;
    }

    /** The run cut at random places into parts, each reported alone, merged in a random order. */
    private static BatchReport mergedShuffled(ReportSettings settings, List<Line> run, int parts, Random random) {
        List<Integer> cuts = new ArrayList<>(List.of(0, run.size()));
        while (cuts.size() < parts + 1) {
            int cut = 1 + random.nextInt(run.size() - 1);
            if (!cuts.contains(cut)) {
                cuts.add(cut);
            }
        }
        Collections.sort(cuts);
        List<BatchReport> reports = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            BatchReport report = new BatchReport(settings, cuts.get(p) + 1);
            run.subList(cuts.get(p), cuts.get(p + 1)).forEach(l -> report.add(l.request(), l.decision(),
                    l.baseline()));
            reports.add(report);
        }
        Collections.shuffle(reports, random);
        // merged pairwise as a tree would, not one after another
        while (reports.size() > 1) {
            List<BatchReport> next = new ArrayList<>();
            for (int i = 0; i < reports.size(); i += 2) {
                next.add(i + 1 < reports.size() ? reports.get(i).merge(reports.get(i + 1)) : reports.get(i));
            }
            reports = next;
        }
        return reports.get(0);
    }

    private static String summary(BatchReport report) throws IOException {
        return JSON.writeValueAsString(report.summary());
    }

    private static BatchReport copy(BatchReport report) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(report);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (BatchReport) in.readObject();
        }
    }
}
