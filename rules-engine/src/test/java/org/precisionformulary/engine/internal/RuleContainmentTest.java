// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.precisionformulary.engine.RulePackProblem;

class RuleContainmentTest {

    private static final String IMPORTS = """
            package local;

            import java.util.List;
            import org.precisionformulary.model.decision.Action;
            import org.precisionformulary.model.fact.GenomicFinding;
            import org.precisionformulary.model.fact.Rejection;
            import org.precisionformulary.model.fact.RequestedDrug;
            import org.precisionformulary.model.formulary.FormularyDrug;
            """;

    private static List<RulePackProblem> check(String drl) {
        return RuleContainment.check(Map.of("local/test.drl", drl.getBytes(StandardCharsets.UTF_8)), RuleAllowlist.DEFAULT);
    }

    private static String rule(String when, String then) {
        return IMPORTS + "\nrule \"r\"\n    @concern(\"test\")\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    @Test
    void theBuiltInPackPassesTheCheck() {
        TreeMap<String, byte[]> files = PackFiles.readClasspathFolder(getClass().getClassLoader(), CompiledPack.RULES_FOLDER);
        assertThat(files.keySet().stream().filter(f -> f.endsWith(".drl"))).hasSizeGreaterThan(60);
        assertThat(RuleContainment.check(files, RuleAllowlist.DEFAULT)).isEmpty();
    }

    @Test
    void aWellBehavedRulePasses() {
        assertThat(check(rule("RequestedDrug( $drug : drug )\n    not FormularyDrug( drug == $drug )",
                "String why = $drug.toUpperCase() + \" is not listed\";\n    insert( new Rejection( \"70\", why ) );")))
                .isEmpty();
    }

    @Test
    void systemExitIsRefusedWithItsLine() {
        List<RulePackProblem> problems = check(rule("RequestedDrug()", "System.exit( 42 );"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(15);
            assertThat(p.message()).contains("java.lang.System").contains("System.exit(42)").contains("JVM");
        });
    }

    /** One hostile consequence per refusal class: each must be refused, naming what it reached for. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "exit            | System.exit( 42 );                                                    | java.lang.System",
        "qualified exit  | java.lang.System.exit( 42 );                                          | java.lang.System",
        "halt            | Runtime.getRuntime().halt( 1 );                                       | java.lang.Runtime",
        "file write      | java.nio.file.Files.writeString( java.nio.file.Path.of( \"/tmp/x\" ), \"x\" ); | java.nio.file",
        "file writer     | new java.io.FileWriter( \"/tmp/x\" ).write( \"x\" );                  | java.io.FileWriter",
        "process         | new ProcessBuilder( \"sh\" ).start();                               | java.lang.ProcessBuilder",
        "exec            | Runtime.getRuntime().exec( \"sh\" );                                | java.lang.Runtime",
        "thread          | new Thread( ).start();                                                | java.lang.Thread",
        "executor        | java.util.concurrent.Executors.newSingleThreadExecutor();             | java.util.concurrent",
        "sleep           | Thread.sleep( 100000 );                                               | java.lang.Thread",
        "socket          | new java.net.Socket( \"example.org\", 80 );                         | java.net.Socket",
        "environment     | String home = System.getenv( \"HOME\" );                            | java.lang.System",
        "property        | Integer port = Integer.getInteger( \"port\" );                      | system properties",
        "reflection      | Class.forName( \"java.lang.Runtime\" );                             | java.lang.Class",
        "getClass        | $drug.getClass().getClassLoader();                                    | getClass",
        "class literal   | String.class.getMethods();                                            | class literals",
        "jndi            | new javax.naming.InitialContext().lookup( \"ldap://x\" );           | JNDI",
        "scripting       | new javax.script.ScriptEngineManager();                               | scripting",
        "serialization   | new java.io.ObjectOutputStream( null );                               | serialization",
        "logging         | org.slf4j.LoggerFactory.getLogger( \"x\" ).info( $drug );           | logs",
        "clock           | java.time.LocalDate today = java.time.LocalDate.now();                | service date",
        "random          | double d = Math.random();                                             | same every time",
        "session         | drools.getKieRuntime().halt();                                        | session",
        "while loop      | long x = 0; while ( x >= 0 ) { x = ( x + 1 ) % 1000; }               | loops are refused",
        "for loop        | for ( int i = 0; i < 10; i++ ) { }                                    | loops are refused",
        "try/catch       | try { insert( new Rejection( \"70\", $drug ) ); } catch ( RuntimeException e ) { } | try/catch",
        "synchronized    | synchronized ( $drug ) { }                                            | synchronized",
        "throw           | throw new IllegalStateException( \"x\" );                           | throw is refused",
        "lambda          | Runnable r = () -> System.exit( 1 );                                  | lambdas",
        "anonymous class | Object o = new Object() { public String toString() { return \"\"; } }; | anonymous classes",
        "local class     | class Sneaky { }                                                      | class declared",
        "insert non-fact | insert( new java.util.ArrayList() );                                  | fact model",
        "modify          | modify( $fact ) { };                                                  | never change facts",
        "huge string     | String s = $drug.repeat( 2000000000 );                                | without bound",
        "huge list       | java.util.List l = new java.util.ArrayList( 2000000000 );             | without bound",
        "huge number     | java.math.BigInteger b = java.math.BigInteger.TEN.pow( 2000000000 );  | without bound",
    })
    void aHostileConsequenceIsRefused(String what, String consequence, String named) {
        List<RulePackProblem> problems = check(rule("$fact : RequestedDrug( $drug : drug )", consequence));
        assertThat(problems).as(what).isNotEmpty();
        assertThat(problems).as(what).allSatisfy(p -> assertThat(p.line()).isEqualTo(15))
                .anySatisfy(p -> assertThat(p.message()).contains(named).contains("rule \"r\""));
    }

    @Test
    void anEvalReachingOutIsRefused() {
        assertThat(check(rule("RequestedDrug()\n    eval( System.getenv( \"X\" ) != null )", "insert( new Rejection( \"70\", \"x\" ) );")))
                .singleElement().satisfies(p -> {
                    assertThat(p.line()).isEqualTo(14);
                    assertThat(p.message()).contains("java.lang.System").contains("eval(");
                });
    }

    @Test
    void aFromReachingOutIsRefused() {
        assertThat(check(rule("RequestedDrug()\n    $line : String() from java.nio.file.Files.readAllLines( java.nio.file.Path.of( \"/etc/passwd\" ) )",
                "insert( new Rejection( \"70\", $line ) );")))
                .isNotEmpty().allSatisfy(p -> assertThat(p.line()).isEqualTo(14))
                .anySatisfy(p -> assertThat(p.message()).contains("java.nio.file").contains("from "));
    }

    @Test
    void aConstraintCallingOutIsRefused() {
        assertThat(check(rule("RequestedDrug( drug == System.getProperty( \"drug\" ) )", "insert( new Rejection( \"70\", \"x\" ) );")))
                .singleElement().satisfies(p -> assertThat(p.message()).contains("java.lang.System"));
    }

    @Test
    void importsGlobalsFunctionsAndDeclarationsAreChecked() {
        String drl = IMPORTS + """
                import java.io.File;
                global java.io.File home;

                declare Marker
                    name : String
                end

                function int countDown( int n ) {
                    return n <= 0 ? 0 : countDown( n - 1 );
                }

                function String shout( String s ) {
                    for ( int i = 0; i < 3; i++ ) { s = s + "!"; }
                    return s;
                }

                rule "timed"
                    @concern("test")
                    timer ( int: 1s )
                when
                    RequestedDrug()
                then
                    insert( new Rejection( "70", "x" ) );
                end
                """;
        List<RulePackProblem> problems = check(drl);
        assertThat(problems).extracting(RulePackProblem::message)
                .anySatisfy(m -> assertThat(m).startsWith("import java.io.File is refused"))
                .anySatisfy(m -> assertThat(m).startsWith("global home of type java.io.File is refused"))
                .anySatisfy(m -> assertThat(m).startsWith("declare Marker is refused"))
                .anySatisfy(m -> assertThat(m).contains("function countDown is refused: it calls itself"))
                .anySatisfy(m -> assertThat(m).contains("function shout").contains("loops are refused"))
                .anySatisfy(m -> assertThat(m).contains("attribute timer is refused"));
        assertThat(problems).filteredOn(p -> p.message().contains("loops")).singleElement()
                .satisfies(p -> assertThat(p.line()).isEqualTo(21));
    }

    @Test
    void aHostHelperIsAllowedOnlyWhenTheHostAllowsIt() {
        String drl = IMPORTS + "import org.precisionformulary.engine.internal.RuleContainmentTest.PlanHelper;\n"
                + "\nrule \"r\"\n    @concern(\"test\")\nwhen\n    RequestedDrug( $drug : drug )\nthen\n"
                + "    insert( new Rejection( \"70\", PlanHelper.label( $drug ) ) );\nend\n";
        var files = Map.of("local/test.drl", drl.getBytes(StandardCharsets.UTF_8));
        assertThat(RuleContainment.check(files, RuleAllowlist.DEFAULT)).isNotEmpty()
                .anySatisfy(p -> assertThat(p.message()).contains("PlanHelper").contains("not on the rule allowlist"));
        assertThat(RuleContainment.check(files, RuleAllowlist.DEFAULT.widenedBy(List.of(PlanHelper.class)))).isEmpty();
    }

    @Test
    void aHostCannotAllowTheJvmOrFiles() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> RuleAllowlist.DEFAULT.widenedBy(List.of(System.class)))
                .withMessageContaining("java.lang.System cannot be allowed in rules");
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> RuleAllowlist.DEFAULT.widenedBy(List.of(java.nio.file.Files.class)));
    }

    /** A host's own helper, allowed in rules by the host. */
    public static final class PlanHelper {
        private PlanHelper() {
        }

        /** @return a label for a drug */
        public static String label(String drug) {
            return "plan: " + drug;
        }
    }
}
