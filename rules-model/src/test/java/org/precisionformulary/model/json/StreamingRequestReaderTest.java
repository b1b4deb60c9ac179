// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass reader returns what the tree reading makes of the same text, or nothing: on the scenario
 * suite's requests, on the same requests broken at random one field at a time, and on text only a streaming
 * reader could get wrong (keys twice, numbers the tree refuses, content after the object).
 */
class StreamingRequestReaderTest {

    /** The scenario suite's requests, which pharmacists write: the shapes a plan sends. */
    private static final Path SCENARIOS = Path.of("../rules-content/src/test/scenarios");

    private static final String COMMON = """
            {"requestId":"R-1","serviceDate":" 2026-05-20 ","member":{"id":"M-1","planId":"P","birthDate":"1983-11-08",
             "monitoringGroup":"g","extra":{"a":[1,2.50,{"b":null}]}},
             "drug":{"name":"Codeine ","rxnorm":" 2670"},"indication":"pain","diagnoses":["R52"],
             "genotypes":[{"gene":"CYP2D6","diplotype":"*4/*4","source":"lab","resultDate":"2025-01-02"},
                          {"gene":"cyp2c19","phenotype":"Poor Metabolizer"},{"gene":"HLA-B","diplotype":null,
                           "phenotype":"*57:01 negative","activityScore":null}],
             "biomarkers":[{"name":"eGFR","result":"Normal","detail":null}],
             "history":[{"drug":"tramadol","filledOn":"2026-04-01","daysSupply":30,"note":"x"}],
             "durPps":null,"claim":null,"submission":null,"unknown":[true,false,null,-1e-3,12345678901234567890]}""";

    private static List<String> requests() throws IOException {
        List<String> out = new ArrayList<>(List.of(COMMON));
        try (Stream<Path> files = Files.walk(SCENARIOS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode request = ContractJson.mapper().readTree(file.toFile()).get("request");
                if (request != null) {
                    out.add(request.toString());
                }
            }
        }
        return out;
    }

    /** Both readings, compared whole: request, errors and id. */
    private static boolean sameAsTree(String text) {
        ParsedRequest tree = RequestReader.readAsTree(text);
        assertThat(RequestReader.read(text)).as(text).isEqualTo(tree);
        boolean streamed = StreamingRequestReader.read(text) != null;
        if (streamed) {
            assertThat(tree.isValid()).as(text).isTrue();
        }
        return streamed;
    }

    @Test
    void theCommonRequestIsReadInOnePassAndAsTheTreeReadsIt() {
        assertThat(StreamingRequestReader.read(COMMON)).isNotNull();
        assertThat(sameAsTree(COMMON)).isTrue();
        assertThat(RequestReader.read(COMMON).request().drug().rxnorm()).isEqualTo("2670");
    }

    @Test
    void everyScenarioRequestIsReadAsTheTreeReadsIt() throws IOException {
        List<String> requests = requests();
        assertThat(requests).hasSizeGreaterThan(300);
        long streamed = requests.stream().filter(StreamingRequestReaderTest::sameAsTree).count();
        // Most are the common shape; claims, allele results and activity scores are left to the tree.
        assertThat(streamed).isGreaterThan(requests.size() / 2).isLessThan(requests.size());
    }

    @Test
    void requestsBrokenOneFieldAtATimeAreReadAsTheTreeReadsThem() throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<JsonNode> replacements = List.of(nodes.nullNode(), nodes.numberNode(42), nodes.numberNode(1.5),
                nodes.numberNode(0), nodes.numberNode(-3), nodes.numberNode(3_000_000_000L), nodes.textNode(""),
                nodes.textNode("  "), nodes.textNode("x"), nodes.textNode("2026-02-30"), nodes.textNode("1899-12-31"),
                nodes.textNode(" 2026-01-05"), nodes.textNode("2026-1-5"), nodes.textNode("CYP2D6"),
                nodes.textNode("positive"), nodes.booleanNode(true), nodes.arrayNode(), nodes.objectNode(),
                nodes.arrayNode().add("R52").add(7), nodes.objectNode().put("name", "x"));
        Random random = new Random(20261201);
        int streamed = 0;
        int refused = 0;
        for (String text : requests()) {
            for (int i = 0; i < 25; i++) {
                ObjectNode request = (ObjectNode) ContractJson.mapper().readTree(text);
                List<ObjectNode> objects = new ArrayList<>();
                collectObjects(request, objects);
                ObjectNode target = objects.get(random.nextInt(objects.size()));
                List<String> names = new ArrayList<>();
                target.fieldNames().forEachRemaining(names::add);
                String field = names.isEmpty() || random.nextInt(8) == 0 ? "durPps" : names.get(random.nextInt(names.size()));
                if (random.nextInt(6) == 0) {
                    target.remove(field);
                } else {
                    target.set(field, replacements.get(random.nextInt(replacements.size())));
                }
                if (sameAsTree(request.toString())) {
                    streamed++;
                } else {
                    refused++;
                }
            }
        }
        assertThat(streamed).isGreaterThan(1_000);
        assertThat(refused).isGreaterThan(1_000);
    }

    private static void collectObjects(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode o) {
            into.add(o);
            o.elements().forEachRemaining(child -> collectObjects(child, into));
        } else if (node instanceof ArrayNode a) {
            a.elements().forEachRemaining(child -> collectObjects(child, into));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // a key twice, at the top, in an entry, inside an unknown field
        "{\"requestId\":\"R\",\"requestId\":\"S\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"x\"}}",
        "{\"requestId\":\"R\",\"member\":{\"id\":\"M\",\"id\":\"N\"},\"drug\":{\"name\":\"x\"}}",
        "{\"requestId\":\"R\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"x\"},\"u\":{\"a\":1,\"a\":2}}",
        // numbers in unknown fields that building the tree refuses or reads exactly
        "{\"requestId\":\"R\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"x\"},\"u\":1e99999999999}",
        "{\"requestId\":\"R\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"x\"},\"u\":[0.000,1E+2,-0]}",
        // content after the object, which both readings leave
        "{\"requestId\":\"R\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"x\"}} trailing",
        // broken text, at the start and inside an unknown field
        "{\"requestId\":\"R\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"x\"},\"u\":\"\\q\"}",
        "{\"requestId\":\"R\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"x\"},\"u\":[1,}",
        "[{\"requestId\":\"R\"}]", "null", "  ", "{",
        // days that are not a whole number of days in an int
        "{\"requestId\":\"R\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"x\"},\"history\":[{\"drug\":\"a\","
                + "\"filledOn\":\"2026-01-01\",\"daysSupply\":30.0}]}",
        "{\"requestId\":\"R\",\"member\":{\"id\":\"M\"},\"drug\":{\"name\":\"x\"},\"history\":[{\"drug\":\"a\","
                + "\"filledOn\":\"2026-01-01\",\"daysSupply\":3000000000}]}",
    })
    void textOnlyAStreamingReaderCouldGetWrongIsReadAsTheTreeReadsIt(String text) {
        sameAsTree(text);
    }

    @Test
    void datesReadDirectlyAreTheFormattersDatesAndErrors() {
        for (String date : List.of("2026-05-20", "2024-02-29", "0000-01-01", "9999-12-31", "2026-02-29", "2026-13-01",
                "2026-00-10", "2026-04-31", "2026-4-30", "2026/04/30", "+2026-04-30", "2026-04-3x", "\uff12026-04-30",
                "-0001-01-01", "12026-04-30")) {
            Object expected;
            try {
                expected = java.time.LocalDate.parse(date);
            } catch (java.time.format.DateTimeParseException e) {
                expected = e.getMessage();
            }
            Object actual;
            try {
                actual = RequestReader.isoDate(date);
            } catch (java.time.format.DateTimeParseException e) {
                actual = e.getMessage();
            }
            assertThat(actual).as(date).isEqualTo(expected);
        }
    }
}
