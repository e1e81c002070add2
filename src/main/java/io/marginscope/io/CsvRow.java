package io.marginscope.io;

import org.apache.commons.csv.CSVRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One data row of a CSV whose columns are matched by header name (case-insensitive, any order),
 * for reading cells and reporting an error at its line and column. Shared by the portfolio and
 * P&L readers, and by the check of one position typed in a form ({@link PortfolioCsv#position}).
 *
 * @param cells the row's cells in file order
 */
record CsvRow(String file, int line, List<String> cells, Map<String, Integer> columns) {

    CsvRow {
        cells = List.copyOf(cells);
    }

    /**
     * Reads a header: names lower-cased; an empty or repeated name is an error, an unknown one a
     * warning; every required column must be there ({@code need} says which, for the message).
     */
    static Map<String, Integer> header(TextSource src, CSVRecord rec, int line, Set<String> known,
                                       List<String> required, String need, List<String> warnings)
            throws InputException {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < rec.size(); i++) {
            String name = rec.get(i).trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw InputException.column(src.name(), line, "#" + (i + 1), "empty column name in the header");
            }
            if (columns.putIfAbsent(name, i) != null) {
                throw InputException.column(src.name(), line, name, "column appears twice in the header");
            }
            if (!known.contains(name)) {
                warnings.add(src.name() + ": line " + line + ": unknown column '" + rec.get(i).trim() + "' ignored");
            }
        }
        for (String r : required) {
            if (!columns.containsKey(r)) {
                throw InputException.column(src.name(), line, r,
                        "required column missing from the header (need " + need + ")");
            }
        }
        return columns;
    }

    InputException error(String column, String problem) {
        return InputException.column(file, line, column, problem);
    }

    /** The trimmed cell, empty when the column or the cell is absent. */
    String text(String column) {
        Integer i = columns.get(column);
        return i == null || i >= cells.size() ? "" : cells.get(i).trim();
    }

    String required(String column) throws InputException {
        Integer i = columns.get(column);
        if (i != null && i >= cells.size()) {
            throw error(column, "missing: the row has " + cells.size() + " cells, the header " + columns.size());
        }
        String v = text(column);
        if (v.isEmpty()) {
            throw error(column, "empty; a value is required");
        }
        return v;
    }

    /** A required number, or an optional one that is NaN when the cell is empty. */
    double number(String column, boolean required) throws InputException {
        String v = required ? required(column) : text(column);
        if (v.isEmpty()) {
            return Double.NaN;
        }
        Double d = Numbers.parse(v);
        if (d == null) {
            throw error(column, "'" + v + "' is not a number");
        }
        String range = Numbers.outOfRange(d);
        if (range != null) {
            throw error(column, v + " is " + range);
        }
        return d;
    }

    /** A required enum value (any case), or {@code whenEmpty} for an empty optional cell. */
    <E extends Enum<E>> E enumValue(String column, Class<E> type, E whenEmpty) throws InputException {
        String v = whenEmpty == null ? required(column) : text(column);
        if (v.isEmpty()) {
            return whenEmpty;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name());
            }
            throw error(column, "'" + v + "' is not one of " + String.join(", ", names));
        }
    }
}
