// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.precisionformulary.model.json.ContractJson;

/** Many threads on one engine give, byte for byte, the answers one thread gives. */
class ConcurrencyAndDeterminismTest {

    private static final String[] DIPLOTYPES = {"*1/*1", "*4/*4", "*1/*4", "*1/*2x≥3", "*10/*41", "*1/*999"};
    private static final String[] DRUGS = {"codeine", "tramadol", "clopidogrel", "abacavir", "ondansetron", "oxymorphone"};

    static List<String> requests() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            out.add("{\"requestId\":\"C" + i + "\",\"serviceDate\":\"2026-11-20\",\"member\":{\"id\":\"M" + i
                    + "\"},\"drug\":{\"name\":\"" + DRUGS[i % DRUGS.length] + "\"},\"genotypes\":["
                    + "{\"gene\":\"CYP2D6\",\"diplotype\":\"" + DIPLOTYPES[(i / 6) % DIPLOTYPES.length] + "\"},"
                    + "{\"gene\":\"CYP2C19\",\"diplotype\":\"" + (i % 4 == 0 ? "*2/*2" : "*1/*17") + "\"},"
                    + "{\"gene\":\"HLA-B\",\"allele\":\"*57:01\",\"result\":\"" + (i % 5 == 0 ? "positive" : "negative") + "\"}]}");
        }
        return out;
    }

    @Test
    void eightThreadsGiveTheSameDecisionsAsOne() throws Exception {
        PrecisionFormulary engine = PrecisionFormulary.builder().build();
        List<String> requests = requests();
        List<String> single = requests.stream().map(r -> ContractJson.toJson(engine.evaluate(r))).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<String>> futures = IntStream.range(0, requests.size())
                        .mapToObj(i -> pool.submit(() -> ContractJson.toJson(engine.evaluate(requests.get(i))))).toList();
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(futures.get(i).get()).as("request %d, round %d", i, round).isEqualTo(single.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(single).anyMatch(s -> s.contains("\"REJECTED\"")).anyMatch(s -> s.contains("\"APPROVED\""))
                .anyMatch(s -> s.contains("\"PHARMACIST_REVIEW\""));
    }

    @Test
    void evaluateAllKeepsOneDecisionPerLineInOrder() {
        PrecisionFormulary engine = PrecisionFormulary.builder().build();
        List<String> lines = new ArrayList<>(requests().subList(0, 20));
        lines.add(5, "not json at all");
        lines.add(9, "");
        List<String> ids = engine.evaluateAll(lines.stream()).map(d -> String.valueOf(d.requestId())).toList();
        assertThat(ids).hasSize(22);
        assertThat(ids.get(5)).isEqualTo("null");
        assertThat(ids.get(0)).isEqualTo("C0");
        assertThat(ids.get(21)).isEqualTo("C19");
    }
}
