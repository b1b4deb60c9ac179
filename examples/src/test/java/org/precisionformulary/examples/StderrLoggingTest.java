// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

/** The command line logs warnings and errors to standard error only, unless a logback file is named. */
class StderrLoggingTest {

    @Test
    void warningsGoToStandardErrorAndNothingBelowThem() {
        LoggerContext context = new LoggerContext();
        StderrLogging logging = new StderrLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
                a -> assertThat(a.getTarget()).isEqualTo("System.err"));
        assertThat(context.getLogger("org.precisionformulary.engine").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("org.drools").isInfoEnabled()).isFalse();
    }

    @Test
    void aNamedConfigurationFileTakesOver() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "custom.xml");
        try {
            LoggerContext context = new LoggerContext();
            StderrLogging logging = new StderrLogging();
            logging.setContext(context);
            assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }
}
