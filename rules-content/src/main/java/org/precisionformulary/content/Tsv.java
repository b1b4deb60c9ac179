// SPDX-License-Identifier: Apache-2.0
package org.precisionformulary.content;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the tables this module ships and the plan tables a pack may bring, in the CPIC tables' format:
 * UTF-8, optional {@code #} lines first, one header line, tab-separated, no quoting, empty trailing cells kept.
 */
public final class Tsv {

    private Tsv() {
    }

    /**
     * One data row, its cells addressed by header name.
     *
     * @param table   where the row comes from, for messages
     * @param line    its 1-based line in the table
     * @param columns header name to cell index
     * @param cells   the row's cells
     */
    public record Row(String table, int line, Map<String, Integer> columns, String[] cells) {
        /**
         * @param column a header name
         * @return the cell, empty when the row is short
         * @throws ContentException when the table has no such column
         */
        public String get(String column) {
            Integer i = columns.get(column);
            if (i == null) {
                throw new ContentException(table + ": no column '" + column + "'");
            }
            return i < cells.length ? cells[i] : "";
        }

        /**
         * @param column a header name
         * @return the cell, or {@code null} when it is empty
         * @throws ContentException when the table has no such column
         */
        public String getOrNull(String column) {
            String v = get(column);
            return v.isEmpty() ? null : v;
        }
    }

    /**
     * @param resource an absolute class-path resource
     * @return its data rows
     * @throws ContentException when the resource is missing, has no header or a row has the wrong number of cells
     * @throws UncheckedIOException when it cannot be read
     */
    public static List<Row> read(String resource) {
        InputStream in = Tsv.class.getResourceAsStream(resource);
        if (in == null) {
            throw new ContentException("missing data table " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return read(resource, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    /**
     * @param origin where the text comes from, for messages ({@code file} of {@code file:line})
     * @param text   a table's text
     * @return its data rows
     * @throws ContentException when the table has no header or a row has the wrong number of cells
     */
    public static List<Row> parse(String origin, String text) {
        try {
            return read(origin, new BufferedReader(new java.io.StringReader(text)));
        } catch (IOException e) {
            throw new UncheckedIOException(origin, e);
        }
    }

    private static List<Row> read(String resource, BufferedReader reader) throws IOException {
        String header = reader.readLine();
        int number = 1;
        // Tables may open with '#' lines saying how they were made.
        while (header != null && header.startsWith("#")) {
            header = reader.readLine();
            number++;
        }
        if (header == null) {
            throw new ContentException(resource + ": empty file, no header");
        }
        Map<String, Integer> columns = new HashMap<>();
        String[] names = header.split("\t", -1);
        for (int i = 0; i < names.length; i++) {
            columns.put(names[i], i);
        }
        List<Row> rows = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != names.length) {
                throw new ContentException(resource + ":" + number + ": " + cells.length + " cells, header has " + names.length);
            }
            rows.add(new Row(resource, number, columns, cells));
        }
        return rows;
    }
}
