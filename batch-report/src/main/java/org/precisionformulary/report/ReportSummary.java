// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import java.util.List;
import java.util.Objects;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Outcome;

/**
 * Every figure of a batch report, as the HTML shows it and the JSON writes it. Percentages are of all requests
 * unless a field says otherwise.
 *
 * @param title       the report's title
 * @param generatedAt when the report was made, ISO-8601, or {@code null} when no time was given
 * @param header      the run: how many requests, with which pack and formulary
 * @param totals      counts over all requests
 * @param equity      rates by monitoring group and the gaps between them
 * @param comparison  how decisions moved against the baseline run, or {@code null} when there was none
 */
public record ReportSummary(String title, String generatedAt, Header header, Totals totals, Equity equity,
                            Comparison comparison) {

    /** @throws NullPointerException when title, header, totals or equity is missing */
    public ReportSummary {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(totals, "totals");
        Objects.requireNonNull(equity, "equity");
    }

    /**
     * The run.
     *
     * @param requests              input lines counted, one request each
     * @param rulePackVersion       the pack version from the first decision that has an audit, or {@code null}
     * @param rulePackSha256        that pack's SHA-256, or {@code null}
     * @param formularyId           the formulary id from the same audit, or {@code null}
     * @param decisionsFromOtherRun decisions whose audit names another pack or formulary, or has none (e.g. after a
     *                              pack reload during the run, or an engine failure)
     */
    public record Header(long requests, String rulePackVersion, String rulePackSha256, String formularyId,
                         long decisionsFromOtherRun) {
    }

    /**
     * A count under a label.
     *
     * @param label   what was counted
     * @param count   how many requests
     * @param percent the count as a percentage of all requests
     */
    public record Count(String label, long count, double percent) {
    }

    /**
     * A drug among those most often rejected or waived.
     *
     * @param drug     the requested drug as the request line names it ({@code rxnorm N} when only a code is given)
     * @param count    requests for it with that result
     * @param requests all requests for it
     * @param percent  count as a percentage of the drug's requests
     */
    public record DrugCount(String drug, long count, long requests, double percent) {
    }

    /**
     * Decisions showing a CPIC guideline's findings with one action.
     *
     * @param guidelineId the guideline annotation id, or {@code (none)}
     * @param drugs       drugs the findings were about, sorted, at most a few
     * @param action      the findings' action
     * @param requests    decisions showing at least one such finding
     * @param findings    such findings in all (one per candidate population and drug)
     */
    public record FindingCount(String guidelineId, List<String> drugs, Action action, long requests, long findings) {
        /** Copies the list. */
        public FindingCount {
            drugs = List.copyOf(drugs);
        }
    }

    /**
     * Counts over all requests.
     *
     * @param outcomes               requests per outcome, every outcome, in the contract's order
     * @param rejectCodes            requests per NCPDP reject code
     * @param requestsWithExceptions requests whose decision waived at least one restriction
     * @param exceptionsByType       requests per exception type, every type
     * @param exceptionsByGene       waived requests per gene of a finding arguing against a drug
     * @param mostRejected           the drugs most often rejected, at most ten
     * @param mostWaived             the drugs most often paid on an exception, at most ten
     * @param findings               decisions per guideline and action
     * @param requestsWithErrors     requests with at least one error
     * @param errorsByField          requests per field in error, indexes removed ({@code genotypes[].diplotype})
     * @param labelsNotTracked       counts that could not be given a label because too many distinct labels were
     *                               seen (drugs, fields, codes); 0 normally
     */
    public record Totals(List<Count> outcomes, List<Count> rejectCodes, long requestsWithExceptions,
                         List<Count> exceptionsByType, List<Count> exceptionsByGene, List<DrugCount> mostRejected,
                         List<DrugCount> mostWaived, List<FindingCount> findings, long requestsWithErrors,
                         List<Count> errorsByField, long labelsNotTracked) {
        /** Copies the lists. */
        public Totals {
            outcomes = List.copyOf(outcomes);
            rejectCodes = List.copyOf(rejectCodes);
            exceptionsByType = List.copyOf(exceptionsByType);
            exceptionsByGene = List.copyOf(exceptionsByGene);
            mostRejected = List.copyOf(mostRejected);
            mostWaived = List.copyOf(mostWaived);
            findings = List.copyOf(findings);
            errorsByField = List.copyOf(errorsByField);
        }
    }

    /** What a row of the equity table stands for. */
    public enum RowKind {
        /** One monitoring group. */
        GROUP,
        /** Requests, readable as JSON, without a monitoring group. */
        NONE_GIVEN,
        /** Groups below the minimum size, pooled. */
        POOLED,
        /** Groups seen after the limit of distinct groups was reached. */
        OVERFLOW
    }

    /**
     * One rate in one row.
     *
     * @param measure what is measured
     * @param count   requests of the row it applies to
     * @param percent count as a percentage of the row's requests
     */
    public record Rate(Measure measure, long count, double percent) {
    }

    /**
     * One row of the equity table.
     *
     * @param label      the group label, or a description of the pooled or overflow row
     * @param kind       what the row stands for
     * @param groups     how many groups the row holds (1 for a group)
     * @param requests   requests in the row
     * @param suppressed {@code true} when the row has fewer requests than the minimum and its rates are withheld
     * @param rates      every measure, in {@link Measure} order; empty when suppressed
     */
    public record GroupRow(String label, RowKind kind, int groups, long requests, boolean suppressed,
                           List<Rate> rates) {
        /** Copies the list. */
        public GroupRow {
            rates = List.copyOf(rates);
        }
    }

    /**
     * The largest gap for one measure between the rows shown with rates.
     *
     * @param measure       what is measured
     * @param points        highest minus lowest rate, in percentage points; {@code null} with fewer than two rows
     * @param highestGroup  the row with the highest rate, or {@code null}
     * @param highestRate   its rate, or {@code null}
     * @param lowestGroup   the row with the lowest rate, or {@code null}
     * @param lowestRate    its rate, or {@code null}
     * @param flagged       {@code true} when the gap exceeds the threshold
     */
    public record Gap(Measure measure, Double points, String highestGroup, Double highestRate, String lowestGroup,
                      Double lowestRate, boolean flagged) {
    }

    /**
     * Rates by {@code member.monitoringGroup} and the gaps between groups.
     *
     * @param indeterminateDefinition how the indeterminate-genotype rate is defined, in words
     * @param gapThresholdPoints      gaps above this are flagged
     * @param minGroupSize            rows below this are pooled or suppressed
     * @param groupsSeen              distinct labels counted by name (the none-given group included)
     * @param groupLimit              the most distinct labels counted by name
     * @param rows                    the table: groups by label, then the pooled and overflow rows
     * @param gaps                    one per measure, in {@link Measure} order
     * @param flaggedGaps             how many gaps are flagged
     * @param unreadableLines         input lines that are not a JSON object: no group can be read from them, so
     *                                they are in no row and no gap (they are in the totals)
     */
    public record Equity(String indeterminateDefinition, double gapThresholdPoints, int minGroupSize, int groupsSeen,
                         int groupLimit, List<GroupRow> rows, List<Gap> gaps, int flaggedGaps, long unreadableLines) {
        /** Copies the lists. */
        public Equity {
            rows = List.copyOf(rows);
            gaps = List.copyOf(gaps);
        }
    }

    /**
     * How many claims went from one outcome to another.
     *
     * @param from  the baseline outcome
     * @param to    this run's outcome
     * @param count claims
     */
    public record Transition(Outcome from, Outcome to, long count) {
    }

    /**
     * One outcome's movement.
     *
     * @param outcome  the outcome
     * @param baseline claims with it in the baseline run
     * @param current  claims with it in this run
     * @param movedIn  claims that have it now and had another before
     * @param movedOut claims that had it before and have another now
     */
    public record OutcomeMovement(Outcome outcome, long baseline, long current, long movedIn, long movedOut) {
    }

    /**
     * Member cost share for claims paying in both runs whose baseline tier was this one.
     *
     * @param baselineTier the tier charged in the baseline run
     * @param lower        claims charged a lower tier now
     * @param same         claims charged the same tier
     * @param higher       claims charged a higher tier now: must be 0 (genetics never raise cost share)
     */
    public record TierShift(int baselineTier, long lower, long same, long higher) {
    }

    /**
     * This run against a baseline run of the same requests.
     *
     * @param compared             requests that had a baseline decision
     * @param unchanged            claims with the same outcome
     * @param moved                claims with another outcome
     * @param towardPaying         claims not paying before and paying now
     * @param awayFromPaying       claims paying before and not paying now
     * @param movements            per outcome, in the contract's order
     * @param transitions          every pair of outcomes, baseline first, in the contract's order
     * @param costShare            per baseline tier, ascending, for claims paying in both runs
     * @param paidWithoutTier      claims paying in both runs where a run gave no tier (not compared)
     * @param higherCostShare      claims charged a higher tier than in the baseline; must be 0
     * @param ginaInvariantHolds   {@code true} when higherCostShare is 0
     */
    public record Comparison(long compared, long unchanged, long moved, long towardPaying, long awayFromPaying,
                             List<OutcomeMovement> movements, List<Transition> transitions, List<TierShift> costShare,
                             long paidWithoutTier, long higherCostShare, boolean ginaInvariantHolds) {
        /** Copies the lists. */
        public Comparison {
            movements = List.copyOf(movements);
            transitions = List.copyOf(transitions);
            costShare = List.copyOf(costShare);
        }
    }
}
