// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.model.json.ContractJson;

/**
 * Every jar the project ships carries the Apache licence and a NOTICE, and the command-line jar merges the
 * bundled jars' notices into ours. Run by failsafe after {@code package}: the library jars are the ones on
 * this test's class path (the reactor's {@code target/} jars, with their sources and javadoc jars beside
 * them), the command line's are in this module's {@code target/}.
 */
class LegalFilesIT {

    private static final Path TARGET = Path.of("target");
    private static final String CPIC_TERMS = "CC BY-SA 4.0";

    @Test
    void everyLibraryJarCarriesLicenceAndNotice() throws Exception {
        for (Class<?> type : List.of(ContractJson.class, CpicData.class, PrecisionFormulary.class)) {
            Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertThat(jar.toString()).as("%s comes from a packaged jar", type.getSimpleName()).endsWith(".jar");
            List<Path> jars = jarsOf(jar);
            if (jar.getParent().getFileName().toString().equals("target")) {
                assertThat(jars).as("jars built beside %s", jar.getFileName())
                        .anyMatch(j -> j.getFileName().toString().endsWith("-sources.jar"))
                        .anyMatch(j -> j.getFileName().toString().endsWith("-javadoc.jar"));
            }
            for (Path each : jars) {
                assertLegalFiles(each);
            }
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                        .as("module name of %s", jar.getFileName()).startsWith("org.precisionformulary.");
            }
        }
    }

    @Test
    void contentJarsNoticeNamesTheCpicAndPharmGkbTerms() throws Exception {
        Path jar = Path.of(CpicData.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        assertThat(entry(jar, "META-INF/NOTICE")).contains("CPIC", "PharmGKB", CPIC_TERMS, "CC0-1.0 AND CC-BY-SA-4.0");
    }

    @Test
    void everyJarOfTheCommandLineCarriesLicenceAndNotice() throws Exception {
        List<Path> jars;
        try (Stream<Path> files = Files.list(TARGET)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        assertThat(jars).extracting(p -> p.getFileName().toString())
                .contains("precision-formulary.jar")
                .anyMatch(n -> n.endsWith("-sources.jar"))
                .anyMatch(n -> n.endsWith("-javadoc.jar"));
        for (Path jar : jars) {
            assertLegalFiles(jar);
        }
    }

    @Test
    void runnableJarMergesOurNoticeWithTheBundledOnesAndListsThirdParties() throws Exception {
        Path jar = TARGET.resolve("precision-formulary.jar");

        String notice = entry(jar, "META-INF/NOTICE");
        assertThat(notice.strip()).as("ours first").startsWith("Precision Formulary");
        assertThat(notice).as("rules-content's and the bundled libraries'").contains(CPIC_TERMS, "Jackson", "Drools");
        assertThat(entry(jar, "META-INF/LICENSE")).isEqualTo(rootLicence());
        assertThat(entry(jar, "META-INF/THIRD-PARTY.txt")).contains("logback-classic", "jackson-databind", "drools-core");
    }

    private static void assertLegalFiles(Path jar) throws IOException {
        assertThat(entry(jar, "META-INF/LICENSE")).as("META-INF/LICENSE in %s", jar.getFileName())
                .contains("Apache License", "Version 2.0, January 2004");
        assertThat(entry(jar, "META-INF/NOTICE")).as("META-INF/NOTICE in %s", jar.getFileName())
                .contains("Precision Formulary", "Copyright");
    }

    /** The jars of the artifact {@code jar} belongs to: itself and its classified siblings. */
    private static List<Path> jarsOf(Path jar) throws IOException {
        String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(jar.getParent())) {
            files.filter(p -> p.getFileName().toString().startsWith(base) && p.toString().endsWith(".jar"))
                    .sorted().forEach(jars::add);
        }
        return jars;
    }

    /** An entry's text, or the empty string when the jar lacks it. */
    private static String entry(Path jar, String name) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getJarEntry(name);
            if (entry == null) {
                return "";
            }
            try (var in = file.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static String rootLicence() throws IOException {
        return Files.readString(Path.of("..", "LICENSE"), StandardCharsets.UTF_8);
    }
}
