// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.precisionformulary.engine.PrecisionFormulary;
import org.precisionformulary.engine.RulePack;

/**
 * Everything an executor needs to build the engine the driver built, shipped as bytes in one broadcast: the pack
 * (a directory's files, a pack jar, or none for the built-in pack on the classpath), the formulary file (none for
 * the demo formulary), the member-id key, and the SHA-256 of the pack as the driver compiled it. An executor that
 * compiles a pack with another hash refuses to decide.
 *
 * @param packFiles    a pack directory's files by relative path, or {@code null}
 * @param packJar      a pack jar's bytes, or {@code null}
 * @param formulary    the formulary file's bytes, or {@code null} for the demo formulary
 * @param memberIdKey  the key member ids are hashed with, or {@code null}
 * @param packSha256   the pack's SHA-256 on the driver
 * @param baselineFormulary the formulary a report's baseline is decided on, with the same compiled pack, or
 *                          {@code null}
 */
record EngineSpec(Map<String, byte[]> packFiles, byte[] packJar, byte[] formulary, byte[] memberIdKey,
                  String packSha256, byte[] baselineFormulary) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Reads what the options name, builds the engine from it here on the driver (so a bad pack or formulary fails
     * before any task starts; once per JVM for the same bytes), and records the pack's hash.
     *
     * @param pack        a pack directory or jar, or {@code null} for the built-in pack
     * @param formulary   a formulary file, or {@code null}
     * @param memberIdKey the key's bytes, or {@code null}
     * @return the spec to ship, expecting the pack the driver compiled
     * @throws UncheckedIOException when a file cannot be read
     */
    static EngineSpec onDriver(Path pack, Path formulary, byte[] memberIdKey) {
        Map<String, byte[]> files = null;
        byte[] jar = null;
        if (pack != null && Files.isDirectory(pack)) {
            files = readTree(pack);
        } else if (pack != null) {
            jar = read(pack);
        }
        EngineSpec unchecked = new EngineSpec(files, jar, formulary == null ? null : read(formulary), memberIdKey, null,
                null);
        PrecisionFormulary engine = ExecutorEngines.onDriver(unchecked);
        return unchecked.expecting(engine.rulePack().sha256());
    }

    /** @return this spec, expecting a pack with the given hash */
    EngineSpec expecting(String sha256) {
        return new EngineSpec(packFiles, packJar, formulary, memberIdKey, sha256, baselineFormulary);
    }

    /**
     * @param formulary the baseline formulary file
     * @return this spec, also shipping the formulary a report's baseline is decided on
     * @throws UncheckedIOException when the file cannot be read
     */
    EngineSpec withBaseline(Path formulary) {
        return new EngineSpec(packFiles, packJar, this.formulary, memberIdKey, packSha256, read(formulary));
    }

    /** @return a fingerprint of the baseline's bytes on top of {@link #key()} */
    String baselineKey() {
        try {
            return key() + "/" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(baselineFormulary));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /**
     * The baseline engine: the main engine's compiled pack on the baseline formulary (as {@code batch} builds it),
     * so that the two differ in the plan only and the pack is compiled once.
     *
     * @param main the engine built from this spec
     * @return the baseline engine
     * @throws UncheckedIOException when the temporary file cannot be written
     */
    PrecisionFormulary buildBaseline(PrecisionFormulary main) {
        try {
            Path file = Files.createTempFile("precision-formulary-baseline-", ".json");
            file.toFile().deleteOnExit();
            return PrecisionFormulary.builder().rulePack(main.rulePack())
                    .formulary(Files.write(file, baselineFormulary)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return a fingerprint of the bytes shipped (not of the expected hash), so that one JVM keeps one engine per
     *         distinct pack, formulary and key
     */
    String key() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (packFiles != null) {
                packFiles.forEach((name, bytes) -> {
                    digest.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(bytes);
                });
            }
            for (byte[] part : new byte[][] {packJar, formulary, memberIdKey}) {
                digest.update(part == null ? new byte[] {1} : part);
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /**
     * Builds the engine from the shipped bytes, written to a private temporary directory first because packs and
     * formularies load from files.
     *
     * @return the engine
     * @throws UncheckedIOException when the temporary files cannot be written
     */
    PrecisionFormulary build() {
        try {
            Path dir = Files.createTempDirectory("precision-formulary-spark-");
            dir.toFile().deleteOnExit();
            PrecisionFormulary.Builder builder = PrecisionFormulary.builder();
            if (packFiles != null) {
                Path packDir = dir.resolve("pack");
                for (Map.Entry<String, byte[]> file : packFiles.entrySet()) {
                    Path target = packDir.resolve(file.getKey()).normalize();
                    if (!target.startsWith(packDir)) {
                        throw new IllegalArgumentException("pack file outside the pack: " + file.getKey());
                    }
                    Files.createDirectories(target.getParent());
                    Files.write(target, file.getValue());
                }
                builder.rulePack(packDir);
            } else if (packJar != null) {
                builder.rulePack(RulePack.fromJar(Files.write(dir.resolve("pack.jar"), packJar)));
            }
            if (formulary != null) {
                builder.formulary(Files.write(dir.resolve("formulary.json"), formulary));
            }
            if (memberIdKey != null) {
                builder.hashMemberIds(memberIdKey);
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> readTree(Path dir) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile)
                    .forEach(file -> files.put(dir.relativize(file).toString().replace('\\', '/'), read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
