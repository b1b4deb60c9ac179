// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line logs warnings and errors to standard error only, unless a logback file is named, and leaves
 * the errors of a pack that does not compile to its own message.
 */
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

    @Test
    void droolsBuildErrorsAreLeftToTheCommandsOwnMessage() {
        LoggerContext context = new LoggerContext();
        StderrLogging logging = new StderrLogging();
        logging.setContext(context);
        logging.configure(context);

        assertThat(context.getLogger(StderrLogging.DROOLS_BUILD_ERRORS).isErrorEnabled()).isFalse();
        assertThat(context.getLogger(StderrLogging.DROOLS_BUILD_ADVICE).isWarnEnabled()).isFalse();
        assertThat(context.getLogger(StderrLogging.DROOLS_BUILD_ADVICE).isErrorEnabled()).isTrue();
        assertThat(context.getLogger("org.drools.compiler.kie.builder.impl.Other").isWarnEnabled()).isTrue();
    }

    @Test
    void aPackThatDoesNotCompileHasEachErrorPrintedOnce(@TempDir Path dir) throws Exception {
        // A package that differs from its folder drew Drools' advice too.
        Files.writeString(dir.resolve("rule.drl"), ValidateCommandTest.UNKNOWN_CLASS_ON_LINE_7);
        PrintStream systemErr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Cli cli;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            cli = Cli.run("evaluate", "--pack", dir.toString());
        } finally {
            System.setErr(systemErr);
        }
        String all = logged.toString(StandardCharsets.UTF_8) + cli.err();

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("rule.drl:7: Unable to find class: NoSuchFact");
        assertThat(all.split("Unable to find class: NoSuchFact", -1)).hasSize(2);
        assertThat(all).doesNotContain("KieProject").doesNotContain("correspondance");
    }
}
