// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.testkit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.precisionformulary.model.formulary.Formulary;
import org.precisionformulary.model.json.ContractJson;
import org.precisionformulary.model.json.FormularyException;
import org.precisionformulary.model.json.FormularyReader;

/** Finds and reads scenario files; every problem becomes a {@link ScenarioException} naming the file. */
final class ScenarioFiles {

    static final String FORMULARY_SUFFIX = ".formulary.json";

    private static final Set<String> KEYS = Set.of("description", "notes", "formulary", "request", "requestText",
            "expect", "pending");

    private ScenarioFiles() {
    }

    static List<Path> find(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ScenarioException(directory, Files.exists(directory) ? "is not a directory" : "does not exist");
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> isScenarioFile(p.getFileName().toString()))
                    // Path order as people read it, the same on every platform.
                    .sorted(Comparator.comparing(p -> relativeName(directory, p)))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ScenarioException(directory, "cannot be listed: " + e.getMessage());
        }
    }

    static boolean isScenarioFile(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") && !lower.endsWith(FORMULARY_SUFFIX);
    }

    /** @return the file's path under the directory with '/' separators, as reports name it */
    static String relativeName(Path directory, Path file) {
        Path relative = directory.relativize(file);
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    static List<Scenario> read(Path file, String name) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(file, "is not UTF-8 text");
        } catch (IOException e) {
            throw new ScenarioException(file, "cannot be read: " + e);
        }
        JsonNode root;
        try {
            root = ContractJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ScenarioException(file, "is not JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (root == null || root.isMissingNode()) {
            throw new ScenarioException(file, "is empty; a scenario file holds one scenario object or an array of them");
        }
        if (root.isObject()) {
            return List.of(scenario(file, name, "", root));
        }
        if (!root.isArray()) {
            throw new ScenarioException(file, "holds " + root.getNodeType().toString().toLowerCase(Locale.ROOT)
                    + "; a scenario file holds one scenario object or an array of them");
        }
        if (root.isEmpty()) {
            throw new ScenarioException(file, "holds an empty array; it has no scenario");
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            String where = "[" + i + "]";
            if (!root.get(i).isObject()) {
                throw new ScenarioException(file, where + ": a scenario is a JSON object");
            }
            scenarios.add(scenario(file, name + where, where + ".", root.get(i)));
        }
        return List.copyOf(scenarios);
    }

    private static Scenario scenario(Path file, String name, String where, JsonNode node) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (!KEYS.contains(key)) {
                throw new ScenarioException(file, where + key + ": unknown key; a scenario has "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
        }
        String description = text(file, where, node, "description", true);
        checkNotes(file, where, node.get("notes"));
        Formulary formulary = formulary(file, where, node.get("formulary"));
        String requestText = requestText(file, where, node);
        JsonNode expect = node.get("expect");
        if (expect == null || expect.isNull()) {
            throw new ScenarioException(file, where + "expect: is missing; say what the decision must contain");
        }
        String pending = text(file, where, node, "pending", false);
        try {
            return new Scenario(file, name, description, formulary, requestText, expect, pending);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(file, where + e.getMessage());
        }
    }

    private static String text(Path file, String where, JsonNode node, String key, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ScenarioException(file, where + key + ": is missing");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new ScenarioException(file, where + key + ": must be a non-blank string");
        }
        return value.asText();
    }

    private static void checkNotes(Path file, String where, JsonNode notes) {
        if (notes == null || notes.isNull() || notes.isTextual()) {
            return;
        }
        if (notes.isArray()) {
            for (JsonNode n : notes) {
                if (!n.isTextual()) {
                    throw new ScenarioException(file, where + "notes: must be a string or an array of strings");
                }
            }
            return;
        }
        throw new ScenarioException(file, where + "notes: must be a string or an array of strings");
    }

    private static Formulary formulary(Path file, String where, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (value.isObject()) {
                return FormularyReader.read(ContractJson.mapper().writeValueAsString(value), "formulary");
            }
            if (value.isTextual() && !value.asText().isBlank()) {
                Path parent = file.toAbsolutePath().getParent();
                Path formulary = parent.resolve(value.asText()).normalize();
                if (!Files.isRegularFile(formulary)) {
                    throw new ScenarioException(file, where + "formulary: " + value.asText()
                            + " (resolved against the scenario's folder to " + formulary + ") does not exist");
                }
                return FormularyReader.read(formulary);
            }
        } catch (FormularyException e) {
            throw new ScenarioException(file, where + "formulary: " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new ScenarioException(file, where + "formulary: " + e.getOriginalMessage());
        } catch (InvalidPathException e) {
            throw new ScenarioException(file, where + "formulary: '" + value.asText() + "' is not a valid path");
        }
        throw new ScenarioException(file, where + "formulary: give a path relative to this file, or a formulary object");
    }

    private static String requestText(Path file, String where, JsonNode node) {
        JsonNode request = node.get("request");
        JsonNode requestText = node.get("requestText");
        boolean hasRequest = request != null && !request.isNull();
        boolean hasText = requestText != null && !requestText.isNull();
        if (hasRequest == hasText) {
            throw new ScenarioException(file, where + (hasRequest
                    ? "request and requestText: give one, not both"
                    : "request: is missing; give the request object, or requestText for deliberately malformed input"));
        }
        if (hasText) {
            if (!requestText.isTextual()) {
                throw new ScenarioException(file, where + "requestText: must be a string holding the request as sent");
            }
            return requestText.asText();
        }
        if (!request.isObject()) {
            throw new ScenarioException(file, where + "request: must be a JSON object (contract §1); "
                    + "use requestText for input that is not one");
        }
        try {
            return ContractJson.mapper().writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(file, where + "request: " + e.getOriginalMessage());
        }
    }
}
