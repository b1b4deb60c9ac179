// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.precisionformulary.content.cpic.CpicData;

/**
 * A missing or corrupt CPIC table stops loading with a message naming the table (and line), instead of an engine
 * that decides on half a table. The tables are resources of {@code rules-content}, so each case loads
 * {@link CpicData} afresh in a class loader that replaces or hides one resource.
 */
class CorruptCpicTableTest {

    private static final String FOLDER = CpicData.FOLDER.substring(1);

    @TempDir
    Path dir;

    @Test
    void aMissingTableIsNamed() throws IOException {
        Throwable failure = load(Map.of(FOLDER + "/recommendations.tsv", ""), true);
        assertThat(failure.getClass().getSimpleName()).isEqualTo("ContentException");
        assertThat(failure).hasMessageContaining("missing data table").hasMessageContaining("recommendations.tsv");
    }

    @Test
    void aRowWithMissingCellsIsNamedWithItsLine() throws IOException {
        String table = "diplotype\tphenotype\tactivity_score\tlookup_key\tallele1\tallele2\n"
                + "*1/*1\tNormal Metabolizer\t2.0\t2.0\t*1\t*1\n"
                + "*1/*4\tIntermediate Metabolizer\n";
        Throwable failure = load(Map.of(FOLDER + "/diplotypes/CYP2D6.tsv", table), false);
        assertThat(failure.getClass().getSimpleName()).isEqualTo("ContentException");
        assertThat(failure).hasMessageContaining("CYP2D6.tsv:3").hasMessageContaining("cells");
    }

    @Test
    void anEmptyTableIsNamed() throws IOException {
        Throwable failure = load(Map.of(FOLDER + "/activity_scores.tsv", ""), false);
        assertThat(failure.getClass().getSimpleName()).isEqualTo("ContentException");
        assertThat(failure).hasMessageContaining("activity_scores.tsv").hasMessageContaining("empty");
    }

    @Test
    void theUntouchedTablesLoad() throws IOException {
        assertThat(load(Map.of(), false)).isNull();
    }

    /**
     * Loads the CPIC tables in a fresh class loader.
     *
     * @param replaced resources to replace, by name, with the given text
     * @param hide     hide the replaced resources instead of replacing them
     * @return what loading threw, or {@code null}
     */
    private Throwable load(Map<String, String> replaced, boolean hide) throws IOException {
        Map<String, URL> overrides = new HashMap<>();
        for (var e : replaced.entrySet()) {
            Path file = dir.resolve(e.getKey().replace('/', '_'));
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            overrides.put(e.getKey(), hide ? null : file.toUri().toURL());
        }
        URL content = CpicData.class.getProtectionDomain().getCodeSource().getLocation();
        try (OverlayLoader loader = new OverlayLoader(content, overrides)) {
            Throwable thrown = catchThrowable(() -> loader.loadClass(CpicData.class.getName()).getMethod("builtIn").invoke(null));
            return thrown instanceof InvocationTargetException ite ? ite.getCause() : thrown;
        }
    }

    /** Loads rules-content's classes itself, so their resources resolve here first; everything else from the parent. */
    private static final class OverlayLoader extends URLClassLoader {
        private final Map<String, URL> overrides;

        OverlayLoader(URL content, Map<String, URL> overrides) throws MalformedURLException {
            super(new URL[] {content}, CorruptCpicTableTest.class.getClassLoader());
            this.overrides = overrides;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.precisionformulary.content.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }

        @Override
        public URL getResource(String name) {
            return overrides.containsKey(name) ? overrides.get(name) : super.getResource(name);
        }
    }
}
