// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering a host relies on, read from the source of every module of the build: the engine's internals
 * are used by the engine alone (the test kit, benchmarks, command line and Spark job use the public API), and
 * the model and the content never reach up into the engine.
 */
class ModuleBoundaryTest {

    /** The build's root: this module's parent folder, where the surefire run starts in the module. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static List<String> importsOf(String importedPrefix, String... excludedModules) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).sorted().toList()) {
                if (List.of(excludedModules).contains(module.getFileName().toString())) {
                    continue;
                }
                for (String tree : List.of("src/main/java", "src/test/java")) {
                    Path dir = module.resolve(tree);
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                            try {
                                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                                    if (line.startsWith("import " + importedPrefix)
                                            || line.startsWith("import static " + importedPrefix)) {
                                        found.add(ROOT.relativize(f) + ": " + line);
                                    }
                                }
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    }
                }
            }
        }
        return found;
    }

    @Test
    void theBuildIsWhereThisTestLooks() {
        assertThat(ROOT.resolve("rules-engine/pom.xml")).isRegularFile();
        assertThat(ROOT.resolve("rules-testkit/src/main/java")).isDirectory();
    }

    @Test
    void onlyTheEngineUsesItsInternals() throws IOException {
        assertThat(importsOf("org.precisionformulary.engine.internal", "rules-engine")).isEmpty();
    }

    @Test
    void theModelAndTheContentNeverReachIntoTheEngine() throws IOException {
        List<String> upward = new ArrayList<>();
        for (String module : List.of("rules-model", "rules-content")) {
            upward.addAll(importsOf("org.precisionformulary.engine", others(module)));
        }
        upward.addAll(importsOf("org.precisionformulary.content", others("rules-model")));

        assertThat(upward).isEmpty();
    }

    private static String[] others(String module) {
        return Stream.of(ROOT.toFile().list()).filter(m -> !m.equals(module)).toArray(String[]::new);
    }
}
