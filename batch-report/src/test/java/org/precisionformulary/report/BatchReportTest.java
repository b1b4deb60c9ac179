// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.precisionformulary.report.Decisions.a;
import static org.precisionformulary.report.Decisions.approved;
import static org.precisionformulary.report.Decisions.line;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.report.ReportSummary.Comparison;
import org.precisionformulary.report.ReportSummary.Count;
import org.precisionformulary.report.ReportSummary.Equity;
import org.precisionformulary.report.ReportSummary.Gap;
import org.precisionformulary.report.ReportSummary.GroupRow;
import org.precisionformulary.report.ReportSummary.RowKind;
import org.precisionformulary.report.ReportSummary.TierShift;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Audit;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.Outcome;
import org.w3c.dom.Element;

class BatchReportTest {

    @TempDir
    Path dir;

    private final BatchReport report = new BatchReport(ReportSettings.defaults());

    private ReportPage html() throws Exception {
        Path file = dir.resolve("report.html");
        report.writeHtml(file);
        return ReportPage.parse(file);
    }

    private void add(int times, String group, String drug, CoverageDecision decision) {
        for (int i = 0; i < times; i++) {
            report.add(line(group, drug), decision, null);
        }
    }

    private static GroupRow row(Equity equity, String label) {
        return equity.rows().stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void totalsCountOutcomesRejectCodesExceptionGenesAndDrugs() throws Exception {
        CoverageDecision hardStop = a(Outcome.REJECTED).rejectCode("88")
                .finding("codeine", "CYP2D6", "Poor Metabolizer", Action.AVOID, "PA166104996").build();
        CoverageDecision notCovered = a(Outcome.REJECTED).rejectCode("70").tier(null).build();
        CoverageDecision bypass = a(Outcome.APPROVED_WITH_EXCEPTION).exception(ExceptionType.STEP_THERAPY_BYPASS)
                .exception(ExceptionType.TIER_EXCEPTION)
                .finding("codeine", "CYP2D6", "Poor Metabolizer", Action.AVOID, "PA166104996")
                .finding("tramadol", "CYP2D6", "Poor Metabolizer", Action.AVOID, "PA166104996")
                .finding("rosuvastatin", "ABCG2", "No Result", Action.CONSIDER_ALTERNATIVE, "PA1").build();
        CoverageDecision autoApproval = a(Outcome.APPROVED_WITH_EXCEPTION)
                .exception(ExceptionType.PRIOR_AUTH_AUTO_APPROVAL).build();
        add(3, "g", "Codeine", hardStop);
        add(2, "g", "oxymorphone", notCovered);
        add(4, "g", "hydromorphone", bypass);
        add(1, "g", "osimertinib", autoApproval);
        add(10, "g", "morphine", approved());

        ReportSummary.Totals totals = report.summary().totals();
        assertThat(totals.outcomes()).extracting(Count::label, Count::count).containsExactly(
                tuple("APPROVED", 10L),
                tuple("APPROVED_WITH_EXCEPTION", 5L),
                tuple("PRIOR_AUTH_REQUIRED", 0L),
                tuple("STEP_THERAPY_REQUIRED", 0L),
                tuple("REJECTED", 5L),
                tuple("PHARMACIST_REVIEW", 0L));
        assertThat(totals.rejectCodes()).extracting(Count::label, Count::count)
                .containsExactly(tuple("88", 3L),
                        tuple("70", 2L));
        assertThat(totals.requestsWithExceptions()).isEqualTo(5);
        assertThat(totals.exceptionsByType()).extracting(Count::label, Count::count).containsExactly(
                tuple("STEP_THERAPY_BYPASS", 4L), tuple("TIER_EXCEPTION", 4L), tuple("PRIOR_AUTH_AUTO_APPROVAL", 1L),
                tuple("PGX_OVERRIDE", 0L), tuple("QUANTITY_LIMIT_OVERRIDE", 0L));
        // a gene with no result is not the reason for a waiver; a biomarker approval has no gene at all
        assertThat(totals.exceptionsByGene()).extracting(Count::label, Count::count)
                .containsExactly(tuple("CYP2D6", 4L),
                        tuple("(no genomic finding)", 1L));
        assertThat(totals.mostRejected()).extracting(d -> d.drug() + " " + d.count() + "/" + d.requests())
                .containsExactly("codeine 3/3", "oxymorphone 2/2");
        assertThat(totals.mostWaived()).extracting(d -> d.drug() + " " + d.count())
                .containsExactly("hydromorphone 4", "osimertinib 1");
        assertThat(totals.findings()).extracting(f -> f.guidelineId() + " " + f.action() + " " + f.requests() + " "
                + f.findings() + " " + f.drugs())
                .containsExactly("PA166104996 AVOID 7 11 [codeine, tramadol]",
                        "PA1 CONSIDER_ALTERNATIVE 4 4 [rosuvastatin]");

        ReportPage page = html();
        assertThat(page.count("total-requests")).isEqualTo(20);
        assertThat(page.count("outcome-REJECTED")).isEqualTo(5);
        assertThat(page.countWhere("data-reject-code", "88")).isEqualTo(3);
        assertThat(page.count("exception-STEP_THERAPY_BYPASS")).isEqualTo(4);
        assertThat(page.countWhere("data-gene", "CYP2D6")).isEqualTo(4);
        assertThat(page.countWhere("data-rejected-drug", "codeine")).isEqualTo(3);
        assertThat(page.countWhere("data-waived-drug", "hydromorphone")).isEqualTo(4);
    }

    @Test
    void mostRejectedDrugsAreTheTopTen() {
        for (int d = 1; d <= 12; d++) {
            add(d, "g", "drug" + d, a(Outcome.REJECTED).rejectCode("70").build());
        }
        assertThat(report.summary().totals().mostRejected()).hasSize(10)
                .extracting(ReportSummary.DrugCount::drug).startsWith("drug12", "drug11").endsWith("drug3");
    }

    @Test
    void distinctDrugNamesBeyondTheLimitAreCountedButNotNamed() {
        for (int d = 0; d < 5_300; d++) {
            report.add(line("g", "drug-" + d), a(Outcome.REJECTED).rejectCode("70").build(), null);
        }
        ReportSummary summary = report.summary();
        assertThat(summary.header().requests()).isEqualTo(5_300);
        assertThat(summary.totals().labelsNotTracked()).isEqualTo(300);
        assertThat(summary.totals().mostRejected()).hasSize(10);
    }

    @Test
    void thePageNeedsNothingFromTheNetworkAndRunsNoScript() throws Exception {
        add(25, "g", "codeine", approved());
        report.add(line("g", "codeine"), approved(), approved());
        Path file = dir.resolve("self-contained.html");
        report.writeHtml(file);
        String html = Files.readString(file);
        assertThat(html).doesNotContain("<script", "src=", "href=", "url(", "@import", "<link", "<img");
        assertThat(html).contains("<style>", "<svg");
    }

    @Test
    void errorFieldsAreCountedOncePerRequestWithoutIndexes() throws Exception {
        add(1, "g", "codeine", a(Outcome.PHARMACIST_REVIEW).tier(null).error("genotypes[3].diplotype")
                .error("genotypes[0].diplotype").error("serviceDate").build());
        add(1, "g", "codeine", a(Outcome.PHARMACIST_REVIEW).tier(null).error("genotypes[12].diplotype").build());
        add(1, "g", "codeine", a(Outcome.PHARMACIST_REVIEW).tier(null).error("genotypes[1]")
                .error("biomarkers[0].value").build());
        add(2, "g", "codeine", approved());

        ReportSummary.Totals totals = report.summary().totals();
        assertThat(totals.requestsWithErrors()).isEqualTo(3);
        assertThat(totals.errorsByField()).extracting(Count::label, Count::count).containsExactly(
                tuple("genotypes[].diplotype", 2L),
                tuple("biomarkers[].value", 1L),
                tuple("genotypes[]", 1L),
                tuple("serviceDate", 1L));
        ReportPage page = html();
        assertThat(page.count("requests-with-errors")).isEqualTo(3);
        assertThat(page.countWhere("data-error-field", "genotypes[].diplotype")).isEqualTo(2);
    }

    @Test
    void smallGroupsArePooledAndAPoolBelowTheMinimumIsSuppressed() throws Exception {
        add(20, "large-a", "codeine", approved());
        add(25, "large-b", "codeine", approved());
        add(5, "small-c", "codeine", a(Outcome.REJECTED).rejectCode("88").build());
        add(4, "small-d", "codeine", approved());

        Equity equity = report.summary().equity();
        assertThat(equity.rows()).extracting(GroupRow::label).containsExactly("large-a", "large-b",
                "2 groups with fewer than 20 requests, pooled");
        GroupRow pool = row(equity, "2 groups with fewer than 20 requests, pooled");
        assertThat(pool.kind()).isEqualTo(RowKind.POOLED);
        assertThat(pool.groups()).isEqualTo(2);
        assertThat(pool.requests()).isEqualTo(9);
        assertThat(pool.suppressed()).isTrue();
        assertThat(pool.rates()).isEmpty();
        // the suppressed pool's 5 rejections must not surface as a gap either
        assertThat(equity.gaps().get(Measure.REJECTED.ordinal()).points()).isZero();

        ReportPage page = html();
        Element pooled = page.groupRow("2 groups with fewer than 20 requests, pooled");
        assertThat(pooled.getAttribute("data-suppressed")).isEqualTo("true");
        assertThat(page.all("//tr[@data-kind='POOLED']/td[@data-measure]")).isEmpty();
        assertThat(pooled.getTextContent()).contains("suppressed");
        assertThat(page.rate("large-b", Measure.APPROVED).getAttribute("data-percent")).isEqualTo("100.0");
    }

    @Test
    void aPoolOfTheMinimumSizeIsShownWithRatesAndCountsInTheGaps() {
        add(40, "large", "codeine", approved());
        add(12, "small-a", "codeine", a(Outcome.REJECTED).rejectCode("88").build());
        add(8, "small-b", "codeine", approved());

        Equity equity = report.summary().equity();
        GroupRow pool = row(equity, "2 groups with fewer than 20 requests, pooled");
        assertThat(pool.suppressed()).isFalse();
        assertThat(pool.rates().get(Measure.REJECTED.ordinal()).percent()).isEqualTo(60.0);
        Gap rejected = equity.gaps().get(Measure.REJECTED.ordinal());
        assertThat(rejected.points()).isEqualTo(60.0);
        assertThat(rejected.highestGroup()).isEqualTo(pool.label());
        assertThat(rejected.flagged()).isTrue();
    }

    @Test
    void requestsWithoutAGroupFormTheNoneGivenGroup() {
        add(20, null, "codeine", approved());
        report.add("{\"member\":{\"monitoringGroup\":\"  \"}}", approved(), null);

        ReportSummary summary = report.summary();
        GroupRow none = row(summary.equity(), BatchReport.NONE_GIVEN);
        assertThat(none.kind()).isEqualTo(RowKind.NONE_GIVEN);
        assertThat(none.requests()).isEqualTo(21);
        assertThat(summary.equity().groupsSeen()).isEqualTo(1);
        assertThat(summary.equity().unreadableLines()).isZero();
        assertThat(summary.totals().mostRejected()).isEmpty();
    }

    @Test
    void linesThatAreNotJsonAreCountedApartAndInNoGroupOrGap() throws Exception {
        // Two groups that fare alike; unreadable lines, all sent to review, must not open a gap between them.
        add(20, null, "codeine", approved());
        add(20, "a", "codeine", approved());
        CoverageDecision unreadable = a(Outcome.PHARMACIST_REVIEW).tier(null).error("$").build();
        for (int i = 0; i < 10; i++) {
            report.add("not json at all", unreadable, null);
        }
        report.add("{\"member\":{\"monitoringGroup\":\"a\"", unreadable, null);
        report.add("", unreadable, null);

        ReportSummary summary = report.summary();
        assertThat(summary.header().requests()).isEqualTo(52);
        assertThat(summary.totals().outcomes().get(Outcome.PHARMACIST_REVIEW.ordinal()).count()).isEqualTo(12);
        Equity equity = summary.equity();
        assertThat(equity.unreadableLines()).isEqualTo(12);
        assertThat(row(equity, BatchReport.NONE_GIVEN).requests()).isEqualTo(20);
        assertThat(row(equity, "a").requests()).isEqualTo(20);
        assertThat(equity.rows()).hasSize(2);
        assertThat(equity.flaggedGaps()).isZero();
        assertThat(equity.gaps().get(Measure.PHARMACIST_REVIEW.ordinal()).points()).isEqualTo(0.0);

        ReportPage page = html();
        assertThat(page.count("unreadable-lines")).isEqualTo(12);
        assertThat(page.byId("unreadable-lines").getTextContent()).contains("12 lines were not JSON");
        assertThat(page.count("equity-flags")).isZero();
    }

    @Test
    void aGapEqualToTheThresholdIsNotFlaggedAndOneAboveIs() throws Exception {
        // 10% against 5% rejected: a gap of exactly 5.0 points
        add(90, "a", "codeine", approved());
        add(10, "a", "codeine", a(Outcome.REJECTED).rejectCode("88").build());
        add(95, "b", "codeine", approved());
        add(5, "b", "codeine", a(Outcome.REJECTED).rejectCode("88").build());
        // 10% against 4.9% tier exceptions: 5.1 points
        BatchReport other = new BatchReport(ReportSettings.defaults());
        for (int i = 0; i < 1000; i++) {
            other.add(line("a", "x"), i < 100 ? a(Outcome.APPROVED_WITH_EXCEPTION)
                    .exception(ExceptionType.TIER_EXCEPTION).build() : approved(), null);
            other.add(line("b", "x"), i < 49 ? a(Outcome.APPROVED_WITH_EXCEPTION)
                    .exception(ExceptionType.TIER_EXCEPTION).build() : approved(), null);
        }

        Gap atThreshold = report.summary().equity().gaps().get(Measure.REJECTED.ordinal());
        assertThat(atThreshold.points()).isEqualTo(5.0);
        assertThat(atThreshold.highestGroup()).isEqualTo("a");
        assertThat(atThreshold.lowestGroup()).isEqualTo("b");
        assertThat(atThreshold.flagged()).isFalse();
        Gap above = other.summary().equity().gaps().get(Measure.TIER_EXCEPTION.ordinal());
        assertThat(above.points()).isEqualTo(5.1);
        assertThat(above.flagged()).isTrue();
        assertThat(other.summary().equity().gaps().get(Measure.ANY_EXCEPTION.ordinal()).flagged()).isTrue();
        // tier exception, any exception, approved and approved with exception all differ by 5.1 points
        assertThat(other.summary().equity().flaggedGaps()).isEqualTo(4);

        ReportPage page = html();
        assertThat(page.byId("gap-REJECTED").getAttribute("data-flagged")).isEqualTo("false");
        Path file = dir.resolve("other.html");
        other.writeHtml(file);
        ReportPage flagged = ReportPage.parse(file);
        assertThat(flagged.byId("gap-TIER_EXCEPTION").getAttribute("data-flagged")).isEqualTo("true");
        assertThat(flagged.byId("gap-TIER_EXCEPTION").getAttribute("data-points")).isEqualTo("5.1");
        assertThat(flagged.byId("equity-flags").getAttribute("data-count")).isEqualTo("4");
        assertThat(flagged.text()).contains("FLAGGED: above 5.0 points");
    }

    @Test
    void theThresholdAndMinimumComeFromTheSettings() {
        BatchReport strict = new BatchReport(new ReportSettings(4.99, 100, "Strict"));
        for (int i = 0; i < 100; i++) {
            strict.add(line("a", "x"), i < 10 ? a(Outcome.REJECTED).build() : approved(), null);
            strict.add(line("b", "x"), i < 5 ? a(Outcome.REJECTED).build() : approved(), null);
        }
        strict.add(line("c", "x"), approved(), null);
        Equity equity = strict.summary().equity();
        assertThat(equity.gaps().get(Measure.REJECTED.ordinal()).flagged()).isTrue();
        assertThat(row(equity, "1 group with fewer than 100 requests, pooled").suppressed()).isTrue();
        assertThat(strict.summary().title()).isEqualTo("Strict");
    }

    @Test
    void theIndeterminateGenotypeRateCountsIndeterminateResultsAndGenotypeErrors() {
        add(5, "g", "codeine", a(Outcome.APPROVED)
                .finding("codeine", "CYP2D6", "Indeterminate", Action.NO_RECOMMENDATION, "PA1").build());
        add(3, "g", "codeine", a(Outcome.PHARMACIST_REVIEW).tier(null).error("genotypes[0].diplotype").build());
        add(2, "g", "codeine", a(Outcome.PHARMACIST_REVIEW).tier(null).error("serviceDate").build());
        add(10, "g", "codeine", a(Outcome.APPROVED)
                .finding("codeine", "CYP2D6", "Normal Metabolizer", Action.STANDARD, "PA1").build());

        GroupRow g = row(report.summary().equity(), "g");
        assertThat(g.rates().get(Measure.INDETERMINATE_GENOTYPE.ordinal()).count()).isEqualTo(8);
        assertThat(g.rates().get(Measure.INDETERMINATE_GENOTYPE.ordinal()).percent()).isEqualTo(40.0);
        assertThat(report.summary().equity().indeterminateDefinition()).contains("Indeterminate");
    }

    @Test
    void groupsBeyondTheLimitAreCountedInAnOverflowRow() throws Exception {
        for (int g = 0; g < BatchReport.GROUP_LIMIT + 30; g++) {
            report.add(line("group-" + g, "x"), approved(), null);
        }
        Equity equity = report.summary().equity();
        assertThat(equity.groupsSeen()).isEqualTo(BatchReport.GROUP_LIMIT);
        GroupRow overflow = equity.rows().get(equity.rows().size() - 1);
        assertThat(overflow.kind()).isEqualTo(RowKind.OVERFLOW);
        assertThat(overflow.requests()).isEqualTo(30);
        assertThat(overflow.suppressed()).isFalse();
        GroupRow pool = equity.rows().get(equity.rows().size() - 2);
        assertThat(pool.label()).isEqualTo("1000 groups with fewer than 20 requests, pooled");
        assertThat(html().byId("group-overflow").getTextContent()).contains("More than 1,000 distinct");
    }

    @Test
    void comparisonCountsTransitionsDirectionAndCostShare() throws Exception {
        CoverageDecision step = a(Outcome.STEP_THERAPY_REQUIRED).tier(2).rejectCode("608").build();
        CoverageDecision waived = a(Outcome.APPROVED_WITH_EXCEPTION).tier(1)
                .exception(ExceptionType.TIER_EXCEPTION).build();
        CoverageDecision tier2 = a(Outcome.APPROVED).tier(2).build();
        CoverageDecision rejected = a(Outcome.REJECTED).tier(1).rejectCode("88").build();
        for (int i = 0; i < 3; i++) {
            report.add(line("g", "hydromorphone"), waived, step);     // toward paying
        }
        for (int i = 0; i < 2; i++) {
            report.add(line("g", "prasugrel"), waived, tier2);        // paying both, tier 2 -> 1
        }
        report.add(line("g", "codeine"), rejected, approved());       // away from paying
        for (int i = 0; i < 4; i++) {
            report.add(line("g", "morphine"), tier2, tier2);          // unchanged, same tier
        }

        Comparison c = report.summary().comparison();
        assertThat(c.compared()).isEqualTo(10);
        assertThat(c.unchanged()).isEqualTo(4);
        assertThat(c.moved()).isEqualTo(6);
        assertThat(c.towardPaying()).isEqualTo(3);
        assertThat(c.awayFromPaying()).isEqualTo(1);
        assertThat(c.transitions()).filteredOn(t -> t.count() > 0)
                .extracting(t -> t.from() + ">" + t.to() + "=" + t.count())
                .containsExactly("APPROVED>APPROVED=4", "APPROVED>APPROVED_WITH_EXCEPTION=2", "APPROVED>REJECTED=1",
                        "STEP_THERAPY_REQUIRED>APPROVED_WITH_EXCEPTION=3");
        assertThat(c.movements().get(Outcome.APPROVED_WITH_EXCEPTION.ordinal()).movedIn()).isEqualTo(5);
        assertThat(c.movements().get(Outcome.APPROVED.ordinal()).movedOut()).isEqualTo(3);
        assertThat(c.costShare()).containsExactly(new TierShift(2, 2, 4, 0));
        assertThat(c.higherCostShare()).isZero();
        assertThat(c.ginaInvariantHolds()).isTrue();

        ReportPage page = html();
        assertThat(page.count("toward-paying")).isEqualTo(3);
        assertThat(page.count("away-from-paying")).isEqualTo(1);
        assertThat(page.one("//td[@data-from='STEP_THERAPY_REQUIRED' and @data-to='APPROVED_WITH_EXCEPTION']")
                .getAttribute("data-count")).isEqualTo("3");
        assertThat(page.one("//td[@data-baseline-tier='2' and @data-shift='lower']").getAttribute("data-count"))
                .isEqualTo("2");
        // "higher" is shown explicitly, even at 0
        assertThat(page.count("gina-higher")).isZero();
        assertThat(page.byId("gina").getAttribute("data-holds")).isEqualTo("true");
    }

    @Test
    void aHigherCostShareIsFlaggedLoudly() throws Exception {
        report.add(line("g", "prasugrel"), a(Outcome.APPROVED).tier(3).build(), a(Outcome.APPROVED).tier(1).build());
        report.add(line("g", "prasugrel"), a(Outcome.APPROVED).tier(1).build(), a(Outcome.APPROVED).tier(1).build());

        Comparison c = report.summary().comparison();
        assertThat(c.higherCostShare()).isEqualTo(1);
        assertThat(c.ginaInvariantHolds()).isFalse();
        ReportPage page = html();
        assertThat(page.count("gina-higher")).isEqualTo(1);
        assertThat(page.byId("gina").getAttribute("class")).isEqualTo("alarm");
        assertThat(page.byId("gina").getTextContent()).startsWith("GINA INVARIANT BROKEN");
        assertThat(page.one("//td[@data-baseline-tier='1' and @data-shift='higher']").getAttribute("class"))
                .isEqualTo("flagged");
    }

    @Test
    void withoutBaselinesThereIsNoComparison() throws Exception {
        add(3, "g", "x", approved());
        assertThat(report.summary().comparison()).isNull();
        assertThat(html().byId("comparison").getAttribute("data-compared")).isEqualTo("0");
    }

    @Test
    void aHostileGroupNameAndDrugNameAreEscaped() throws Exception {
        String hostile = "<script>alert(\"x\")</script> & 'q' \u0001]]>";
        add(20, hostile, "<img src=x onerror=alert(1)>", a(Outcome.REJECTED).rejectCode("88").build());
        add(20, "plain", "codeine", approved());

        ReportPage page = html();
        assertThat(page.all("//script")).isEmpty();
        assertThat(page.all("//img")).isEmpty();
        String shown = hostile.replace('\u0001', '\uFFFD');
        assertThat(page.all("//tr[@data-group]")).extracting(e -> e.getAttribute("data-group"))
                .contains(shown, "plain");
        assertThat(page.countWhere("data-rejected-drug", "<img src=x onerror=alert(1)>")).isEqualTo(20);
        assertThat(page.text()).contains(shown);
    }

    @Test
    void theHeaderNamesThePackAndFormularyOfTheFirstDecision() throws Exception {
        Audit other = new Audit("1.0", "pack-2026.12", "c".repeat(64), "cpic-1", "PLAN-7", "d", List.of(), null);
        report.add("x", a(Outcome.PHARMACIST_REVIEW).audit(null).build(), null);
        add(2, "g", "x", approved());
        report.add("x", a(Outcome.APPROVED).audit(other).build(), null);

        ReportSummary.Header header = report.summary().header();
        assertThat(header.requests()).isEqualTo(4);
        assertThat(header.rulePackVersion()).isEqualTo("pack-2026.11");
        assertThat(header.formularyId()).isEqualTo("PLAN-7");
        assertThat(header.decisionsFromOtherRun()).isEqualTo(2);
        ReportPage page = html();
        assertThat(page.byId("rule-pack-version").getTextContent()).isEqualTo("pack-2026.11");
        assertThat(page.byId("formulary-id").getTextContent()).isEqualTo("PLAN-7");
        assertThat(page.count("other-run")).isEqualTo(2);
    }

    @Test
    void theJsonHasTheSameFiguresAndBothFilesAreDeterministic() throws Exception {
        add(25, "a", "codeine", a(Outcome.REJECTED).rejectCode("88").build());
        add(30, "b", "codeine", approved());
        report.add(line("b", "codeine"), approved(), approved());
        Path json1 = dir.resolve("1.json");
        Path json2 = dir.resolve("2.json");
        Path html1 = dir.resolve("1.html");
        Path html2 = dir.resolve("2.html");
        report.writeJson(json1);
        report.writeJson(json2);
        report.writeHtml(html1);
        report.writeHtml(html2);
        assertThat(Files.readString(json1)).isEqualTo(Files.readString(json2));
        assertThat(Files.readString(html1)).isEqualTo(Files.readString(html2)).doesNotContain("generated");

        JsonNode json = new ObjectMapper().readTree(json1.toFile());
        assertThat(json.at("/header/requests").asLong()).isEqualTo(56);
        assertThat(json.at("/totals/outcomes/4/label").asText()).isEqualTo("REJECTED");
        assertThat(json.at("/totals/outcomes/4/count").asLong()).isEqualTo(25);
        assertThat(json.at("/equity/rows/0/label").asText()).isEqualTo("a");
        assertThat(json.at("/equity/rows/0/rates/4/percent").asDouble()).isEqualTo(100.0);
        assertThat(json.at("/equity/gaps/4/points").asDouble()).isEqualTo(100.0);
        assertThat(json.at("/equity/gaps/4/flagged").asBoolean()).isTrue();
        assertThat(json.at("/comparison/compared").asLong()).isEqualTo(1);
        assertThat(json.at("/comparison/ginaInvariantHolds").asBoolean()).isTrue();
        ReportSummary back = new ObjectMapper().readValue(json1.toFile(), ReportSummary.class);
        assertThat(back).isEqualTo(report.summary());

        report.generatedAt(Instant.parse("2026-11-24T10:00:00Z")).writeHtml(html2);
        assertThat(ReportPage.parse(html2).byId("generated-at").getTextContent()).isEqualTo("2026-11-24T10:00:00Z");
    }

    @Test
    void anEmptyReportIsStillAWellFormedPage() throws Exception {
        ReportPage page = html();
        assertThat(page.count("total-requests")).isZero();
        assertThat(page.byId("gap-REJECTED").getAttribute("data-flagged")).isEqualTo("false");
    }

    @Test
    void settingsRejectValuesThatMakeNoSenseNamingTheField() {
        assertThat(ReportSettings.defaults()).isEqualTo(new ReportSettings(5.0, 20, "Batch re-adjudication report"));
        assertThatThrownBy(() -> new ReportSettings(-1, 20, "t")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gapThresholdPoints");
        assertThatThrownBy(() -> new ReportSettings(Double.NaN, 20, "t")).hasMessageContaining("gapThresholdPoints");
        assertThatThrownBy(() -> new ReportSettings(5, 0, "t")).hasMessageContaining("minGroupSize");
        assertThatThrownBy(() -> new ReportSettings(5, 20, " ")).hasMessageContaining("title");
        assertThatThrownBy(() -> new BatchReport(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("settings");
        assertThatThrownBy(() -> report.add("x", null, null)).hasMessageContaining("decision");
    }
}
