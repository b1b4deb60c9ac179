// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.precisionformulary.report.ReportSummary.Comparison;
import org.precisionformulary.report.ReportSummary.Count;
import org.precisionformulary.report.ReportSummary.DrugCount;
import org.precisionformulary.report.ReportSummary.Equity;
import org.precisionformulary.report.ReportSummary.FindingCount;
import org.precisionformulary.report.ReportSummary.Gap;
import org.precisionformulary.report.ReportSummary.GroupRow;
import org.precisionformulary.report.ReportSummary.OutcomeMovement;
import org.precisionformulary.report.ReportSummary.Rate;
import org.precisionformulary.report.ReportSummary.TierShift;
import org.precisionformulary.report.ReportSummary.Totals;
import org.precisionformulary.model.decision.Outcome;

/**
 * Renders a summary as one self-contained page: inline CSS and SVG, no scripts, no fonts or images fetched. The
 * markup is well-formed XML (XHTML syntax), every text from input is escaped, and figure cells carry stable
 * {@code id} and {@code data-*} attributes so a program can read the figures back.
 */
final class HtmlReport {

    private static final String CSS = """
            body{margin:0;background:#f4f6f8;color:#1f2933;font:14px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            header{background:#17324d;color:#fff;padding:22px 36px 18px}
            header h1{margin:0 0 6px;font-size:24px;font-weight:600}
            header p{margin:0;color:#c9d6e3;font-size:13px}
            main{padding:8px 36px 36px;max-width:1200px}
            section{background:#fff;border:1px solid #dde3ea;border-radius:6px;margin:18px 0;padding:16px 20px}
            h2{font-size:18px;margin:0 0 10px;color:#17324d}
            h3{font-size:14px;margin:16px 0 6px;color:#334e68}
            p.note{color:#52606d;font-size:12.5px;margin:6px 0 10px}
            .cards{display:flex;flex-wrap:wrap;gap:12px;margin:0}
            .card{flex:1 1 110px;border:1px solid #dde3ea;border-radius:6px;padding:10px 12px;background:#fbfcfd}
            .card .k{font-size:12px;color:#52606d;text-transform:uppercase;letter-spacing:.03em}
            .card .v{font-size:22px;font-weight:600;color:#17324d}
            .card .s{font-size:12px;color:#52606d}
            .card.bad{border-color:#c53030;background:#fff5f5}.card.bad .v{color:#c53030}
            .card.good .v{color:#2f7d32}
            table{border-collapse:collapse;width:100%;margin:4px 0 8px;font-size:13px}
            th,td{padding:5px 8px;border-bottom:1px solid #e4e9ef;text-align:right;vertical-align:top}
            th{background:#eef2f6;color:#334e68;font-weight:600;font-size:12px}
            th:first-child,td:first-child,th.l,td.l{text-align:left}
            #equity-table td:first-child{min-width:190px}
            td.l{text-align:left}
            #equity-table td:first-child{min-width:190px}
            tbody tr:nth-child(even){background:#f9fafb}
            tr.pooled td{font-style:italic;color:#334e68}
            tr.suppressed td{color:#7b8794}
            td.flagged{background:#fde8e8;color:#9b1c1c;font-weight:600}
            .flag{display:inline-block;padding:1px 7px;border-radius:10px;font-size:11.5px;font-weight:600;white-space:nowrap}
            .flag.bad{background:#c53030;color:#fff}
            .flag.ok{background:#e3f2e5;color:#276228}
            .flag.na{background:#eceff3;color:#52606d}
            .two{display:flex;flex-wrap:wrap;gap:24px}.two>div{flex:1 1 460px;min-width:0}
            .alarm{border:2px solid #c53030;background:#fff5f5;color:#9b1c1c;padding:10px 14px;border-radius:6px;font-weight:600;margin:8px 0}
            .fine{border:1px solid #8fc79a;background:#f1f8f2;color:#276228;padding:8px 14px;border-radius:6px;margin:8px 0}
            svg{display:block;margin:6px 0 4px}
            footer{color:#7b8794;font-size:12px;padding:0 36px 24px}
            """;
    private static final String[] OUTCOME_COLOURS = {"#2f855a", "#38a169", "#d69e2e", "#dd6b20", "#c53030", "#6b46c1"};
    private static final String BAR = "#3b6ea5";

    private final ReportSummary s;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    HtmlReport(ReportSummary summary) {
        this.s = summary;
    }

    String render() {
        out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(esc(s.title())).append("</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        header();
        out.append("<main>\n");
        overview();
        outcomes();
        equity();
        comparison();
        exceptions();
        drugsAndFindings();
        errors();
        out.append("</main>\n<footer>Figures are counted from the decisions and the request lines' monitoring group "
                + "and drug only; the monitoring group is never given to the rule engine. The same figures are in "
                + "the JSON summary.</footer>\n</body>\n</html>\n");
        return out.toString();
    }

    private void header() {
        ReportSummary.Header h = s.header();
        out.append("<header>\n<h1 id=\"title\">").append(esc(s.title())).append("</h1>\n<p>");
        out.append("<span id=\"total-requests-header\" data-count=\"").append(h.requests()).append("\">")
                .append(num(h.requests())).append(" requests</span>");
        out.append(" \u00b7 rule pack <span id=\"rule-pack-version\">").append(esc(orDash(h.rulePackVersion())))
                .append("</span>");
        if (h.rulePackSha256() != null) {
            out.append(" (sha256 <span id=\"rule-pack-sha256\">")
                    .append(esc(h.rulePackSha256().substring(0, Math.min(12, h.rulePackSha256().length()))))
                    .append("</span>)");
        }
        out.append(" \u00b7 formulary <span id=\"formulary-id\">").append(esc(orDash(h.formularyId())))
                .append("</span>");
        if (s.generatedAt() != null) {
            out.append(" \u00b7 generated <span id=\"generated-at\">").append(esc(s.generatedAt())).append("</span>");
        }
        out.append("</p>\n");
        if (h.decisionsFromOtherRun() > 0) {
            out.append("<p id=\"other-run\" data-count=\"").append(h.decisionsFromOtherRun()).append("\">")
                    .append(num(h.decisionsFromOtherRun()))
                    .append(" decisions name another rule pack or formulary, or none (a reload or an engine failure"
                            + " during the run).</p>\n");
        }
        out.append("</header>\n");
    }

    private void overview() {
        Totals t = s.totals();
        long requests = s.header().requests();
        long paying = outcome(t, Outcome.APPROVED).count() + outcome(t, Outcome.APPROVED_WITH_EXCEPTION).count();
        long held = outcome(t, Outcome.PRIOR_AUTH_REQUIRED).count() + outcome(t, Outcome.STEP_THERAPY_REQUIRED).count();
        out.append("<section id=\"overview\">\n<h2>Overview</h2>\n<div class=\"cards\">\n");
        card("Requests", "total-requests", requests, null, "");
        card("Paying", "paying", paying, pct(paying, requests) + " approved, with or without exception", "");
        card("Held", "held", held, pct(held, requests) + " prior authorization or step therapy", "");
        card("Rejected", "rejected", outcome(t, Outcome.REJECTED).count(),
                pct(outcome(t, Outcome.REJECTED).count(), requests) + " not covered or genomic stop", "");
        card("Pharmacist review", "review", outcome(t, Outcome.PHARMACIST_REVIEW).count(),
                pct(outcome(t, Outcome.PHARMACIST_REVIEW).count(), requests) + " cannot be decided safely", "");
        Equity e = s.equity();
        card("Equity gaps flagged", "equity-flags", e.flaggedGaps(), "above " + points(e.gapThresholdPoints())
                + " points", e.flaggedGaps() > 0 ? "bad" : "good");
        if (s.comparison() != null) {
            Comparison c = s.comparison();
            card("Higher cost share", "gina-card", c.higherCostShare(),
                    c.ginaInvariantHolds() ? "GINA invariant holds" : "GINA INVARIANT BROKEN",
                    c.ginaInvariantHolds() ? "good" : "bad");
        }
        out.append("</div>\n</section>\n");
    }

    private void card(String key, String id, long value, String sub, String cls) {
        out.append("<div class=\"card ").append(cls).append("\"><div class=\"k\">").append(esc(key))
                .append("</div><div class=\"v\" id=\"").append(id).append("\" data-count=\"").append(value)
                .append("\">").append(num(value)).append("</div>");
        if (sub != null) {
            out.append("<div class=\"s\">").append(esc(sub)).append("</div>");
        }
        out.append("</div>\n");
    }

    private void outcomes() {
        Totals t = s.totals();
        out.append("<section id=\"outcomes\">\n<h2>Outcomes</h2>\n<div class=\"two\"><div>\n");
        out.append("<table><thead><tr><th>Outcome</th><th>Requests</th><th>Share</th></tr></thead><tbody>\n");
        for (Count c : t.outcomes()) {
            out.append("<tr><td class=\"l\">").append(esc(c.label())).append("</td>")
                    .append(countCell("outcome-" + c.label(), "", c)).append("<td>").append(pct(c.percent()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        out.append("<h3>Reject codes (NCPDP)</h3>\n");
        simpleTable("Code", t.rejectCodes(), "data-reject-code", "no claims rejected");
        out.append("</div><div>\n");
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < t.outcomes().size(); i++) {
            Count c = t.outcomes().get(i);
            bars.add(new Bar(c.label(), c.percent(), num(c.count()) + " (" + pct(c.percent()) + ")",
                    OUTCOME_COLOURS[i % OUTCOME_COLOURS.length]));
        }
        chart("Requests by outcome", bars, 100);
        out.append("</div></div>\n</section>\n");
    }

    private void exceptions() {
        Totals t = s.totals();
        out.append("<section id=\"exceptions\">\n<h2>Exceptions</h2>\n");
        out.append("<p class=\"note\"><span id=\"requests-with-exceptions\" data-count=\"")
                .append(t.requestsWithExceptions()).append("\">").append(num(t.requestsWithExceptions()))
                .append("</span> ").append(requests(t.requestsWithExceptions())).append(" (")
                .append(pct(pct(t.requestsWithExceptions())))
                .append(") were paid because a restriction was waived. A request may carry more than one type. "
                        + "Genes are those of findings arguing against a drug (avoid or consider an alternative) in "
                        + "waived decisions.</p>\n");
        out.append("<div class=\"two\"><div>\n<h3>By type</h3>\n");
        out.append("<table><thead><tr><th>Type</th><th>Requests</th><th>Share</th></tr></thead><tbody>\n");
        for (Count c : t.exceptionsByType()) {
            out.append("<tr><td class=\"l\">").append(esc(c.label())).append("</td>")
                    .append(countCell("exception-" + c.label(), "", c)).append("<td>").append(pct(c.percent()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table>\n<h3>By gene</h3>\n");
        simpleTable("Gene", t.exceptionsByGene(), "data-gene", "no exceptions");
        out.append("</div><div>\n");
        List<Bar> bars = new ArrayList<>();
        for (Count c : t.exceptionsByGene()) {
            bars.add(new Bar(c.label(), c.count(), num(c.count()), BAR));
        }
        if (!bars.isEmpty()) {
            chart("Waived requests by gene", bars.subList(0, Math.min(12, bars.size())), 0);
        }
        out.append("</div></div>\n</section>\n");
    }

    private void drugsAndFindings() {
        Totals t = s.totals();
        out.append("<section id=\"drugs\">\n<h2>Drugs</h2>\n<div class=\"two\"><div>\n<h3>Most often rejected</h3>\n");
        drugTable(t.mostRejected(), "data-rejected-drug", "rejected");
        out.append("</div><div>\n<h3>Most often paid on an exception</h3>\n");
        drugTable(t.mostWaived(), "data-waived-drug", "waived");
        out.append("</div></div>\n");
        List<Bar> bars = new ArrayList<>();
        for (DrugCount d : t.mostRejected()) {
            bars.add(new Bar(d.drug(), d.count(), num(d.count()) + " of " + num(d.requests()), "#c53030"));
        }
        if (!bars.isEmpty()) {
            chart("Rejected requests by drug", bars, 0);
        }
        out.append("</section>\n<section id=\"findings\">\n<h2>CPIC findings by guideline and action</h2>\n");
        out.append("<p class=\"note\">Requests whose decision shows at least one finding of the guideline with the "
                + "action; findings counts every finding (one per drug and candidate population).</p>\n");
        if (t.findings().isEmpty()) {
            out.append("<p class=\"note\">No findings.</p>\n");
        } else {
            out.append("<table><thead><tr><th>Guideline</th><th class=\"l\">Drugs</th><th class=\"l\">Action</th>"
                    + "<th>Requests</th><th>Share</th><th>Findings</th></tr></thead><tbody>\n");
            for (FindingCount f : t.findings()) {
                out.append("<tr><td class=\"l\">").append(esc(f.guidelineId())).append("</td><td class=\"l\">")
                        .append(esc(String.join(", ", f.drugs()))).append("</td><td class=\"l\">")
                        .append(f.action().name()).append("</td><td data-guideline=\"").append(esc(f.guidelineId()))
                        .append("\" data-action=\"").append(f.action().name()).append("\" data-count=\"")
                        .append(f.requests()).append("\">").append(num(f.requests())).append("</td><td>")
                        .append(pct(pct(f.requests()))).append("</td><td>").append(num(f.findings()))
                        .append("</td></tr>\n");
            }
            out.append("</tbody></table>\n");
        }
        out.append("</section>\n");
    }

    private void errors() {
        Totals t = s.totals();
        out.append("<section id=\"errors\">\n<h2>Requests with errors</h2>\n<p class=\"note\"><span "
                + "id=\"requests-with-errors\" data-count=\"").append(t.requestsWithErrors()).append("\">")
                .append(num(t.requestsWithErrors())).append("</span> ").append(requests(t.requestsWithErrors()))
                .append(" (").append(pct(pct(t.requestsWithErrors())))
                .append(") had at least one error and went to pharmacist review. Fields are given without indexes; "
                        + "<code>$</code> is the whole line (e.g. not JSON).</p>\n");
        simpleTable("Field", t.errorsByField(), "data-error-field", "no errors");
        if (t.labelsNotTracked() > 0) {
            out.append("<p class=\"note\" id=\"labels-not-tracked\" data-count=\"").append(t.labelsNotTracked())
                    .append("\">").append(num(t.labelsNotTracked()))
                    .append(" counts had too many distinct labels to be named and are left out of the tables"
                            + " above.</p>\n");
        }
        out.append("</section>\n");
    }

    private void equity() {
        Equity e = s.equity();
        out.append("<section id=\"equity\" data-threshold=\"").append(e.gapThresholdPoints())
                .append("\" data-min-group-size=\"").append(e.minGroupSize())
                .append("\">\n<h2>Equity monitoring</h2>\n");
        out.append("<p class=\"note\">Rates by <code>member.monitoringGroup</code> (").append(num(e.groupsSeen()))
                .append(e.groupsSeen() == 1 ? " group" : " groups").append(" seen). Groups with fewer than ")
                .append(num(e.minGroupSize()))
                .append(" requests are pooled; a pool below that size is suppressed. A gap is the highest minus the "
                        + "lowest rate over the rows shown with rates, flagged when it exceeds ")
                .append(points(e.gapThresholdPoints()))
                .append(" percentage points. Requests without a group count under ")
                .append(esc(BatchReport.NONE_GIVEN)).append(". Indeterminate genotype: ")
                .append(esc(e.indeterminateDefinition())).append("</p>\n");
        out.append("<p class=\"note\" id=\"unreadable-lines\" data-count=\"").append(e.unreadableLines())
                .append("\">").append(num(e.unreadableLines()))
                .append(e.unreadableLines() == 1 ? " line was" : " lines were")
                .append(" not JSON: no group can be read from them, so they are left out of this table and its gaps"
                        + " (they are counted in the totals, as errors on <code>$</code>).</p>\n");
        if (e.rows().stream().anyMatch(r -> r.kind() == ReportSummary.RowKind.OVERFLOW)) {
            out.append("<p class=\"alarm\" id=\"group-overflow\">More than ").append(num(e.groupLimit()))
                    .append(" distinct monitoring groups: later groups are counted together in one row.</p>\n");
        }
        out.append("<table id=\"equity-table\"><thead><tr><th>Group</th><th>Requests</th>");
        for (Measure m : Measure.values()) {
            out.append("<th>").append(esc(m.label())).append("</th>");
        }
        out.append("</tr></thead><tbody>\n");
        for (GroupRow row : e.rows()) {
            String cls = row.suppressed() ? "suppressed" : row.kind() == ReportSummary.RowKind.GROUP
                    || row.kind() == ReportSummary.RowKind.NONE_GIVEN ? "" : "pooled";
            out.append("<tr class=\"").append(cls).append("\" data-group=\"").append(esc(row.label()))
                    .append("\" data-kind=\"").append(row.kind().name())
                    .append("\" data-groups=\"").append(row.groups())
                    .append("\" data-requests=\"").append(row.requests()).append("\" data-suppressed=\"")
                    .append(row.suppressed()).append("\"><td class=\"l\">").append(esc(row.label())).append("</td><td>")
                    .append(num(row.requests())).append("</td>");
            if (row.suppressed()) {
                out.append("<td class=\"l\" colspan=\"").append(Measure.values().length)
                        .append("\">suppressed: fewer than ").append(num(e.minGroupSize()))
                        .append(" requests, rates withheld</td>");
            } else {
                for (Rate r : row.rates()) {
                    out.append("<td data-measure=\"").append(r.measure().name()).append("\" data-count=\"")
                            .append(r.count()).append("\" data-percent=\"").append(r.percent()).append("\">")
                            .append(pct(r.percent())).append("</td>");
                }
            }
            out.append("</tr>\n");
        }
        out.append("</tbody><tfoot><tr><th>Largest gap (points)</th><th></th>");
        for (Gap g : e.gaps()) {
            out.append("<th id=\"gap-cell-").append(g.measure().name()).append("\"")
                    .append(g.flagged() ? " class=\"flagged\"" : "").append(">")
                    .append(g.points() == null ? "\u2013" : points(g.points()) + (g.flagged() ? " \u26a0" : ""))
                    .append("</th>");
        }
        out.append("</tr></tfoot></table>\n");
        out.append("<h3>Gaps between groups</h3>\n<table id=\"gaps\"><thead><tr><th>Measure</th><th>Gap (points)</th>"
                + "<th class=\"l\">Highest</th><th class=\"l\">Lowest</th><th class=\"l\">Status</th>"
                + "</tr></thead><tbody>\n");
        for (Gap g : e.gaps()) {
            out.append("<tr><td class=\"l\">").append(esc(g.measure().label())).append("</td><td id=\"gap-")
                    .append(g.measure().name()).append("\" data-points=\"").append(g.points() == null ? "" : g.points())
                    .append("\" data-flagged=\"").append(g.flagged()).append("\">")
                    .append(g.points() == null ? "\u2013" : points(g.points())).append("</td>");
            if (g.points() == null) {
                out.append("<td class=\"l\">\u2013</td><td class=\"l\">\u2013</td><td class=\"l\"><span "
                        + "class=\"flag na\">fewer than two rows with rates</span></td>");
            } else {
                out.append("<td class=\"l\">").append(esc(g.highestGroup())).append(" (").append(pct(g.highestRate()))
                        .append(")</td><td class=\"l\">").append(esc(g.lowestGroup())).append(" (")
                        .append(pct(g.lowestRate())).append(")</td><td class=\"l\">");
                out.append(g.flagged() ? "<span class=\"flag bad\">FLAGGED: above " + points(e.gapThresholdPoints())
                        + " points</span>" : "<span class=\"flag ok\">within threshold</span>").append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table>\n");
        equityCharts(e);
        out.append("</section>\n");
    }

    /** Charts for the flagged measures, then exceptions and indeterminate genotypes, at most four. */
    private void equityCharts(Equity e) {
        List<Measure> measures = new ArrayList<>();
        for (Gap g : e.gaps()) {
            if (g.flagged()) {
                measures.add(g.measure());
            }
        }
        for (Measure m : List.of(Measure.ANY_EXCEPTION, Measure.INDETERMINATE_GENOTYPE, Measure.REJECTED)) {
            if (!measures.contains(m)) {
                measures.add(m);
            }
        }
        List<GroupRow> shown = e.rows().stream().filter(r -> !r.suppressed()).toList();
        if (shown.isEmpty()) {
            return;
        }
        out.append("<div class=\"two\">\n");
        for (Measure m : measures.subList(0, Math.min(4, measures.size()))) {
            Gap gap = e.gaps().get(m.ordinal());
            List<Bar> bars = new ArrayList<>();
            for (GroupRow r : shown.subList(0, Math.min(15, shown.size()))) {
                double p = r.rates().get(m.ordinal()).percent();
                bars.add(new Bar(r.label(), p, pct(p), gap.flagged() ? "#c53030" : BAR));
            }
            out.append("<div>");
            chart(m.label() + " rate by group" + (gap.flagged() ? " \u2014 gap flagged" : ""), bars, 0);
            out.append("</div>\n");
        }
        out.append("</div>\n");
    }

    private void comparison() {
        Comparison c = s.comparison();
        if (c == null) {
            out.append("<section id=\"comparison\" data-compared=\"0\">\n<h2>Comparison with a baseline run</h2>\n"
                    + "<p class=\"note\">No baseline decisions were given, so there is nothing to compare.</p>\n"
                    + "</section>\n");
            return;
        }
        Outcome[] all = Outcome.values();
        out.append("<section id=\"comparison\" data-compared=\"").append(c.compared())
                .append("\">\n<h2>Comparison with a baseline run</h2>\n");
        out.append("<div class=\"cards\">\n");
        card("Compared", "compared", c.compared(), null, "");
        card("Unchanged", "unchanged", c.unchanged(), pct(c.unchanged(), c.compared()), "");
        card("Moved", "moved", c.moved(), pct(c.moved(), c.compared()), "");
        card("Toward paying", "toward-paying", c.towardPaying(), "not paying before, paying now", "good");
        card("Away from paying", "away-from-paying", c.awayFromPaying(), "paying before, not paying now", "");
        out.append("</div>\n<h3>Transitions (rows: baseline outcome, columns: this run)</h3>\n");
        out.append("<table id=\"transitions\"><thead><tr><th>Baseline \u2192</th>");
        for (Outcome o : all) {
            out.append("<th>").append(o.name()).append("</th>");
        }
        out.append("<th>Total</th></tr></thead><tbody>\n");
        for (Outcome from : all) {
            out.append("<tr><td class=\"l\">").append(from.name()).append("</td>");
            for (Outcome to : all) {
                long n = c.transitions().get(from.ordinal() * all.length + to.ordinal()).count();
                out.append("<td data-from=\"").append(from.name()).append("\" data-to=\"").append(to.name())
                        .append("\" data-count=\"").append(n).append("\"")
                        .append(from != to && n > 0 ? " style=\"font-weight:600\"" : "").append(">")
                        .append(num(n)).append("</td>");
            }
            out.append("<td>").append(num(c.movements().get(from.ordinal()).baseline())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n<h3>Movement by outcome</h3>\n<table id=\"movements\"><thead><tr><th>Outcome</th>"
                + "<th>Baseline</th><th>This run</th><th>Moved in</th><th>Moved out</th></tr></thead><tbody>\n");
        for (OutcomeMovement m : c.movements()) {
            String o = m.outcome().name();
            out.append("<tr><td class=\"l\">").append(o).append("</td><td>").append(num(m.baseline()))
                    .append("</td><td>").append(num(m.current())).append("</td><td id=\"moved-in-").append(o)
                    .append("\" data-count=\"").append(m.movedIn()).append("\">").append(num(m.movedIn()))
                    .append("</td><td id=\"moved-out-").append(o).append("\" data-count=\"").append(m.movedOut())
                    .append("\">").append(num(m.movedOut())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n<h3>Member cost share, claims paying in both runs</h3>\n");
        if (c.ginaInvariantHolds()) {
            out.append("<p class=\"fine\" id=\"gina\" data-holds=\"true\">Higher cost share: <b id=\"gina-higher\" "
                    + "data-count=\"0\">0</b> claims. Genetic information lowered barriers and never raised a "
                    + "member's tier (the GINA invariant holds).</p>\n");
        } else {
            out.append("<p class=\"alarm\" id=\"gina\" data-holds=\"false\">GINA INVARIANT BROKEN: "
                    + "<b id=\"gina-higher\" data-count=\"").append(c.higherCostShare()).append("\">")
                    .append(num(c.higherCostShare()))
                    .append("</b> claims are charged a higher tier than in the baseline run. Genetic information "
                            + "must never raise a member's cost share: stop and investigate before using these "
                            + "decisions.</p>\n");
        }
        out.append("<table id=\"cost-share\"><thead><tr><th>Baseline tier</th><th>Lower now</th><th>Same</th>"
                + "<th>Higher now</th></tr></thead><tbody>\n");
        for (TierShift t : c.costShare()) {
            out.append("<tr><td class=\"l\">tier ").append(t.baselineTier()).append("</td>");
            shiftCell(t.baselineTier(), "lower", t.lower(), false);
            shiftCell(t.baselineTier(), "same", t.same(), false);
            shiftCell(t.baselineTier(), "higher", t.higher(), t.higher() > 0);
            out.append("</tr>\n");
        }
        if (c.costShare().isEmpty()) {
            out.append("<tr><td class=\"l\" colspan=\"4\">no claims paying in both runs</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        if (c.paidWithoutTier() > 0) {
            out.append("<p class=\"note\" id=\"paid-without-tier\" data-count=\"").append(c.paidWithoutTier())
                    .append("\">").append(num(c.paidWithoutTier()))
                    .append(" claims paying in both runs had no tier in one run and are not compared.</p>\n");
        }
        out.append("</section>\n");
    }

    private void shiftCell(int tier, String shift, long n, boolean bad) {
        out.append("<td data-baseline-tier=\"").append(tier).append("\" data-shift=\"").append(shift)
                .append("\" data-count=\"").append(n).append("\"").append(bad ? " class=\"flagged\"" : "").append(">")
                .append(num(n)).append(bad ? " \u26a0 must be 0" : "").append("</td>");
    }

    private void simpleTable(String heading, List<Count> counts, String attribute, String empty) {
        if (counts.isEmpty()) {
            out.append("<p class=\"note\">").append(esc(empty)).append(".</p>\n");
            return;
        }
        out.append("<table><thead><tr><th>").append(esc(heading))
                .append("</th><th>Requests</th><th>Share</th></tr></thead><tbody>\n");
        for (Count c : counts) {
            out.append("<tr><td class=\"l\">").append(esc(c.label())).append("</td>")
                    .append(countCell(null, attribute + "=\"" + esc(c.label()) + "\"", c)).append("<td>")
                    .append(pct(c.percent())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private void drugTable(List<DrugCount> drugs, String attribute, String what) {
        if (drugs.isEmpty()) {
            out.append("<p class=\"note\">No drug ").append(what).append(".</p>\n");
            return;
        }
        out.append("<table><thead><tr><th>Drug</th><th>").append(what.substring(0, 1).toUpperCase(Locale.ROOT))
                .append(what.substring(1)).append("</th><th>Requests for it</th><th>Rate</th></tr></thead><tbody>\n");
        for (DrugCount d : drugs) {
            out.append("<tr><td class=\"l\">").append(esc(d.drug())).append("</td><td ").append(attribute)
                    .append("=\"").append(esc(d.drug())).append("\" data-count=\"").append(d.count()).append("\">")
                    .append(num(d.count())).append("</td><td>").append(num(d.requests())).append("</td><td>")
                    .append(pct(d.percent())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private String countCell(String id, String attributes, Count c) {
        StringBuilder sb = new StringBuilder("<td");
        if (id != null) {
            sb.append(" id=\"").append(esc(id)).append('"');
        }
        if (!attributes.isEmpty()) {
            sb.append(' ').append(attributes);
        }
        return sb.append(" data-count=\"").append(c.count()).append("\" data-percent=\"").append(c.percent())
                .append("\">").append(num(c.count())).append("</td>").toString();
    }

    private record Bar(String label, double value, String text, String colour) {
    }

    /** A horizontal bar chart; {@code max} 0 scales to the largest bar. */
    private void chart(String title, List<Bar> bars, double max) {
        int labelWidth = 190;
        int barWidth = 250;
        int row = 22;
        int width = labelWidth + barWidth + 120;
        int height = 26 + bars.size() * row + 6;
        double scale = max > 0 ? max : bars.stream().mapToDouble(Bar::value).max().orElse(1);
        if (scale <= 0) {
            scale = 1;
        }
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(esc(title))
                .append("\" font-family=\"Arial, sans-serif\" "
                        + "font-size=\"12\">\n<title>").append(esc(title)).append("</title>\n<text x=\"0\" y=\"15\" "
                        + "font-weight=\"bold\" fill=\"#334e68\">").append(esc(title)).append("</text>\n");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 26 + i * row;
            long w = Math.round(Math.max(0, b.value()) / scale * barWidth);
            String label = b.label().length() > 28 ? b.label().substring(0, 27) + "\u2026" : b.label();
            out.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(y + 14)
                    .append("\" text-anchor=\"end\" fill=\"#1f2933\">").append(esc(label)).append("</text>")
                    .append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(barWidth).append("\" height=\"15\" fill=\"#eef2f6\"/>")
                    .append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"")
                    .append(w).append("\" height=\"15\" fill=\"").append(b.colour()).append("\"/>")
                    .append("<text x=\"").append(labelWidth + barWidth + 6).append("\" y=\"").append(y + 14)
                    .append("\" fill=\"#334e68\">").append(esc(b.text())).append("</text>\n");
        }
        out.append("</svg>\n");
    }

    private static Count outcome(Totals t, Outcome o) {
        return t.outcomes().get(o.ordinal());
    }

    private double pct(long count) {
        long n = s.header().requests();
        return n == 0 ? 0 : 100.0 * count / n;
    }

    private static String pct(long count, long of) {
        return pct(of == 0 ? 0 : 100.0 * count / of);
    }

    private static String pct(Double percent) {
        return percent == null ? "\u2013" : String.format(Locale.ROOT, "%.1f%%", percent);
    }

    private static String points(double p) {
        return String.format(Locale.ROOT, "%.1f", p);
    }

    private static String num(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String requests(long n) {
        return n == 1 ? "request" : "requests";
    }

    private static String orDash(String s) {
        return s == null ? "\u2013" : s;
    }

    /**
     * Escapes text for element content and quoted attributes, and replaces characters XML 1.0 does not allow
     * (control characters, lone surrogates) so the page stays well-formed whatever the input held.
     */
    static String esc(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        sb.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF'
                            || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
