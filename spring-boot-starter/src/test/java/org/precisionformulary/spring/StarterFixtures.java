// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.spring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.precisionformulary.engine.testing.LocalPack;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** What the starter's tests share: the runner with every auto-configuration, packs and files in a folder. */
final class StarterFixtures {

    /** A member whose id, drug and genotype must never reach a log line, a metric or a health detail. */
    static final String MEMBER_ID = "MEMBER-4411-QX";
    static final String DRUG = "codeine";
    static final String DIPLOTYPE = "*4/*4";

    /** A CYP2D6 poor metabolizer asking for codeine: the built-in pack stops it (88). */
    static final String REQUEST = "{\"requestId\":\"S-1\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\""
            + MEMBER_ID + "\"},\"drug\":{\"name\":\"" + DRUG + "\"},\"genotypes\":[{\"gene\":\"CYP2D6\",\"diplotype\":\""
            + DIPLOTYPE + "\"}]}";

    private StarterFixtures() {
    }

    /** @return a runner with the starter's auto-configurations, as Boot would apply them */
    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                PrecisionFormularyAutoConfiguration.class, PrecisionFormularyHealthAutoConfiguration.class,
                PrecisionFormularyMetricsAutoConfiguration.class, PrecisionFormularyEndpointAutoConfiguration.class));
    }

    /**
     * @param dir     where to write the pack
     * @param version its version
     * @return a pack laid over the built-in one, with one plan rule whose name carries the version
     */
    static Path pack(Path dir, String version) throws IOException {
        return LocalPack.planNote("starter-plan", version).writeTo(dir);
    }

    /** @return a pack directory whose DRL does not compile */
    static Path brokenPack(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("local"));
        Files.writeString(dir.resolve("local/bad.drl"), "package local;\nrule \"bad\" when Nope( then end\n");
        return dir;
    }

    /** @return the test formulary {@code STARTER-OPIOIDS}, copied into the folder */
    static Path formulary(Path dir) throws IOException {
        Path file = dir.resolve("opioids.formulary.json");
        try (InputStream in = StarterFixtures.class.getResourceAsStream("/opioids.formulary.json")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    /** @return the first cause of the failure, itself included, of the type */
    static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
