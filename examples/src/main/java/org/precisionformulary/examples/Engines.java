// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import org.precisionformulary.engine.MemberIdKey;
import org.precisionformulary.engine.PrecisionFormulary;

/** Builds the engine from {@code --pack} and {@code --formulary}; without them, the built-in pack and demo formulary. */
final class Engines {

    /** The help text of the options every deciding command shares. */
    static final String FORMULARY = "a formulary JSON document (default: the embedded demo formulary DEMO-2026)";
    static final String PACK = "a rule pack: a directory of DRL files or a pack jar (default: the built-in CPIC pack);"
            + " with extends=builtin in its pack.properties it is laid over the built-in pack";
    static final String MEMBER_ID_KEY = "put an HMAC-SHA-256 of each member id, keyed with the contents of FILE (at"
            + " least 16 bytes), in audit.memberIdHash; without it decisions carry no member identifier";

    private Engines() {
    }

    /**
     * @throws UsageException when a named file or directory does not exist or cannot be read
     * @throws org.precisionformulary.engine.RulePackException when the pack does not compile
     * @throws org.precisionformulary.model.json.FormularyException when the formulary is invalid
     */
    static PrecisionFormulary build(Options options) {
        return build(options, options.path("--pack").orElse(null));
    }

    /**
     * @param pack the pack directory, or {@code null} for the built-in pack
     * @throws UsageException when a named file or directory does not exist or cannot be read
     */
    static PrecisionFormulary build(Options options, java.nio.file.Path pack) {
        PrecisionFormulary.Builder builder = PrecisionFormulary.builder();
        java.util.Optional.ofNullable(pack).ifPresent(dir -> {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (Files.isRegularFile(dir) && (name.endsWith(".jar") || name.endsWith(".zip"))) {
                builder.rulePack(org.precisionformulary.engine.RulePack.fromJar(dir));
            } else if (!Files.isDirectory(dir)) {
                throw new UsageException(options.command() + ": --pack " + dir + " is not a directory or a pack jar");
            } else {
                builder.rulePack(dir);
            }
        });
        options.path("--formulary").ifPresent(file -> {
            requireReadableFile(options.command(), "--formulary", file);
            builder.formulary(file);
        });
        options.path("--member-id-key").ifPresent(file -> builder.hashMemberIds(memberIdKey(options.command(), file)));
        return builder.build();
    }

    /** The key in the file, read as every host reads it ({@link MemberIdKey}); a bad key is a usage error. */
    private static byte[] memberIdKey(String command, Path file) {
        requireReadableFile(command, "--member-id-key", file);
        try {
            return MemberIdKey.read(file);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new UsageException(command + ": --member-id-key " + e.getMessage());
        }
    }

    static void requireReadableFile(String command, String what, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(command + ": " + what + " " + file + (Files.isDirectory(file)
                    ? " is a directory, not a file" : " does not exist"));
        }
        if (!Files.isReadable(file)) {
            throw new UsageException(command + ": " + what + " " + file + " cannot be read");
        }
    }
}
