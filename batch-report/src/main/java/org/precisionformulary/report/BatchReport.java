// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.precisionformulary.report.ReportSummary.Comparison;
import org.precisionformulary.report.ReportSummary.Count;
import org.precisionformulary.report.ReportSummary.DrugCount;
import org.precisionformulary.report.ReportSummary.Equity;
import org.precisionformulary.report.ReportSummary.FindingCount;
import org.precisionformulary.report.ReportSummary.Gap;
import org.precisionformulary.report.ReportSummary.GroupRow;
import org.precisionformulary.report.ReportSummary.Header;
import org.precisionformulary.report.ReportSummary.OutcomeMovement;
import org.precisionformulary.report.ReportSummary.Rate;
import org.precisionformulary.report.ReportSummary.RowKind;
import org.precisionformulary.report.ReportSummary.TierShift;
import org.precisionformulary.report.ReportSummary.Totals;
import org.precisionformulary.report.ReportSummary.Transition;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Audit;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.decision.Outcome;

/**
 * The report of a batch run for a plan's pharmacy and therapeutics committee: totals by outcome, reject code,
 * exception and finding; equity monitoring by {@code member.monitoringGroup}; and, when baseline decisions are given,
 * how claims moved and whether any member's cost share rose. Feed it one line at a time; it keeps counters only,
 * never lines or decisions, so memory stays bounded however long the run.
 *
 * <pre>{@code
 * BatchReport report = new BatchReport(ReportSettings.defaults());
 * for (String line : lines) {
 *     report.add(line, engine.evaluate(line), null);
 * }
 * report.writeHtml(Path.of("report.html"));
 * }</pre>
 *
 * <p>Not thread-safe: call {@link #add} from one thread, in input order. A run decided in parts (threads,
 * processes, a cluster's tasks) is reported by one report per part, each started at the part's first line, merged
 * into one with {@link #merge}; the report travels between processes as a {@link Serializable} (its serial form is
 * for one version of this library, not for storing).
 *
 * <pre>{@code
 * BatchReport part = new BatchReport(settings, firstLineOfThePart);
 * ... part.add(line, decision, null) for each line of the part, in order ...
 * whole.merge(part);    // in any order, parts of the same run with the same settings
 * }</pre>
 */
public final class BatchReport implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The label of requests without a monitoring group. */
    public static final String NONE_GIVEN = "(none given)";
    /** The most distinct monitoring groups counted by name; later ones go to an overflow row. */
    public static final int GROUP_LIMIT = 1_000;
    /** How many drugs the most-rejected and most-waived lists show. */
    public static final int TOP_DRUGS = 10;
    /** How the equity section defines an indeterminate genotype; shown in the report. */
    public static final String INDETERMINATE_DEFINITION = "A request counts as indeterminate-genotype when its "
            + "decision shows a finding in which a gene's result is Indeterminate (or whose action is INDETERMINATE), "
            + "or names an error in a genotypes field (e.g. an unknown allele or conflicting entries). It is read "
            + "from the decision alone; requests without genotypes count in the denominator.";

    private static final int DRUG_LIMIT = 5_000;
    private static final int LABEL_LIMIT = 1_000;
    private static final int DRUGS_PER_GUIDELINE = 4;
    /** Lines a report can count from; the order of a label seen on a line keeps 12 bits for its place in the line. */
    private static final long MAX_LINE = 1L << 50;
    private static final int PLACE_BITS = 12;
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final String NO_RESULT = "No Result";
    private static final String INDETERMINATE = "Indeterminate";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final int REQUESTS = 0;
    private static final int REJECTED = 1;
    private static final int WAIVED = 2;
    private static final int FINDINGS = 1;
    private static final int MEASURES = Measure.values().length;

    private final ReportSettings settings;
    private Instant generatedAt;
    /** The line the next {@link #add} counts, and how many labels that line has seen so far. */
    private long line;
    private int place;

    private long requests;
    /** The first audit, by line; decisions are counted by audit so that merged parts can tell the run's first. */
    private String[] firstAudit;
    private long firstAuditOrder;
    private final Tally audits = new Tally(LABEL_LIMIT, 1);
    private final long[] outcomes = new long[Outcome.values().length];
    private final Tally rejectCodes = new Tally(LABEL_LIMIT, 1);
    private long withExceptions;
    private final long[] exceptionTypes = new long[ExceptionType.values().length];
    private final Tally exceptionGenes = new Tally(LABEL_LIMIT, 1);
    private final Tally drugs = new Tally(DRUG_LIMIT, 3);
    /** By guideline and action: requests showing it, findings in all, and the first drugs it was found for. */
    private final Tally findings = new Tally(LABEL_LIMIT, 2, DRUGS_PER_GUIDELINE);
    private long withErrors;
    private final Tally errorFields = new Tally(LABEL_LIMIT, 1);

    private final long[] noneGiven = new long[MEASURES + 1];
    /** Lines that are not a JSON object: a data-quality count, kept out of the group table. */
    private long unreadable;
    /** By group; groups beyond the limit are counted together as the overflow row. */
    private final Tally groups = new Tally(GROUP_LIMIT, MEASURES + 1);

    private long compared;
    private final long[][] transitions = new long[Outcome.values().length][Outcome.values().length];
    private final TreeMap<Integer, long[]> tiers = new TreeMap<>();
    private long paidWithoutTier;

    /** @throws NullPointerException when settings is null */
    public BatchReport(ReportSettings settings) {
        this(settings, 1);
    }

    /**
     * Starts the report of a part of a run, whose first line is line {@code firstLine} of the whole run. Where a
     * figure depends on the order of lines (the header's first audit; which labels are named once a limit on
     * distinct labels is reached), merged parts give what one report fed every line in order gives.
     *
     * @param firstLine the run's 1-based line number of the part's first line
     * @throws NullPointerException     when settings is null
     * @throws IllegalArgumentException when firstLine is below 1 or above 2<sup>50</sup>
     */
    public BatchReport(ReportSettings settings, long firstLine) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (firstLine < 1 || firstLine > MAX_LINE) {
            throw new IllegalArgumentException("firstLine must be between 1 and " + MAX_LINE + ", was " + firstLine);
        }
        this.line = firstLine;
    }

    /**
     * Stamps the report with the time it was made. Without it the report carries no time, so the same run always
     * gives the same file.
     *
     * @return this report
     * @throws NullPointerException when the time is null
     */
    public BatchReport generatedAt(Instant time) {
        this.generatedAt = Objects.requireNonNull(time, "time");
        return this;
    }

    /**
     * Counts one input line and its decision. Call once per input line, in input order, from one thread.
     *
     * @param requestLine the input line as read; only {@code member.monitoringGroup} and the drug are read from it.
     *                    A line that is not a JSON object counts in the totals and as unreadable, in no group
     * @param decision    the decision for it
     * @param baseline    the decision of the run being compared against, or {@code null} when not comparing
     * @throws NullPointerException when decision is null
     */
    public void add(String requestLine, CoverageDecision decision, CoverageDecision baseline) {
        Objects.requireNonNull(decision, "decision");
        if (line > MAX_LINE) {
            throw new IllegalStateException("a report counts at most " + MAX_LINE + " lines");
        }
        RequestFields fields = RequestFields.read(requestLine);
        requests++;
        header(decision.audit());
        Outcome outcome = decision.outcome();
        outcomes[outcome.ordinal()]++;
        for (String code : new TreeSet<>(decision.rejectCodes())) {
            rejectCodes.add(code, 0, order());
        }
        String drug = fields.drug() == null ? "(no drug given)" : fields.drug();
        drugs.add(drug, REQUESTS, order());
        if (outcome == Outcome.REJECTED) {
            drugs.add(drug, REJECTED, order());
        }
        Set<ExceptionType> types = exceptionTypes(decision);
        if (!types.isEmpty()) {
            withExceptions++;
            types.forEach(t -> exceptionTypes[t.ordinal()]++);
            drugs.add(drug, WAIVED, order());
            for (String gene : genesArguingAgainst(decision)) {
                exceptionGenes.add(gene, 0, order());
            }
        }
        countFindings(decision);
        boolean genotypeError = countErrors(decision);
        boolean indeterminate = genotypeError || indeterminateFinding(decision);
        if (baseline != null) {
            compare(decision, baseline);
        }
        if (!fields.readable()) {
            // No member can be read from the line, so it says nothing about any group: putting it in
            // "(none given)" made bad input look like a gap between groups.
            unreadable++;
        } else {
            countGroup(fields.group(), outcome, types, indeterminate);
        }
        line++;
        place = 0;
    }

    /** @return when a label is seen now: by line, then by its place among the labels this line has shown */
    private long order() {
        return line << PLACE_BITS | Math.min(place++, (1 << PLACE_BITS) - 1);
    }

    private void countGroup(String label, Outcome outcome, Set<ExceptionType> types, boolean indeterminate) {
        long[] group = label == null ? noneGiven : groups.counters(label, order());
        group[MEASURES]++;
        group[Measure.of(outcome).ordinal()]++;
        if (!types.isEmpty()) {
            group[Measure.ANY_EXCEPTION.ordinal()]++;
            types.forEach(t -> group[Measure.of(t).ordinal()]++);
        }
        if (indeterminate) {
            group[Measure.INDETERMINATE_GENOTYPE.ordinal()]++;
        }
    }

    private void header(Audit audit) {
        if (audit == null) {
            return;
        }
        String[] run = {audit.rulePackVersion(), audit.rulePackSha256(), audit.formularyId()};
        long order = order();
        if (firstAudit == null) {
            firstAudit = run;
            firstAuditOrder = order;
        }
        audits.add(runKey(run), 0, order);
    }

    /** @return a key that tells runs apart: each part's length before it, so no text can pass for another */
    private static String runKey(String[] run) {
        StringBuilder key = new StringBuilder();
        for (String part : run) {
            key.append(part == null ? "-" : part.length() + ":" + part).append(';');
        }
        return key.toString();
    }

    /** @return decisions whose audit names another pack or formulary than the first decision's, or none */
    private long otherRun() {
        long[] first = firstAudit == null ? null : audits.get(runKey(firstAudit));
        return requests - (first == null ? 0 : first[0]);
    }

    private static Set<ExceptionType> exceptionTypes(CoverageDecision decision) {
        Set<ExceptionType> types = EnumSet.noneOf(ExceptionType.class);
        for (CoverageException e : decision.exceptions()) {
            types.add(e.type());
        }
        return types;
    }

    /** The genes behind a waiver: those of findings that argue against a drug, leaving out genes with no result. */
    private static Set<String> genesArguingAgainst(CoverageDecision decision) {
        Set<String> genes = new TreeSet<>();
        for (Finding f : decision.findings()) {
            if (f.action().arguesAgainst()) {
                f.genes().forEach((gene, value) -> {
                    if (!NO_RESULT.equalsIgnoreCase(value)) {
                        genes.add(gene);
                    }
                });
            }
        }
        return genes.isEmpty() ? Set.of("(no genomic finding)") : genes;
    }

    private void countFindings(CoverageDecision decision) {
        Set<String> seen = new HashSet<>();
        for (Finding f : decision.findings()) {
            String guideline = f.guidelineId() == null ? "(none)" : f.guidelineId();
            String key = guideline + "\u0000" + f.action().name();
            long order = order();
            long[] c = findings.counters(key, order);
            c[FINDINGS]++;
            if (seen.add(key)) {
                c[REQUESTS]++;
            }
            findings.name(key, f.drug(), order);
        }
    }

    /** @return {@code true} when an error names a genotypes field */
    private boolean countErrors(CoverageDecision decision) {
        if (decision.errors().isEmpty()) {
            return false;
        }
        withErrors++;
        boolean genotypes = false;
        Set<String> fields = new TreeSet<>();
        for (FieldError e : decision.errors()) {
            String field = normaliseField(e.field());
            fields.add(field);
            genotypes |= field.equals("genotypes") || field.startsWith("genotypes[") || field.startsWith("genotypes.");
        }
        fields.forEach(f -> errorFields.add(f, 0, order()));
        return genotypes;
    }

    /** @return the field without array indexes: {@code genotypes[3].diplotype} is {@code genotypes[].diplotype} */
    static String normaliseField(String field) {
        String f = INDEX.matcher(field).replaceAll("[]");
        return f.length() <= RequestFields.MAX_LABEL ? f : f.substring(0, RequestFields.MAX_LABEL) + "\u2026";
    }

    private static boolean indeterminateFinding(CoverageDecision decision) {
        for (Finding f : decision.findings()) {
            if (f.action() == Action.INDETERMINATE) {
                return true;
            }
            for (String value : f.genes().values()) {
                if (INDETERMINATE.equalsIgnoreCase(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void compare(CoverageDecision decision, CoverageDecision baseline) {
        compared++;
        transitions[baseline.outcome().ordinal()][decision.outcome().ordinal()]++;
        if (paying(decision.outcome()) && paying(baseline.outcome())) {
            if (decision.tier() == null || baseline.tier() == null) {
                paidWithoutTier++;
                return;
            }
            long[] shift = tiers.computeIfAbsent(baseline.tier(), t -> new long[3]);
            shift[Integer.signum(decision.tier() - baseline.tier()) + 1]++;
        }
    }

    private static boolean paying(Outcome outcome) {
        return outcome == Outcome.APPROVED || outcome == Outcome.APPROVED_WITH_EXCEPTION;
    }

    /**
     * Adds another part of the same run to this report: its counts, comparison and equity rows, as if this report
     * had been fed the other's lines too, in their place in the run. Merging is associative and commutative for
     * parts started at disjoint lines ({@link #BatchReport(ReportSettings, long)}); merged parts give what one
     * report fed every line in order gives, but for one case: a part that alone reaches a limit on distinct labels
     * (e.g. 1,000 monitoring groups) counts its later labels as not tracked, which the whole run might have named.
     * A later {@link #add} counts the line after the last line of either part. The other report is left as it was.
     *
     * @param other the report of another part of the run
     * @return this report
     * @throws NullPointerException     when other is null
     * @throws IllegalArgumentException when other is this report, or has other settings
     */
    public BatchReport merge(BatchReport other) {
        Objects.requireNonNull(other, "other");
        if (other == this) {
            throw new IllegalArgumentException("a report cannot be merged with itself");
        }
        if (!settings.equals(other.settings)) {
            throw new IllegalArgumentException("reports with other settings cannot be merged: " + settings + " and "
                    + other.settings);
        }
        if (generatedAt == null) {
            generatedAt = other.generatedAt;
        }
        if (other.line > line) {
            line = other.line;
            place = 0;
        }
        requests += other.requests;
        if (other.firstAudit != null && (firstAudit == null || other.firstAuditOrder < firstAuditOrder)) {
            firstAudit = other.firstAudit.clone();
            firstAuditOrder = other.firstAuditOrder;
        }
        audits.merge(other.audits);
        add(outcomes, other.outcomes);
        rejectCodes.merge(other.rejectCodes);
        withExceptions += other.withExceptions;
        add(exceptionTypes, other.exceptionTypes);
        exceptionGenes.merge(other.exceptionGenes);
        drugs.merge(other.drugs);
        findings.merge(other.findings);
        withErrors += other.withErrors;
        errorFields.merge(other.errorFields);
        add(noneGiven, other.noneGiven);
        unreadable += other.unreadable;
        groups.merge(other.groups);
        compared += other.compared;
        for (int i = 0; i < transitions.length; i++) {
            add(transitions[i], other.transitions[i]);
        }
        other.tiers.forEach((tier, shift) -> add(tiers.computeIfAbsent(tier, t -> new long[shift.length]), shift));
        paidWithoutTier += other.paidWithoutTier;
        return this;
    }

    private static void add(long[] to, long[] from) {
        for (int i = 0; i < to.length; i++) {
            to[i] += from[i];
        }
    }

    /** @return every figure the report shows, as of the lines added so far */
    public ReportSummary summary() {
        Header header = new Header(requests, firstAudit == null ? null : firstAudit[0],
                firstAudit == null ? null : firstAudit[1], firstAudit == null ? null : firstAudit[2], otherRun());
        return new ReportSummary(settings.title(), generatedAt == null ? null : generatedAt.toString(), header,
                totals(), equity(), compared == 0 ? null : comparison());
    }

    private Totals totals() {
        List<Count> byOutcome = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            byOutcome.add(count(o.name(), outcomes[o.ordinal()]));
        }
        List<Count> byType = new ArrayList<>();
        for (ExceptionType t : ExceptionType.values()) {
            byType.add(count(t.name(), exceptionTypes[t.ordinal()]));
        }
        List<FindingCount> byGuideline = new ArrayList<>();
        findings.byLabel().forEach((key, c) -> {
            int split = key.lastIndexOf('\u0000');
            byGuideline.add(new FindingCount(key.substring(0, split), findings.names(key),
                    Action.valueOf(key.substring(split + 1)), c[REQUESTS], c[FINDINGS]));
        });
        byGuideline.sort(Comparator.comparingLong(FindingCount::requests).reversed()
                .thenComparing(FindingCount::guidelineId).thenComparing(FindingCount::action));
        long untracked = rejectCodes.untracked() + exceptionGenes.untracked() + drugs.untracked()
                + errorFields.untracked() + findings.untracked(FINDINGS);
        return new Totals(byOutcome, counts(rejectCodes), withExceptions, byType, counts(exceptionGenes),
                topDrugs(REJECTED), topDrugs(WAIVED), byGuideline, withErrors, counts(errorFields), untracked);
    }

    private Count count(String label, long n) {
        return new Count(label, n, percent(n, requests));
    }

    private List<Count> counts(Tally tally) {
        return tally.ranked(0).stream().map(e -> count(e.getKey(), e.getValue()[0])).toList();
    }

    private List<DrugCount> topDrugs(int index) {
        return drugs.ranked(index).stream().filter(e -> e.getValue()[index] > 0).limit(TOP_DRUGS)
                .map(e -> new DrugCount(e.getKey(), e.getValue()[index], e.getValue()[REQUESTS],
                        percent(e.getValue()[index], e.getValue()[REQUESTS])))
                .toList();
    }

    private Equity equity() {
        int min = settings.minGroupSize();
        List<GroupRow> rows = new ArrayList<>();
        long[] pool = new long[MEASURES + 1];
        int pooled = 0;
        Map<String, long[]> byLabel = groups.byLabel();
        if (noneGiven[MEASURES] > 0) {
            // the none-given group sorts first, as it is not a label anyone chose
            Map<String, long[]> ordered = new LinkedHashMap<>();
            ordered.put(null, noneGiven);
            ordered.putAll(byLabel);
            byLabel = ordered;
        }
        for (Map.Entry<String, long[]> e : byLabel.entrySet()) {
            long[] c = e.getValue();
            if (c[MEASURES] >= min) {
                rows.add(row(e.getKey() == null ? NONE_GIVEN : e.getKey(),
                        e.getKey() == null ? RowKind.NONE_GIVEN : RowKind.GROUP, 1, c));
            } else {
                pooled++;
                for (int i = 0; i <= MEASURES; i++) {
                    pool[i] += c[i];
                }
            }
        }
        if (pooled > 0) {
            rows.add(row(pooled + (pooled == 1 ? " group" : " groups") + " with fewer than " + min
                    + " requests, pooled", RowKind.POOLED, pooled, pool));
        }
        long[] overflow = groups.untrackedCounts();
        if (overflow[MEASURES] > 0) {
            rows.add(row("groups beyond the first " + GROUP_LIMIT + " distinct groups, counted together",
                    RowKind.OVERFLOW, 0, overflow));
        }
        List<Gap> gaps = new ArrayList<>();
        for (Measure m : Measure.values()) {
            gaps.add(gap(m, rows));
        }
        int flagged = (int) gaps.stream().filter(Gap::flagged).count();
        int seen = groups.size() + (noneGiven[MEASURES] > 0 ? 1 : 0);
        return new Equity(INDETERMINATE_DEFINITION, settings.gapThresholdPoints(), min, seen, GROUP_LIMIT, rows,
                gaps, flagged, unreadable);
    }

    private GroupRow row(String label, RowKind kind, int groupCount, long[] c) {
        long n = c[MEASURES];
        boolean suppressed = n < settings.minGroupSize();
        List<Rate> rates = new ArrayList<>();
        if (!suppressed) {
            for (Measure m : Measure.values()) {
                rates.add(new Rate(m, c[m.ordinal()], percent(c[m.ordinal()], n)));
            }
        }
        return new GroupRow(label, kind, groupCount, n, suppressed, rates);
    }

    /**
     * The largest gap over rows shown with rates, pooled and overflow rows included: small groups faring worse
     * together should show. The flag uses unrounded rates.
     */
    private Gap gap(Measure measure, List<GroupRow> rows) {
        GroupRow high = null;
        GroupRow low = null;
        double highRate = 0;
        double lowRate = 0;
        int shown = 0;
        for (GroupRow row : rows) {
            if (row.suppressed()) {
                continue;
            }
            shown++;
            double rate = 100.0 * row.rates().get(measure.ordinal()).count() / row.requests();
            if (high == null || rate > highRate) {
                high = row;
                highRate = rate;
            }
            if (low == null || rate < lowRate) {
                low = row;
                lowRate = rate;
            }
        }
        if (shown < 2) {
            return new Gap(measure, null, null, null, null, null, false);
        }
        double points = highRate - lowRate;
        // a tolerance so that a gap equal to the threshold, give or take rounding, is not flagged
        boolean flagged = points > settings.gapThresholdPoints() + 1e-9;
        return new Gap(measure, round(points), high.label(), round(highRate), low.label(), round(lowRate), flagged);
    }

    private Comparison comparison() {
        Outcome[] all = Outcome.values();
        long unchanged = 0;
        long toward = 0;
        long away = 0;
        List<Transition> list = new ArrayList<>();
        List<OutcomeMovement> movements = new ArrayList<>();
        for (Outcome from : all) {
            for (Outcome to : all) {
                long n = transitions[from.ordinal()][to.ordinal()];
                list.add(new Transition(from, to, n));
                if (from == to) {
                    unchanged += n;
                } else if (!paying(from) && paying(to)) {
                    toward += n;
                } else if (paying(from) && !paying(to)) {
                    away += n;
                }
            }
        }
        for (Outcome o : all) {
            long baseline = 0;
            long current = 0;
            for (Outcome other : all) {
                baseline += transitions[o.ordinal()][other.ordinal()];
                current += transitions[other.ordinal()][o.ordinal()];
            }
            long same = transitions[o.ordinal()][o.ordinal()];
            movements.add(new OutcomeMovement(o, baseline, current, current - same, baseline - same));
        }
        List<TierShift> shifts = new ArrayList<>();
        long higher = 0;
        for (Map.Entry<Integer, long[]> e : tiers.entrySet()) {
            long[] s = e.getValue();
            shifts.add(new TierShift(e.getKey(), s[0], s[1], s[2]));
            higher += s[2];
        }
        return new Comparison(compared, unchanged, compared - unchanged, toward, away, movements, list, shifts,
                paidWithoutTier, higher, higher == 0);
    }

    private static double percent(long count, long of) {
        return of == 0 ? 0 : round(100.0 * count / of);
    }

    /** Four decimals: enough for any figure shown, and stable JSON. */
    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /**
     * Writes the report as one self-contained HTML file (inline styles and SVG charts, no scripts, nothing fetched
     * when viewed), well-formed as XML.
     *
     * @throws IOException when the file cannot be written
     */
    public void writeHtml(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        String html = new HtmlReport(summary()).render();
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    /**
     * Writes the report's figures as indented JSON: the same figures as the HTML, under the field names of
     * {@link ReportSummary}.
     *
     * @throws IOException when the file cannot be written
     */
    public void writeJson(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            JSON.writeValue(out, summary());
        }
    }
}
