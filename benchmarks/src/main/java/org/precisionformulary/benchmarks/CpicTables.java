// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.precisionformulary.content.cpic.CpicData;
import org.precisionformulary.model.decision.Action;
import org.precisionformulary.model.genotype.Gene;

/**
 * The two CPIC tables the benchmarks read that {@link CpicData} does not expose: each gene's diplotype
 * table (to sample members whose diplotypes interpret) and the reviewed action of every recommendation.
 */
final class CpicTables {

    private CpicTables() {
    }

    /**
     * @param gene a gene with a diplotype table
     * @return lookup key to the diplotypes CPIC calls with it, in table order; empty when the gene has no table
     */
    static Map<String, List<String>> diplotypesByLookupKey(Gene gene) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        for (Map<String, String> row : read(CpicData.FOLDER + "/diplotypes/" + gene.symbol() + ".tsv")) {
            String key = row.getOrDefault("lookup_key", "");
            if (!key.isEmpty()) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row.get("diplotype"));
            }
        }
        return byKey;
    }

    /** @return recommendation id to the action the built-in pack's rule for it takes */
    static Map<String, Action> actions() {
        Map<String, Action> actions = new HashMap<>();
        for (Map<String, String> row : read(CpicData.FOLDER + "/actions.tsv")) {
            actions.put(row.get("recommendation_id"), Action.valueOf(row.get("action")));
        }
        return actions;
    }

    /** Rows of a tab-separated table with a header line; '#' lines are comments. Missing tables read as empty. */
    private static List<Map<String, String>> read(String resource) {
        List<Map<String, String>> rows = new ArrayList<>();
        InputStream in = CpicTables.class.getResourceAsStream(resource);
        if (in == null) {
            return rows;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String[] header = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                if (header == null) {
                    header = cells;
                    continue;
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.length && i < cells.length; i++) {
                    row.put(header[i], cells[i]);
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return rows;
    }
}
