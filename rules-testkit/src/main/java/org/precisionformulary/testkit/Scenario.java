// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.precisionformulary.model.formulary.Formulary;

/**
 * One regression scenario: a request, and the parts of its decision that are checked.
 *
 * @param file        the file it was read from
 * @param name        how reports name it: the file's path under the suite directory, with {@code [i]} for the
 *                    i-th scenario of a file that holds an array
 * @param description what it shows, in a pharmacist's words
 * @param formulary   the formulary to decide against, or {@code null} for the runner's default
 * @param requestText the request exactly as the engine receives it (it may be deliberately malformed)
 * @param expect      the expected parts of the decision; only the keys present are checked
 * @param pending     why the engine is known to get this wrong, or {@code null}: a pending scenario still runs,
 *                    and is reported as pending while it fails and as failed once it passes
 */
public record Scenario(Path file, String name, String description, Formulary formulary, String requestText,
                       JsonNode expect, String pending) {

    /**
     * Copies {@code expect} and checks it, so that a typo fails when the scenario is read, not silently later.
     *
     * @throws NullPointerException     when file, name, description, requestText or expect is {@code null}
     * @throws IllegalArgumentException when the description is blank, a pending reason is blank, or
     *                                  {@code expect} has an unknown key or a value of the wrong kind
     */
    public Scenario {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(requestText, "requestText");
        Objects.requireNonNull(expect, "expect");
        if (description.isBlank()) {
            throw new IllegalArgumentException("description is blank");
        }
        if (pending != null && pending.isBlank()) {
            throw new IllegalArgumentException("pending is blank; give the reason the engine gets this wrong");
        }
        expect = expect.deepCopy();
        Expectations.check(expect);
    }

    /** @return a copy of the expected parts of the decision */
    @Override
    public JsonNode expect() {
        return expect.deepCopy();
    }

    JsonNode expectNode() {
        return expect;
    }

    /**
     * Lists the scenario files under a directory: every {@code *.json} file at any depth, in path order,
     * except {@code *.formulary.json} files, which are formularies scenarios refer to.
     *
     * @param directory the suite's root directory
     * @return the files, sorted by their path under the directory
     * @throws ScenarioException   when the directory does not exist or cannot be listed
     * @throws NullPointerException when the directory is {@code null}
     */
    public static List<Path> findFiles(Path directory) {
        return ScenarioFiles.find(Objects.requireNonNull(directory, "directory"));
    }

    /**
     * How reports and tests name a file of a suite: its path under the suite directory, with {@code /} between
     * folders on every system, e.g. {@code routing/step-therapy-met.json}.
     *
     * @param directory the suite's root directory
     * @param file      a file under it
     * @return the name
     * @throws IllegalArgumentException when the file cannot be expressed relative to the directory
     * @throws NullPointerException     when an argument is {@code null}
     */
    public static String nameIn(Path directory, Path file) {
        return ScenarioFiles.relativeName(Objects.requireNonNull(directory, "directory"),
                Objects.requireNonNull(file, "file"));
    }

    /**
     * Reads one scenario file: one scenario object, or an array of them.
     *
     * @param file the file
     * @param name how reports name it, e.g. its path under the suite directory
     * @return its scenarios, in file order
     * @throws ScenarioException   when the file cannot be read, is not JSON, or a scenario in it is invalid;
     *                              the message names the file and the key
     * @throws NullPointerException when an argument is {@code null}
     */
    public static List<Scenario> read(Path file, String name) {
        return ScenarioFiles.read(Objects.requireNonNull(file, "file"), Objects.requireNonNull(name, "name"));
    }
}
