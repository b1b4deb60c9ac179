// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.decision.Alternative;
import org.precisionformulary.model.decision.Audit;
import org.precisionformulary.model.decision.Classification;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.CoverageException;
import org.precisionformulary.model.decision.DurAlert;
import org.precisionformulary.model.decision.ExceptionType;
import org.precisionformulary.model.decision.FieldError;
import org.precisionformulary.model.decision.Finding;
import org.precisionformulary.model.decision.Outcome;
import org.precisionformulary.model.decision.Severity;
import org.precisionformulary.model.genotype.Gene;

/** The JSON field names are the contract's (§1–§3), and decisions survive a round trip unchanged. */
class ContractJsonTest {

    static final String CONTRACT_REQUEST = """
            {
              "requestId": "R-1001",
              "serviceDate": "2026-11-20",
              "member": { "id": "M-1", "planId": "DEMO", "birthDate": "1970-04-02", "monitoringGroup": "group-a" },
              "drug": { "name": "hydromorphone", "rxnorm": "3423" },
              "indication": "CVI ACS PCI",
              "diagnoses": ["G89.29"],
              "genotypes": [
                { "gene": "CYP2D6", "diplotype": "*4/*4" },
                { "gene": "CYP2C19", "phenotype": "Poor Metabolizer" },
                { "gene": "CYP2C9", "activityScore": "1.0" },
                { "gene": "HLA-B", "allele": "*57:01", "result": "positive" }
              ],
              "biomarkers": [ { "name": "EGFR", "result": "positive", "detail": "exon 19 deletion" },
                              { "name": "PD-L1", "value": 60 } ],
              "history": [ { "drug": "tramadol", "filledOn": "2026-09-01", "daysSupply": 30 } ],
              "someFutureField": { "ignored": true }
            }""";

    @Test
    void theContractsExampleRequestReadsCompletelyAndWritesBackTheSameFields() throws Exception {
        ParsedRequest parsed = RequestReader.read(CONTRACT_REQUEST);
        assertThat(parsed.errors()).isEmpty();
        var r = parsed.request();
        assertThat(r.serviceDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(r.member().monitoringGroup()).isEqualTo("group-a");
        assertThat(r.genotypes()).extracting(g -> g.gene()).containsExactly(Gene.CYP2D6, Gene.CYP2C19, Gene.CYP2C9, Gene.HLA_B);
        assertThat(r.biomarkers().get(1).value()).isEqualTo(60.0);
        assertThat(r.history().get(0).daysSupply()).isEqualTo(30);

        JsonNode original = ContractJson.mapper().readTree(CONTRACT_REQUEST);
        JsonNode written = ContractJson.mapper().readTree(ContractJson.toJson(r));
        ((com.fasterxml.jackson.databind.node.ObjectNode) original).remove("someFutureField");
        assertThat(written).isEqualTo(ContractJson.mapper().readTree(ContractJson.toJson(
                RequestReader.read(original.toString()).request())));
        assertThat(written.get("genotypes").get(3).get("result").asText()).isEqualTo("positive");
        assertThat(written.get("genotypes").get(0).get("gene").asText()).isEqualTo("CYP2D6");
    }

    @Test
    void aDecisionRoundTripsAndUsesTheContractsNames() throws Exception {
        Finding finding = new Finding("codeine", "general", Map.of("CYP2D6", "Poor Metabolizer"), Map.of("CYP2D6", "0.0"),
                Classification.STRONG, Action.AVOID, "Avoid codeine use.", List.of("CYP2D6: Greatly reduced morphine formation"),
                "PA166104996", "https://www.pharmgkb.org/guidelineAnnotation/PA166104996", List.of("33387367"),
                "PA166297602", "codeine / CYP2D6 activity score 0.0 -> avoid");
        CoverageDecision decision = new CoverageDecision(1, "R-1001", Outcome.APPROVED_WITH_EXCEPTION, List.of(), 2,
                List.of(finding), List.of(new Alternative("morphine", 2, "same class")),
                List.of(new CoverageException(ExceptionType.STEP_THERAPY_BYPASS, "codeine: avoid", "rule")),
                List.of(new DurAlert("DL", Severity.MAJOR, "msg", "codeine", "rule")), List.of("because"),
                "Covered.", List.of(new FieldError("genotypes[1].diplotype", "bad")),
                new Audit("1", "1", "abc", "2024-03-25", "DEMO", "def", List.of("r1", "r2"), List.of("r0")));
        String json = ContractJson.toJson(decision);
        assertThat(ContractJson.mapper().readValue(json, CoverageDecision.class)).isEqualTo(decision);
        JsonNode node = ContractJson.mapper().readTree(json);
        assertThat(node.fieldNames()).toIterable().containsExactly("contractVersion", "requestId", "outcome",
                "rejectCodes", "tier", "findings", "alternatives", "exceptions", "durAlerts", "reasons",
                "memberExplanation", "errors", "audit");
        assertThat(node.get("findings").get(0).get("classification").asText()).isEqualTo("Strong");
        assertThat(node.get("exceptions").get(0).get("type").asText()).isEqualTo("STEP_THERAPY_BYPASS");
        assertThat(node.get("errors").get(0).get("field").asText()).isEqualTo("genotypes[1].diplotype");
        assertThat(node.get("audit").get("firedRules")).hasSize(2);
    }

    @Test
    void aConditionOfUseAndThePlansPtDecisionsRoundTripAndAreOmittedWhenAbsent() throws Exception {
        Finding conditional = new Finding("amikacin", "general", Map.of("MT-RNR1", "increased risk"), Map.of(),
                Classification.STRONG, Action.AVOID, "Avoid aminoglycoside antibiotics unless ...", List.of(), null, null,
                List.of(), "PA166296962", "rule", "unless the high risk of permanent hearing loss is outweighed");
        Audit audit = new Audit("1", "1", "abc", "2024-03-25", "DEMO", "def", List.of("rule"), List.of(), null, List.of(),
                List.of("PA166296962: condition none (P&T decision by P&T on 2026-10-14: no exceptions)"));
        CoverageDecision decision = new CoverageDecision(1, "R-2", Outcome.REJECTED, List.of("88"), 1,
                List.of(conditional), List.of(), List.of(), List.of(), List.of("stopped"), "x", List.of(), audit);
        String json = ContractJson.toJson(decision);
        assertThat(ContractJson.mapper().readValue(json, CoverageDecision.class)).isEqualTo(decision);
        JsonNode node = ContractJson.mapper().readTree(json);
        assertThat(node.get("findings").get(0).get("cpicCondition").asText()).startsWith("unless");
        assertThat(node.get("audit").get("ptDecisions").get(0).asText()).startsWith("PA166296962");

        Finding plain = new Finding("x", "general", Map.of(), Map.of(), Classification.OPTIONAL, Action.STANDARD, null,
                null, null, null, null, null, "r");
        JsonNode bare = ContractJson.mapper().readTree(ContractJson.toJson(new CoverageDecision(1, "R-3", Outcome.APPROVED,
                List.of(), 1, List.of(plain), List.of(), List.of(), List.of(), List.of(), "x", List.of(),
                new Audit("1", "1", "abc", "2024-03-25", "DEMO", "def", List.of(), List.of()))));
        assertThat(bare.get("findings").get(0).has("cpicCondition")).isFalse();
        assertThat(bare.get("audit").has("ptDecisions")).isFalse();
    }

    @Test
    void notesFromBeforeTheEngineGoFirstInTheReasons() {
        CoverageDecision decision = new CoverageDecision(1, "R-4", Outcome.APPROVED, List.of(), 1, List.of(), List.of(),
                List.of(), List.of(), List.of("rule: approved"), "x", List.of(), null);
        assertThat(decision.withReasonsFirst(List.of("PharmCAT could not call CYP2D6")).reasons())
                .containsExactly("PharmCAT could not call CYP2D6", "rule: approved");
    }

    @Test
    void theSameDecisionAlwaysWritesTheSameBytes() {
        Finding f = new Finding("x", "general", Map.of("B", "2", "A", "1"), Map.of(), Classification.OPTIONAL,
                Action.STANDARD, null, null, null, null, null, null, "r");
        assertThat(ContractJson.toJson(f)).isEqualTo(ContractJson.toJson(f)).contains("{\"A\":\"1\",\"B\":\"2\"}");
    }
}
