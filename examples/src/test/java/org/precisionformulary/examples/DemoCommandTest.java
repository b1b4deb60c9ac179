// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.precisionformulary.model.decision.Outcome;

class DemoCommandTest {

    @Test
    void printsOneBlockWithAnOutcomeLinePerSample() {
        Cli cli = Cli.run("demo");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<String> samples = DemoCommand.samples();
        List<String> lines = cli.out().lines().toList();
        List<String> headers = lines.stream().filter(l -> l.startsWith("== ")).toList();
        List<String> outcomes = lines.stream().filter(l -> l.trim().startsWith("outcome:")).toList();
        assertThat(headers).hasSameSizeAs(samples);
        assertThat(outcomes).hasSameSizeAs(samples);
        for (int i = 0; i < samples.size(); i++) {
            assertThat(headers.get(i)).startsWith("== " + samples.get(i).replace(".json", "") + ": member ");
        }
        assertThat(outcomes).allSatisfy(l -> assertThat(Arrays.stream(Outcome.values()).map(Enum::name))
                .contains(l.trim().substring("outcome:".length()).trim()));
        assertThat(lines.get(lines.size() - 1)).startsWith(samples.size() + " samples: ");
    }

    @Test
    void samplesShowEveryOutcomeAndEveryExceptionType() {
        String out = Cli.run("demo").out();

        for (Outcome outcome : Outcome.values()) {
            assertThat(out).as("a sample with outcome %s", outcome).contains("outcome:      " + outcome + "\n");
        }
        assertThat(out).contains("reject codes: 88\n").contains("reject codes: 70\n")
                .contains("reject codes: 608\n").contains("reject codes: 75\n");
        assertThat(out).contains("STEP_THERAPY_BYPASS: ").contains("TIER_EXCEPTION: ").contains("PRIOR_AUTH_AUTO_APPROVAL: ")
                .contains("PGX_OVERRIDE: ").contains("QUANTITY_LIMIT_OVERRIDE: ");
        // The claims path: a claim by NDC over the quantity limit, and every decision's NCPDP response fields.
        assertThat(out).contains("reject codes: 76\n").contains("NDC 99999-0301-30").contains("NCPDP:        112-AN R; ");
        assertThat(out).containsPattern("DUR alerts:   DL MINOR No HLA-B result on file");
        assertThat(out).containsPattern("DUR alerts:   DL ");
    }
}
