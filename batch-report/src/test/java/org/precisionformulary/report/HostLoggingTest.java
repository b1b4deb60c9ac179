// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libraries leave logging to the program that embeds them: with every library artifact on the class path
 * (rules-model, rules-content, rules-engine and this module), a host's own {@code logback.xml} is the one in effect
 * and its INFO lines are written. Only the command line's jar configures logging.
 */
class HostLoggingTest {

    private static final String CONFIGURATOR_SERVICE = "META-INF/services/ch.qos.logback.classic.spi.Configurator";

    @Test
    void noLibraryOnTheClassPathConfiguresLogback() throws IOException {
        ClassLoader loader = getClass().getClassLoader();

        // logback-classic may list its own configurators; no library may add one.
        assertThat(urls(loader, CONFIGURATOR_SERVICE)).allSatisfy(url -> assertThat(url).contains("logback-classic"));
        assertThat(urls(loader, "logback.xml")).isEmpty();
        assertThat(urls(loader, "logback-test.xml")).isEmpty();
    }

    @Test
    void aHostKeepsItsOwnLogbackConfiguration(@TempDir Path dir) throws Exception {
        Path config = Files.createDirectories(dir.resolve("host-config"));
        Files.writeString(config.resolve("logback.xml"), """
                <configuration>
                  <appender name="HOST" class="ch.qos.logback.core.ConsoleAppender">
                    <target>System.out</target>
                    <encoder><pattern>HOST %level %logger{0}: %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.drools" level="WARN"/>
                  <logger name="org.kie" level="WARN"/>
                  <root level="INFO"><appender-ref ref="HOST"/></root>
                </configuration>
                """);
        String classPath = config + File.pathSeparator + System.getProperty("java.class.path");
        Path output = dir.resolve("output.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, HostApplication.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the host finished").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);

        assertThat(child.exitValue()).as(printed).isZero();
        assertThat(printed).contains("HOST INFO HostApplication: host decided ")
                .contains("root level INFO, appenders [HOST]");
    }

    private static List<String> urls(ClassLoader loader, String resource) throws IOException {
        List<String> found = new ArrayList<>();
        for (URL url : Collections.list(loader.getResources(resource))) {
            found.add(url.toString());
        }
        return found;
    }
}
