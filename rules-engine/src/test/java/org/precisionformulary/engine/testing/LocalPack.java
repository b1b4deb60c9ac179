// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A rule pack folder written for a test: {@code pack.properties} and DRL files, as a plan would lay them out.
 * Shared by the engine's, the test kit's and the command line's tests (rules-engine's test jar).
 *
 * <pre>{@code
 * Path pack = LocalPack.overBuiltIn("hostile")
 *         .drl("local/hostile.drl", drl)
 *         .writeTo(root.resolve("pack"));
 * }</pre>
 *
 * {@code pack.properties} holds, one a line and in this order: {@code extends=builtin} for a pack laid over the
 * built-in one, {@code name}, {@code version}, then any {@link #property} in the order given, so a test can
 * name the line a check reports.
 */
public final class LocalPack {

    private final boolean overBuiltIn;
    private final String name;
    private String version = "1";
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> files = new LinkedHashMap<>();

    private LocalPack(boolean overBuiltIn, String name) {
        this.overBuiltIn = overBuiltIn;
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * @param name the pack's name
     * @return a pack laid over the built-in one ({@code extends=builtin}), version 1
     */
    public static LocalPack overBuiltIn(String name) {
        return new LocalPack(true, name);
    }

    /**
     * @param name the pack's name
     * @return a pack of its own rules only, version 1
     */
    public static LocalPack standalone(String name) {
        return new LocalPack(false, name);
    }

    /**
     * A pack laid over the built-in one whose only rule, {@code local/note.drl}, is named after the version and
     * fires for codeine without changing a decision: two versions differ in their files and SHA-256 alone, as a pack
     * a watcher or a reload picks up does.
     *
     * @param name    the pack's name
     * @param version the pack's version
     * @return the pack
     */
    public static LocalPack planNote(String name, String version) {
        return overBuiltIn(name).version(version).drl("local/note.drl", """
                package local;
                import org.precisionformulary.model.fact.RequestedDrug;
                rule "plan note %s"
                    @concern("plan policy")
                when
                    RequestedDrug( drug == "codeine" )
                then
                end
                """.formatted(version));
    }

    /**
     * @param version the pack's version; 1 when not called
     * @return this pack
     */
    public LocalPack version(String version) {
        this.version = Objects.requireNonNull(version, "version");
        return this;
    }

    /**
     * @param key   a {@code pack.properties} key, written after name and version
     * @param value its value
     * @return this pack
     */
    public LocalPack property(String key, String value) {
        properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * @param path where in the pack, e.g. {@code local/hostile.drl}
     * @param text the file's content
     * @return this pack
     */
    public LocalPack drl(String path, String text) {
        files.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(text, "text"));
        return this;
    }

    /**
     * Writes the pack into a directory, creating it and the files' folders.
     *
     * @param directory the pack's directory
     * @return the directory
     * @throws IOException when a file cannot be written
     */
    public Path writeTo(Path directory) throws IOException {
        Files.createDirectories(directory);
        StringBuilder manifest = new StringBuilder();
        if (overBuiltIn) {
            manifest.append("extends=builtin\n");
        }
        manifest.append("name=").append(name).append("\nversion=").append(version).append('\n');
        properties.forEach((k, v) -> manifest.append(k).append('=').append(v).append('\n'));
        Files.writeString(directory.resolve("pack.properties"), manifest, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path target = directory.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
        }
        return directory;
    }
}
