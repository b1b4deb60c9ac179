// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.precisionformulary.engine.internal.CompiledPack;
import org.precisionformulary.engine.internal.PackFiles;
import org.precisionformulary.engine.internal.PackLint;

/**
 * The source files of a rule pack (DRL, manifest and data tables), read as the engine reads them when it
 * loads the pack: for tools that report on a pack's rules, such as rule coverage, where a {@link RulePack}
 * keeps only its compiled form.
 */
public final class PackSources {

    private PackSources() {
    }

    /**
     * @return the built-in pack's DRL and manifest, keyed by path within its rules folder (e.g. {@code
     *         cpic/codeine-cyp2d6.drl}, {@code routing/step-therapy.drl}), sorted by path; read from the class
     *         loader that loads the built-in pack, so they are the sources of the pack that runs
     * @throws java.io.UncheckedIOException when the sources cannot be read
     */
    public static SortedMap<String, byte[]> builtIn() {
        String prefix = CompiledPack.RULES_FOLDER + "/";
        TreeMap<String, byte[]> out = new TreeMap<>();
        PackFiles.sources(PackFiles.readClasspathFolder(RulePack.class.getClassLoader(), CompiledPack.RULES_FOLDER))
                .forEach((path, bytes) -> out.put(path.startsWith(prefix) ? path.substring(prefix.length()) : path,
                        bytes));
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * @param directory a pack's root directory, as given to {@link RulePack#fromDirectory}
     * @return its source files keyed by path within it, sorted by path
     * @throws IllegalArgumentException     when directory is not a directory
     * @throws java.io.UncheckedIOException when the sources cannot be read
     */
    public static SortedMap<String, byte[]> of(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + " is not a directory");
        }
        return Collections.unmodifiableSortedMap(PackFiles.sources(PackFiles.readDirectory(directory)));
    }

    /**
     * Which file declares each rule, from the {@code rule "name"} headers of the DRL sources, with the names
     * as decisions report them. A name declared twice keeps its first file ({@link RulePack#validate}
     * reports the duplicate).
     *
     * @param sources path to content, as {@link #builtIn} or {@link #of} give; only {@code .drl} files are read
     * @return rule name to file path, in path order, then in order of declaration
     * @throws NullPointerException when sources is {@code null}
     */
    public static Map<String, String> ruleFiles(Map<String, byte[]> sources) {
        return Collections.unmodifiableMap(PackLint.ruleFiles(sources));
    }
}
