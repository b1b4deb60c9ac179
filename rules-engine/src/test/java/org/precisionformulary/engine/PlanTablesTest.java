// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.decision.Severity;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.json.FormularyReader;

/**
 * A plan's pack may decide differently from the built-in content for its members, as data its P&amp;T
 * committee signs: {@code pt-decisions.tsv} (action, ground, condition of a CPIC recommendation) and
 * {@code populations.tsv} (prior use, look-back). Every decision lists the P&amp;T decisions that changed it.
 */
class PlanTablesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
    private static final String HEADER = "recommendation_id\taction\tground\tcondition\tdecided_by\tdecided_on\tnote\n";
    private static final Formulary FORMULARY = FormularyReader.read("""
            { "formularyId": "PT", "policy": { "pgxStrongAvoid": "REJECT", "pgxDurReasonCode": "DL" },
              "drugs": [
                { "drug": "codeine", "tier": 1, "class": "opioid" },
                { "drug": "hydromorphone", "tier": 2, "class": "opioid" },
                { "drug": "amikacin", "tier": 1, "class": "aminoglycoside" },
                { "drug": "aztreonam", "tier": 2, "class": "aminoglycoside" },
                { "drug": "phenytoin", "tier": 1, "class": "anticonvulsant" },
                { "drug": "levetiracetam", "tier": 1, "class": "anticonvulsant" },
                { "drug": "efavirenz", "tier": 1, "class": "nnrti" } ] }
            """, "pt");

    private static PrecisionFormulary builtIn;

    @BeforeAll
    static void engine() {
        builtIn = PrecisionFormulary.builder().formulary(FORMULARY).clock(CLOCK).build();
    }

    private static PrecisionFormulary plan(Path dir, String file, String text) throws IOException {
        Files.writeString(dir.resolve("pack.properties"), "extends=builtin\nname=plan-pt\nversion=2026.12\n");
        Files.writeString(dir.resolve(file), text);
        return PrecisionFormulary.builder().rulePack(RulePack.fromDirectory(dir)).formulary(FORMULARY).clock(CLOCK).build();
    }

    private static String request(String drug, String genotypes, String history, String birthDate) {
        return "{\"requestId\":\"PT-1\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M\"" + (birthDate == null ? ""
                : ",\"birthDate\":\"" + birthDate + "\"") + "},\"drug\":{\"name\":\"" + drug + "\"},\"genotypes\":["
                + genotypes + "],\"history\":[" + history + "]}";
    }

    private static final String POOR_CYP2D6 = "{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*4\"}";
    private static final String M1555 = "{\"gene\":\"MT-RNR1\",\"diplotype\":\"m.1555A>G\"}";

    @Test
    void aPtDecisionChangesTheActionRoutingSeesAndTheAuditListsIt(@TempDir Path dir) throws IOException {
        assertThat(builtIn.evaluate(request("codeine", POOR_CYP2D6, "", null)).rejectCodes()).containsExactly("88");

        PrecisionFormulary engine = plan(dir, "pt-decisions.tsv", HEADER
                + "PA166297602\tCONSIDER_ALTERNATIVE\tINEFFECTIVE\t\tP&T committee\t2026-10-14\tpain service asks for a"
                + " pharmacist call instead of a hard stop\n");
        CoverageDecision d = engine.evaluate(request("codeine", POOR_CYP2D6, "", null));
        assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(d.findings()).filteredOn(f -> f.drug().equals("codeine")).singleElement()
                .satisfies(f -> assertThat(f.action()).isEqualTo(Action.CONSIDER_ALTERNATIVE));
        assertThat(d.durAlerts()).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo(Severity.MODERATE));
        assertThat(d.audit().ptDecisions()).singleElement().asString()
                .startsWith("PA166297602: action AVOID -> CONSIDER_ALTERNATIVE, ground INEFFECTIVE")
                .contains("P&T committee on 2026-10-14");

        // A decision the P&T decision does not touch lists none.
        CoverageDecision other = engine.evaluate(request("codeine", "{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*1\"}", "", null));
        assertThat(other.audit().ptDecisions()).isEmpty();
    }

    @Test
    void aHardStopCpicQualifiesSaysUnderWhatConditionAndAPlanMayWithdrawIt(@TempDir Path dir) throws IOException {
        CoverageDecision stop = builtIn.evaluate(request("amikacin", M1555, "", null));
        assertThat(stop.rejectCodes()).containsExactly("88");
        assertThat(stop.findings()).filteredOn(f -> f.drug().equals("amikacin")).singleElement()
                .satisfies(f -> assertThat(f.cpicCondition()).startsWith("unless the high risk of permanent hearing loss"));
        assertThat(stop.reasons()).anySatisfy(r -> assertThat(r).startsWith("CPIC allows amikacin where: \"unless")
                .contains("PA166296962").contains("may ask the plan for an exception"));
        // Codeine in a poor metabolizer: CPIC states no condition, and the reason offers none.
        CoverageDecision codeine = builtIn.evaluate(request("codeine", POOR_CYP2D6, "", null));
        assertThat(codeine.findings()).allSatisfy(f -> assertThat(f.cpicCondition()).isNull());
        assertThat(codeine.reasons()).noneMatch(r -> r.startsWith("CPIC allows"));

        PrecisionFormulary engine = plan(dir, "pt-decisions.tsv", HEADER
                + "PA166296962\t\t\tnone\tP&T committee\t2026-10-14\tno aminoglycoside exceptions at the pharmacy\n");
        CoverageDecision withdrawn = engine.evaluate(request("amikacin", M1555, "", null));
        assertThat(withdrawn.rejectCodes()).containsExactly("88");
        assertThat(withdrawn.findings()).allSatisfy(f -> assertThat(f.cpicCondition()).isNull());
        assertThat(withdrawn.reasons()).noneMatch(r -> r.startsWith("CPIC allows"));
        assertThat(withdrawn.audit().ptDecisions()).singleElement().asString().startsWith("PA166296962: condition none");
    }

    @Test
    void aPtDecisionTableThatCannotBeReadIsRefusedWithFileAndLine(@TempDir Path dir) throws IOException {
        String bad = HEADER
                + "PA000000000\tAVOID\tADVERSE_REACTION\t\tP&T\t2026-10-14\tunknown id\n"
                + "PA166297602\tSKIP\t\t\tP&T\t2026-10-14\tno such action\n"
                + "PA166296962\tAVOID\t\t\tP&T\t2026-10-14\tan avoid needs its ground\n"
                + "PA166297602\tMONITOR\t\t\t\t14/10/2026\twho and when missing\n";
        assertThatThrownBy(() -> plan(dir, "pt-decisions.tsv", bad)).isInstanceOf(RulePackException.class)
                .satisfies(e -> assertThat(((RulePackException) e).problems())
                        .extracting(p -> p.file() + ":" + p.line())
                        .contains("pt-decisions.tsv:2", "pt-decisions.tsv:3", "pt-decisions.tsv:4", "pt-decisions.tsv:5"));
        assertThat(RulePack.validate(dir)).extracting(RulePackProblem::message)
                .anyMatch(m -> m.contains("'PA000000000' is not a recommendation"))
                .anyMatch(m -> m.contains("action 'SKIP'"))
                .anyMatch(m -> m.contains("name its ground"))
                .anyMatch(m -> m.contains("decided_by is required"))
                .anyMatch(m -> m.contains("'14/10/2026' is not a date"));
    }

    @Test
    void aPlanMayReadPriorUseWithALongerLookBack(@TempDir Path dir) throws IOException {
        String hlaB = "{\"gene\":\"HLA-B\",\"allele\":\"*15:02\",\"result\":\"positive\"},"
                + "{\"gene\":\"CYP2C9\",\"diplotype\":\"*1/*1\"}";
        String courseYearsAgo = "{\"drug\":\"phenytoin\",\"filledOn\":\"2023-06-01\",\"daysSupply\":120}";
        // Built in: a course three years ago is outside the two-year look-back, so the member is naive.
        assertThat(builtIn.evaluate(request("phenytoin", hlaB, courseYearsAgo, null)).rejectCodes()).containsExactly("88");

        PrecisionFormulary engine = plan(dir, "populations.tsv", "drug\tpopulation\tselector\tvalues\twhy\n"
                + "phenytoin\tPHT use >3mos\tcontinuous_use\tdrugs=phenytoin,fosphenytoin min_days=91 max_gap_days=7"
                + " lookback_days=3650\tP&T 2026-10: ten years of history is complete for our members\n");
        CoverageDecision d = engine.evaluate(request("phenytoin", hlaB, courseYearsAgo, null));
        assertThat(d.outcome()).isEqualTo(Outcome.APPROVED);
        assertThat(d.findings()).filteredOn(f -> f.drug().equals("phenytoin")).singleElement()
                .satisfies(f -> assertThat(f.population()).isEqualTo("PHT use >3mos"));

        Files.writeString(dir.resolve("populations.tsv"), "drug\tpopulation\tselector\tvalues\twhy\n"
                + "phenytoin\tPHT use >3mos\tcontinuous_use\tdrugs=phenytoin min_days=91 max_gap_days=7 lookback_days=ten\tx\n");
        assertThat(RulePack.validate(dir)).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("populations.tsv");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("lookback_days");
        });
    }

    @Test
    void aPopulationThatNeedsWhatTheRequestLacksSaysSo() {
        String cyp2b6 = "{\"gene\":\"CYP2B6\",\"diplotype\":\"*6/*6\"}";
        CoverageDecision child = builtIn.evaluate(request("efavirenz", cyp2b6, "", "2016-03-01"));
        assertThat(child.reasons()).anySatisfy(r -> assertThat(r).contains("efavirenz").contains("40 kg")
                .contains("age is 10"));
        CoverageDecision adult = builtIn.evaluate(request("efavirenz", cyp2b6, "", "1980-03-01"));
        assertThat(adult.reasons()).noneMatch(r -> r.contains("40 kg"));
    }
}
