// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.precisionformulary.engine.testing.LocalPack;

/**
 * Hostile packs through the command line: {@code validate}, {@code evaluate --pack}, {@code scenarios --pack}
 * and {@code batch --pack} refuse each with {@code file:line} and what it reached for, exit 1, and never run
 * it; a real JVM given a pack that calls {@code System.exit(42)} exits 1 with the reason, not 42.
 */
class HostilePackCliTest {

    private static final String REQUEST = "{\"requestId\":\"C1\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"codeine\"}}";

    static Path pack(Path root, String consequence) throws IOException {
        return pack(root, "RequestedDrug()", consequence);
    }

    /** A pack whose one rule has the given last condition on line 9 and consequence on line 11. */
    static Path pack(Path root, String condition, String consequence) throws IOException {
        Path dir = root.resolve("pack");
        LocalPack.overBuiltIn("hostile").drl("local/hostile.drl", """
                package local;

                import org.precisionformulary.model.fact.RequestedDrug;

                rule "hostile"
                    @concern("plan policy")
                when
                    RequestedDrug()
                    %s
                then
                    %s
                end
                """.formatted(condition, consequence)).writeTo(dir);
        return dir;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "exit         | RequestedDrug() | System.exit( 42 );                                              | 11 | java.lang.System",
        "halt         | RequestedDrug() | Runtime.getRuntime().halt( 42 );                                | 11 | java.lang.Runtime",
        "file write   | RequestedDrug() | java.nio.file.Files.writeString( java.nio.file.Path.of( \"/tmp/pf-cli\" ), \"x\" ); | 11 | java.nio.file",
        "process      | RequestedDrug() | new ProcessBuilder( \"sh\" ).start();                          | 11 | java.lang.ProcessBuilder",
        "thread       | RequestedDrug() | new Thread( ).start();                                          | 11 | java.lang.Thread",
        "socket       | RequestedDrug() | new java.net.Socket( \"127.0.0.1\", 9 );                       | 11 | java.net.Socket",
        "environment  | RequestedDrug() | String path = System.getenv( \"PATH\" );                       | 11 | java.lang.System",
        "reflection   | RequestedDrug() | Class.forName( \"java.lang.Runtime\" );                         | 11 | java.lang.Class",
        "endless loop | RequestedDrug() | long x = 0; while ( x >= 0 ) { x = ( x + 1 ) % 1000; }         | 11 | loops are refused",
        "sleep        | RequestedDrug() | Thread.sleep( 60000 );                                          | 11 | java.lang.Thread",
        "eval         | eval( System.getenv( \"HOME\" ) != null ) | String x = \"x\";                     | 9  | java.lang.System",
        "from         | $l : String() from java.nio.file.Files.readAllLines( java.nio.file.Path.of( \"/etc/hosts\" ) ) | String x = $l; | 9 | java.nio.file",
    })
    void everyCommandThatLoadsAPackRefusesIt(String what, String condition, String consequence, int line, String named,
                                             @TempDir Path root) throws IOException {
        Path pack = pack(root, condition, consequence);
        String where = "local/hostile.drl:" + line + ":";

        Cli validate = Cli.run("validate", pack.toString());
        assertThat(validate.exitCode()).as("validate").isEqualTo(1);
        assertThat(validate.out()).contains(where).contains(named);

        Cli evaluate = Cli.runWithInput(REQUEST, "evaluate", "--pack", pack.toString());
        assertThat(evaluate.exitCode()).as("evaluate").isEqualTo(1);
        assertThat(evaluate.err()).contains(where).contains(named).doesNotContain("Exception\n\tat");
        assertThat(evaluate.out()).isEmpty();

        Path scenarios = Files.createDirectories(root.resolve("scenarios"));
        Files.writeString(scenarios.resolve("one.json"), "{\"description\":\"codeine\",\"request\":" + REQUEST
                + ",\"expect\":{\"outcome\":\"APPROVED\"}}");
        Cli scenarioRun = Cli.run("scenarios", scenarios.toString(), "--pack", pack.toString());
        assertThat(scenarioRun.exitCode()).as("scenarios").isEqualTo(1);
        assertThat(scenarioRun.err()).contains(where);

        Path in = root.resolve("in.ndjson");
        Files.writeString(in, REQUEST + "\n");
        Cli batch = Cli.run("batch", "--in", in.toString(), "--out", root.resolve("out.ndjson").toString(),
                "--pack", pack.toString());
        assertThat(batch.exitCode()).as("batch").isEqualTo(1);
        assertThat(batch.err()).contains(where);
        assertThat(Files.exists(Path.of("/tmp/pf-cli"))).isFalse();
    }

    @Test
    void aRealJvmGivenAPackThatExitsKeepsRunningAndRefusesIt(@TempDir Path root) throws Exception {
        Path pack = pack(root, "System.exit( 42 );");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "evaluate", "--pack", pack.toString()))
                .redirectErrorStream(true).start();
        process.getOutputStream().write(REQUEST.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("local/hostile.drl:11: rule \"hostile\": java.lang.System is refused");
    }
}
