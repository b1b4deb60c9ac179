// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * kie-maven-plugin falls back to shipping DRL only, with a mere warning, when the executable-model
 * compiler is missing; the engine would then need the deprecated MVEL compiler and a slow start.
 * This fails the build instead.
 */
class PrecompiledPackTest {

    @Test
    void theBuildPrecompiledThePackToTheExecutableModel() throws IOException {
        Path kie = Path.of("target/classes/META-INF/kie");
        assertThat(kie).isDirectory();
        try (Stream<Path> files = Files.walk(kie)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("drools-model");
        }
        try (Stream<Path> classes = Files.walk(Path.of("target/classes/org/precisionformulary/rules"))) {
            assertThat(classes.filter(p -> p.toString().endsWith(".class")).count())
                    .as("generated rule classes").isGreaterThan(100);
        }
    }
}
