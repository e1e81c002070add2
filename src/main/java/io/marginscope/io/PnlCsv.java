package io.marginscope.io;

import io.marginscope.backtest.BacktestSeries;
import io.marginscope.model.Loaded;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The P&L file of {@code backtest --pnl} (FORMATS.md section 5): one row per day,
 * {@code date,pnl,var} and optionally {@code es}.
 *
 * <pre>
 * # comments and empty lines are skipped
 * date,pnl,var,es
 * 2024-01-01,-1250.5,9800,11200
 * </pre>
 *
 * <ul>
 *   <li>Columns are matched by header name, case-insensitively, in any order; unknown columns are
 *       ignored with a warning; an empty or repeated column name is an error.</li>
 *   <li>{@code date}: ISO date ({@code 2024-01-31}), strictly ascending, so no day twice.</li>
 *   <li>{@code pnl}: the day's P&L in USD, losses negative; a strict decimal number.</li>
 *   <li>{@code var}: the VaR forecast for that day, USD, positive.</li>
 *   <li>{@code es}: when the column is there, a value on every row, at least {@code var}.</li>
 * </ul>
 * The first bad cell stops the load with an {@link InputException} naming the file, the 1-based
 * line and the column; nothing of the file is returned.
 */
public final class PnlCsv {

    static final String DATE = "date";
    static final String PNL = "pnl";
    static final String VAR = "var";
    static final String ES = "es";

    private static final List<String> REQUIRED = List.of(DATE, PNL, VAR);
    private static final Set<String> KNOWN = Set.of(DATE, PNL, VAR, ES);

    private PnlCsv() {
    }

    public static Loaded<BacktestSeries> read(Path path) throws InputException {
        return read(TextSource.read(path));
    }

    public static Loaded<BacktestSeries> read(TextSource src) throws InputException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setCommentMarker('#')
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
        List<String> warnings = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        boolean hasEs;
        try (CSVParser parser = CSVParser.parse(new StringReader(src.text()), format)) {
            Map<String, Integer> columns = null;
            int headerLine = 0;
            int previousLine = 0;
            for (CSVRecord rec : parser) {
                int line = src.contentLineFrom(src.lineOf(rec.getCharacterPosition()), '#');
                if (columns == null) {
                    headerLine = line;
                    columns = CsvRow.header(src, rec, line, KNOWN, REQUIRED, "date, pnl, var; es optional", warnings);
                    continue;
                }
                CsvRow cells = new CsvRow(src.name(), line, rec.toList(), columns);
                LocalDate date = date(cells);
                if (!dates.isEmpty()) {
                    LocalDate last = dates.get(dates.size() - 1);
                    if (date.equals(last)) {
                        throw cells.error(DATE, "duplicate date " + date + " (first on line " + previousLine + ")");
                    }
                    if (date.isBefore(last)) {
                        throw cells.error(DATE, date + " comes after " + last + " (line " + previousLine
                                + "); dates must be ascending");
                    }
                }
                double pnl = cells.number(PNL, true);
                double var = cells.number(VAR, true);
                if (!(var > 0)) {
                    throw cells.error(VAR, "var must be positive (a loss amount): " + cells.text(VAR));
                }
                double es = Double.NaN;
                if (columns.containsKey(ES)) {
                    es = cells.number(ES, true);
                    if (!(es >= var)) {
                        throw cells.error(ES, "es " + cells.text(ES) + " is below var " + cells.text(VAR)
                                + " (expected shortfall is at least the VaR)");
                    }
                }
                dates.add(date);
                rows.add(new double[] {pnl, var, es});
                previousLine = line;
            }
            if (columns == null) {
                throw new InputException(src.name(), 0, null, "empty file: no header line");
            }
            if (rows.isEmpty()) {
                throw new InputException(src.name(), headerLine, null, "no days after the header");
            }
            hasEs = columns.containsKey(ES);
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(src.name(), 0, null, "malformed CSV: " + e.getMessage(), e);
        }
        int n = rows.size();
        double[] pnl = new double[n];
        double[] var = new double[n];
        double[] es = hasEs ? new double[n] : null;
        for (int t = 0; t < n; t++) {
            pnl[t] = rows.get(t)[0];
            var[t] = rows.get(t)[1];
            if (es != null) {
                es[t] = rows.get(t)[2];
            }
        }
        return new Loaded<>(new BacktestSeries(dates, pnl, var, es), warnings);
    }

    /** The row's date: ISO, required. */
    private static LocalDate date(CsvRow cells) throws InputException {
        String v = cells.required(DATE);
        try {
            return LocalDate.parse(v, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw cells.error(DATE, "'" + v + "' is not an ISO date like 2024-01-31");
        }
    }
}
