// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.model.decision.CoverageDecision;
import org.precisionformulary.model.decision.Outcome;

/**
 * A pharmacy claim names its drug by NDC: a plan's formulary maps NDCs to its drugs, in its JSON document or
 * its flat file, and a claim by NDC decides as the same claim by name. The NDCs here are examples, not real
 * products.
 */
class NdcClaimTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

    private static String claim(String drug, String diplotype) {
        return "{\"requestId\":\"NDC-1\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M\"},\"drug\":" + drug
                + ",\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"" + diplotype + "\"}]}";
    }

    @Test
    void aClaimByNdcDecidesAsTheSameClaimByName(@TempDir Path dir) throws IOException {
        Path formulary = dir.resolve("plan.json");
        Files.writeString(formulary, """
                { "formularyId": "NDC-PLAN", "drugs": [
                  { "drug": "codeine", "ndc": ["99999-0101-01", "99999010102"], "tier": 1, "class": "opioid" },
                  { "drug": "hydromorphone", "ndc": ["9999-0201-01"], "tier": 2, "class": "opioid" } ] }
                """);
        PrecisionFormulary engine = PrecisionFormulary.builder().formulary(formulary).clock(CLOCK).build();
        CoverageDecision byName = engine.evaluate(claim("{\"name\":\"codeine\"}", "*4/*4"));
        for (String ndc : new String[] {"99999-0101-01", "99999010101", "99999-101-01"}) {
            CoverageDecision byNdc = engine.evaluate(claim("{\"ndc\":\"" + ndc + "\"}", "*4/*4"));
            assertThat(byNdc.outcome()).as(ndc).isEqualTo(Outcome.REJECTED);
            assertThat(byNdc.rejectCodes()).isEqualTo(byName.rejectCodes()).containsExactly("88");
            assertThat(byNdc.findings()).isEqualTo(byName.findings());
            assertThat(byNdc.alternatives()).isEqualTo(byName.alternatives());
        }
    }

    @Test
    void anNdcThePlanDoesNotListIsNotCoveredAndSaysWhichNdc(@TempDir Path dir) throws IOException {
        Path formulary = dir.resolve("plan.json");
        Files.writeString(formulary, """
                { "formularyId": "NDC-PLAN", "drugs": [ { "drug": "codeine", "ndc": ["99999-0101-01"], "tier": 1, "class": "opioid" } ] }
                """);
        PrecisionFormulary engine = PrecisionFormulary.builder().formulary(formulary).clock(CLOCK).build();
        CoverageDecision d = engine.evaluate(claim("{\"ndc\":\"88888-0101-01\"}", "*1/*1"));
        assertThat(d.rejectCodes()).containsExactly("70");
        assertThat(d.reasons()).anySatisfy(r -> assertThat(r).contains("NDC 88888010101").contains("not on the formulary"));
        CoverageDecision malformed = engine.evaluate(claim("{\"ndc\":\"8888801010\"}", "*1/*1"));
        assertThat(malformed.outcome()).isEqualTo(Outcome.PHARMACIST_REVIEW);
        assertThat(malformed.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("drug.ndc"));
    }

    @Test
    void aPlansFlatFileWithAnNdcColumnLoadsThroughTheBuilder(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("plan.csv");
        Files.writeString(csv, """
                FORMULARY_ID,RXCUI,NDC,DRUG,CLASS,TIER_LEVEL_VALUE,PRIOR_AUTHORIZATION_YN,STEP_THERAPY_YN
                FLAT-1,2670,99999010101,codeine,opioid,1,N,N
                FLAT-1,3423,99999020101,hydromorphone,opioid,2,N,N
                """);
        PrecisionFormulary engine = PrecisionFormulary.builder().formulary(csv).clock(CLOCK).build();
        CoverageDecision d = engine.evaluate(claim("{\"ndc\":\"99999-0101-01\"}", "*4/*4"));
        assertThat(d.rejectCodes()).containsExactly("88");
        assertThat(d.audit().formularyId()).isEqualTo("FLAT-1");
    }
}
