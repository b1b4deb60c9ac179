// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The command line's logging: warnings and errors to standard error (standard output carries the command's
 * JSON), one line each. Set up in code rather than from a {@code logback.xml}: reading the XML costs about
 * 200 ms of a command's start, a tenth of the time to its first decision. A configuration file named with
 * {@code -Dlogback.configurationFile} still takes over.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class StderrLogging extends ContextAwareBase implements Configurator {

    /** Drools' logger for a KieBase that failed to build; its messages come back in the RulePackException. */
    static final String DROOLS_BUILD_ERRORS = "org.drools.compiler.kie.builder.impl.KieProject";
    static final String DROOLS_BUILD_ADVICE = "org.drools.compiler.kie.builder.impl.KieBuilderImpl";

    /** Called by logback through {@link java.util.ServiceLoader}. */
    public StderrLogging() {
    }

    /**
     * @param context logback's context
     * @return whether logback should go on to its other configurators: only when a file was named
     */
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // Logback prints its own status messages to standard output; keep them off it.
        context.getStatusManager().add(new ch.qos.logback.core.status.NopStatusListener());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        // Drools logs every compiler message of a pack that does not build, and the commands print the same
        // messages as file:line; without this each error showed twice, Drools' copy first and without the file.
        context.getLogger(DROOLS_BUILD_ERRORS).setLevel(Level.OFF);
        // Its advice to match folders to package names is no rule of this project's packs.
        context.getLogger(DROOLS_BUILD_ADVICE).setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
