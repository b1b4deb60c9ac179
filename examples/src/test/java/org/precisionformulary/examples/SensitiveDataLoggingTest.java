// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.engine.testing.LocalPack;
import org.slf4j.LoggerFactory;

/**
 * Genetic data never reaches the logs: everything logged at INFO or above during a full demo and a batch
 * run (including a bad line and a failing pack) is captured and searched for member ids, diplotypes,
 * phenotypes and biomarker values.
 */
class SensitiveDataLoggingTest {

    @Test
    void noGenotypeOrMemberIdIsLoggedAtInfoOrAbove(@TempDir Path dir) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        root.setLevel(Level.INFO);
        context.getLogger("org.precisionformulary").setLevel(Level.INFO);
        try {
            assertThat(Cli.run("demo").exitCode()).isZero();
            Path in = dir.resolve("in.ndjson");
            Files.writeString(in, String.join("\n",
                    "{\"requestId\":\"S1\",\"member\":{\"id\":\"SECRET-MEMBER-1\"},\"drug\":{\"name\":\"codeine\"},"
                            + "\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*4/*41\"}],"
                            + "\"biomarkers\":[{\"name\":\"PD-L1\",\"value\":73.5}]}",
                    "{\"requestId\":\"S2\",\"member\":{\"id\":\"SECRET-MEMBER-2\"},\"drug\":{\"name\":\"abacavir\"},"
                            + "\"genotypes\":[{\"gene\":\"HLA-B\",\"allele\":\"*57:01\",\"result\":\"positive\"}]}",
                    "{\"requestId\":\"S3\",\"member\":{\"id\":\"SECRET-MEMBER-3\"},\"drug\":{\"name\":\"codeine\"},"
                            + "\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\"*1/*999\"}]}",
                    "not json SECRET-MEMBER-4 *2/*2") + "\n");
            // A local pack always logs its load at INFO, and its failing rule logs at WARN, whatever ran before.
            Path pack = dir.resolve("pack");
            LocalPack.overBuiltIn("log-test").drl("local/fails.drl", """
                    package local;
                    import org.precisionformulary.model.fact.RequestedDrug;
                    import org.precisionformulary.model.genotype.GeneResult;
                    rule "fails for abacavir"
                        @concern("test")
                    when
                        RequestedDrug( drug == "abacavir" )
                        $g : GeneResult( tested )
                    then
                        int zero = 0;
                        Math.abs( 1 / zero );
                    end
                    """).writeTo(pack);
            assertThat(Cli.run("batch", "--in", in.toString(), "--out", dir.resolve("out.ndjson").toString(),
                    "--pack", pack.toString()).exitCode()).isZero();
        } finally {
            root.detachAppender(captured);
            root.setLevel(before);
        }
        List<String> lines = captured.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage()))
                .toList();
        assertThat(lines).as("something was logged, so the check is not vacuous")
                .anyMatch(l -> l.contains("Layered rule pack")).anyMatch(l -> l.contains("fails for abacavir"));
        assertThat(lines).noneMatch(l -> l.contains("SECRET-MEMBER") || l.contains("M-DEMO"))
                .noneMatch(l -> l.contains("*4/*41") || l.contains("*57:01") || l.contains("*1/*999") || l.contains("*4/*4"))
                .noneMatch(l -> l.contains("Poor Metabolizer") || l.contains("Intermediate Metabolizer") || l.contains("73.5"));
    }
}
