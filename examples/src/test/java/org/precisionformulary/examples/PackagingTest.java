// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.precisionformulary.model.json.ContractJson;
import org.slf4j.LoggerFactory;

/**
 * Cheap in-process checks on what the jar ships, instead of forking it: the logging set-up that keeps
 * standard output clean, and the demo samples the index names.
 */
class PackagingTest {

    @Test
    void logsGoToStandardErrorAtWarnIncludingDroolsAndKie() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<?>> appenders = new ArrayList<>();
        for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            appenders.add(it.next());
        }

        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(appenders).isNotEmpty().allSatisfy(a -> {
            assertThat(a).isInstanceOf(ConsoleAppender.class);
            assertThat(((ConsoleAppender<?>) a).getTarget()).isEqualTo("System.err");
        });
        assertThat(((Logger) LoggerFactory.getLogger("org.drools")).getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(((Logger) LoggerFactory.getLogger("org.kie")).getEffectiveLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void everyIndexedSampleIsAContractRequestWithTheDemoServiceDate() throws Exception {
        List<String> samples = DemoCommand.samples();

        assertThat(samples).isNotEmpty().doesNotHaveDuplicates();
        for (String sample : samples) {
            var request = ContractJson.mapper().readTree(DemoCommand.resource(sample));
            assertThat(request.path("requestId").asText()).as(sample).isNotBlank();
            assertThat(request.path("serviceDate").asText()).as(sample).isEqualTo("2026-11-20");
        }
    }
}
