// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import ch.qos.logback.classic.LoggerContext;
import java.util.ArrayList;
import java.util.List;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.decision.CoverageDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program that embeds the library with its own {@code logback.xml}: it decides a request, reports on it, logs
 * at INFO and prints the logging set-up in effect. Run by {@link HostLoggingTest} in a JVM of its own, since
 * logback configures itself once per JVM.
 */
public final class HostApplication {

    private static final Logger LOG = LoggerFactory.getLogger(HostApplication.class);

    private HostApplication() {
    }

    public static void main(String[] args) {
        PrecisionFormulary engine = PrecisionFormulary.builder().build();
        String request = "{\"requestId\":\"H1\",\"member\":{\"id\":\"M1\",\"monitoringGroup\":\"a\"},"
                + "\"drug\":{\"name\":\"codeine\"}}";
        CoverageDecision decision = engine.evaluate(request);
        BatchReport report = new BatchReport(ReportSettings.defaults());
        report.add(request, decision, null);
        LOG.info("host decided {} and reported {} request", decision.outcome(), report.summary().header().requests());

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        List<String> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(a -> appenders.add(a.getName()));
        System.out.println("root level " + root.getLevel() + ", appenders " + appenders);
        System.out.flush();
    }
}
