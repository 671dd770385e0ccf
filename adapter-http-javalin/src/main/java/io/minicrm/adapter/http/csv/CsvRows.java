package io.minicrm.adapter.http.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.domain.customer.Attributes;
import io.minicrm.domain.shared.Problem;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Streams a CSV document (RFC 4180, UTF-8, header row first) row by row as plain-tree rows: each cell
 * under its column name, {@code attributes.<key>} columns gathered into an {@code attributes} object,
 * empty cells left out. The header is checked before any row is read: more than {@value #MAX_COLUMNS}
 * columns, or unknown or repeated ones, are a 400 (the first {@value #MAX_HEADER_PROBLEMS} problems named,
 * "and N more" for the rest).
 *
 * <p>Memory is bounded whatever the input: cells are read one token at a time, a cell longer than
 * {@value #MAX_CELL} characters stops the import, and only one row is held, of at most as many cells as the
 * header has columns (the cells of a wider row are counted, not kept).
 */
public final class CsvRows implements Closeable {
    /** Longest accepted cell. */
    public static final int MAX_CELL = 10_000;
    /** Most columns a header may name (the known columns plus every attribute a customer may have). */
    public static final int MAX_COLUMNS = 100;
    /** Most header problems named in the answer; the rest are counted. */
    public static final int MAX_HEADER_PROBLEMS = 20;
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_CELL).build())
            .build();

    private final CsvParser parser;
    private final String[] header;
    private long dataRows;
    private long lastRowChars;

    /**
     * @param columns         accepted column names
     * @param attributeColumns whether {@code attributes.<key>} columns are accepted
     * @throws ApiProblem 400 when the header is missing, too wide, or names unknown or repeated columns
     */
    public CsvRows(InputStream in, Set<String> columns, boolean attributeColumns) {
        try {
            this.parser = FACTORY.createParser(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw syntax(e, 0);
        }
        List<String> cells = new ArrayList<>();
        long width = next(JsonToken.START_ARRAY) ? readRow(cells, MAX_COLUMNS) : -1;
        if (width < 0) {
            throw ApiProblem.badRequest("", "the CSV is empty; the first row must name the columns");
        }
        if (width > MAX_COLUMNS) {
            throw ApiProblem.badRequest("", "the CSV header has " + width + " columns; at most " + MAX_COLUMNS
                    + " are accepted").withExtension("columns", width);
        }
        this.header = cells.toArray(String[]::new);
        if (header.length > 0 && header[0].startsWith("\uFEFF")) {
            header[0] = header[0].substring(1);
        }
        checkHeader(columns, attributeColumns);
    }

    private void checkHeader(Set<String> columns, boolean attributeColumns) {
        List<Problem> problems = new ArrayList<>();
        long more = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.length; i++) {
            String h = header[i].strip();
            header[i] = h;
            boolean attribute = attributeColumns && h.startsWith("attributes.")
                    && Attributes.isValidKey(h.substring("attributes.".length()));
            String problem = null;
            if (!columns.contains(h) && !attribute) {
                problem = "unknown column " + Problem.segment(h);
            } else if (!seen.add(h)) {
                problem = "column " + h + " appears twice";
            }
            if (problem != null && problems.size() < MAX_HEADER_PROBLEMS) {
                problems.add(new Problem("/header/" + i, problem));
            } else if (problem != null) {
                more++;
            }
        }
        if (more > 0) {
            problems.add(Problem.andMore(more));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.badRequest("the CSV header names unknown or repeated columns; expected "
                    + String.join(", ", new TreeSet<>(columns)) + (attributeColumns ? " or attributes.<key>" : ""),
                    problems);
        }
    }

    /**
     * The next row as a plain tree, or null at the end. A row with more cells than the header is returned
     * as a {@link TooWide} marker so the caller reports it as a bad row.
     * @throws ApiProblem 400 on a CSV syntax error or a cell longer than {@value #MAX_CELL} (the import stops there)
     */
    public Object nextRow() {
        List<String> cells = new ArrayList<>(header.length);
        long width = readRow(cells, header.length);
        if (width < 0) {
            return null;
        }
        dataRows++;
        if (width > header.length) {
            lastRowChars = 0;
            return new TooWide(width, header.length);
        }
        long chars = 0;
        Map<String, Object> row = new LinkedHashMap<>();
        Map<String, Object> attributes = null;
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (cell.isEmpty()) {
                continue;
            }
            chars += cell.length();
            String column = header[i];
            if (column.startsWith("attributes.")) {
                if (attributes == null) {
                    attributes = new LinkedHashMap<>();
                    row.put("attributes", attributes);
                }
                attributes.put(column.substring("attributes.".length()), cell);
            } else {
                row.put(column, cell);
            }
        }
        lastRowChars = chars;
        return row;
    }

    /**
     * Reads one row, keeping at most {@code keep} cells in {@code into}; returns how many cells it had, or -1
     * at the end of the document.
     */
    private long readRow(List<String> into, int keep) {
        try {
            JsonToken t = parser.nextToken();
            if (t == null || t == JsonToken.END_ARRAY) {
                return -1;
            }
            long width = 0;
            for (t = parser.nextToken(); t != JsonToken.END_ARRAY && t != null; t = parser.nextToken()) {
                if (width < keep) {
                    into.add(parser.getText());
                }
                width++;
            }
            return width;
        } catch (IOException e) {
            throw syntax(e, dataRows);
        }
    }

    private boolean next(JsonToken expected) {
        try {
            return parser.nextToken() == expected;
        } catch (IOException e) {
            throw syntax(e, 0);
        }
    }

    /** Data rows read so far. */
    public long rowsRead() {
        return dataRows;
    }

    /** Characters in the cells of the last row returned (what holding it costs, roughly). */
    public long lastRowChars() {
        return lastRowChars;
    }

    /** A row with more cells than the header has columns. */
    public record TooWide(long cells, int columns) {
        public Problem problem() {
            return new Problem("", "the row has " + cells + " cells but the header names " + columns + " columns");
        }
    }

    private static RuntimeException syntax(Exception e, long rowIndex) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiProblem p) {
                return p;
            }
            if (t instanceof IOException io && !(t instanceof JsonProcessingException)) {
                return ApiProblem.bodyIncomplete(io).withExtension("rowIndex", rowIndex);
            }
        }
        if (e instanceof StreamConstraintsException) {
            return ApiProblem.badRequest("a cell of data row " + rowIndex + " is longer than " + MAX_CELL + " characters",
                    List.of(new Problem("/" + rowIndex, "a cell is longer than " + MAX_CELL + " characters")))
                    .withExtension("rowIndex", rowIndex);
        }
        if (e instanceof JsonProcessingException j) {
            String where = j.getLocation() == null ? "" : " at line " + j.getLocation().getLineNr();
            String message = j.getOriginalMessage() == null ? "cannot be parsed" : j.getOriginalMessage().split("\n")[0];
            if (message.length() > 200) {
                message = message.substring(0, 200) + "...";
            }
            return ApiProblem.badRequest("malformed CSV" + where + " (data row " + rowIndex + "): " + message,
                    List.of(new Problem("/" + rowIndex, "malformed CSV" + where + ": " + message)))
                    .withExtension("rowIndex", rowIndex);
        }
        return new IllegalStateException(e);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // nothing to do: the request is over
        }
    }
}
