// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The command line runs scenarios without JUnit, which the kit declares optional: only the classes of
 * {@code testkit.junit} may name it.
 */
class NoJunitOutsideItsPackageTest {

    @Test
    void theRunnerAndCoverageClassesNameNoJunitClass() throws IOException {
        Path classes = Path.of("target/classes/org/precisionformulary/testkit");
        List<Path> files;
        try (Stream<Path> listed = Files.list(classes)) {
            files = listed.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertThat(files).as("compiled classes in %s", classes).isNotEmpty();
        for (Path file : files) {
            // Class names in a class file's constant pool are UTF-8 internal names such as org/junit/...
            String constants = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(constants).as(file.getFileName().toString()).doesNotContain("org/junit/", "org/opentest4j/");
        }
    }
}
