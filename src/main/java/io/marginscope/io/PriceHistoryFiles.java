package io.marginscope.io;

import io.marginscope.model.Loaded;
import io.marginscope.risk.AssetPrices;
import io.marginscope.risk.PriceHistory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Daily price history of FORMATS.md section 4, in any of its forms:
 * <ul>
 *   <li>one file per asset named {@code <ASSET>-USD.daily.csv} with header
 *   {@code date,open,high,low,close,volume} (columns matched by name, case-insensitively, in any
 *   order; only {@code date} and {@code close} are required and read, other known columns are
 *   ignored, unknown ones ignored with a warning);</li>
 *   <li>a folder: all its {@code <ASSET>-USD.daily.csv} files (other {@code .csv} files are
 *   ignored with a warning; sub-folders are not searched);</li>
 *   <li>one wide file {@code date,BTC,ETH,SOL,...} of closes, one column per asset. An empty cell
 *   means no close that day for that asset (assets start on different days); a missing day inside
 *   an asset's range is a gap, reported when returns are built.</li>
 * </ul>
 * A file is read as per-asset when its name has the per-asset form, else as wide; a file named
 * otherwise whose header has a {@code close} column is refused (its asset cannot be told).
 *
 * <p>Strict: dates are ISO ({@code 2024-11-20}), strictly ascending (no duplicates); closes are
 * positive finite decimal numbers in USD. Lines starting with {@code #} and blank lines are
 * skipped. The first bad cell stops the load with an {@link InputException} naming the file, the
 * 1-based line and the column; nothing of the input is loaded then.
 */
public final class PriceHistoryFiles {

    /** A per-asset file name: the asset symbol, then {@code -USD.daily.csv} (suffix in any case). */
    public static final Pattern ASSET_FILE = Pattern.compile("([A-Za-z0-9_.]+)-(?i:usd\\.daily\\.csv)");

    static final String DATE = "date";
    static final String CLOSE = "close";
    private static final Set<String> KNOWN = Set.of(DATE, "open", "high", "low", CLOSE, "volume");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private PriceHistoryFiles() {
    }

    /** A per-asset file, a folder of them, or a wide file. */
    public static Loaded<PriceHistory> read(Path path) throws InputException {
        return read(List.of(path));
    }

    /** Several inputs of any form, merged; an asset found twice is an error. */
    public static Loaded<PriceHistory> read(List<Path> paths) throws InputException {
        return readSources(sources(paths));
    }

    /**
     * The files that {@code paths} stand for (each file, or the {@code <ASSET>-USD.daily.csv} files of
     * each folder), read as text: what a saved session keeps so that it can be recomputed without them.
     */
    public static Loaded<List<TextSource>> sources(List<Path> paths) throws InputException {
        List<String> warnings = new ArrayList<>();
        List<TextSource> out = new ArrayList<>();
        for (Path path : paths) {
            List<Path> files = Files.isDirectory(path) ? folder(path, warnings) : List.of(path);
            for (Path file : files) {
                out.add(TextSource.read(file));
            }
        }
        if (out.isEmpty()) {
            throw new InputException(paths.isEmpty() ? null : paths.getFirst().toString(), 0, null, "no price history");
        }
        return new Loaded<>(out, warnings);
    }

    /**
     * Files already read, merged (each read as per-asset or wide by the file name at the end of its
     * source name); an asset found twice is an error. {@code files.warnings()} come first.
     */
    public static Loaded<PriceHistory> readSources(Loaded<List<TextSource>> files) throws InputException {
        List<String> warnings = new ArrayList<>(files.warnings());
        Map<String, String> sourceOf = new HashMap<>();
        List<AssetPrices> all = new ArrayList<>();
        for (TextSource file : files.value()) {
            Loaded<PriceHistory> one = readFile(file);
            warnings.addAll(one.warnings());
            for (AssetPrices p : one.value().series()) {
                String before = sourceOf.putIfAbsent(p.asset(), file.name());
                if (before != null) {
                    throw new InputException(file.name(), 0, null,
                            p.asset() + " is already loaded from " + before);
                }
                all.add(p);
            }
        }
        if (all.isEmpty()) {
            throw new InputException(null, 0, null, "no price history");
        }
        return new Loaded<>(new PriceHistory(all), warnings);
    }

    /** One file: per-asset when named {@code <ASSET>-USD.daily.csv}, else wide. */
    public static Loaded<PriceHistory> readFile(Path file) throws InputException {
        return readFile(TextSource.read(file));
    }

    /** One file already read, by the file name at the end of its source name. */
    public static Loaded<PriceHistory> readFile(TextSource src) throws InputException {
        String asset = assetOfFileName(fileNameOf(src.name()));
        if (asset != null) {
            return readAssetFile(src, asset);
        }
        List<Line> lines = lines(src);
        if (lowerCaseHeader(lines).contains(CLOSE)) {
            throw new InputException(src.name(), lines.getFirst().number(), null,
                    "a per-asset price file (with a 'close' column) must be named <ASSET>-USD.daily.csv"
                            + " so that its asset is known");
        }
        return readWide(src, lines);
    }

    /** The last segment of a path-like source name ({@code /a/b/BTC-USD.daily.csv} gives {@code BTC-USD.daily.csv}). */
    static String fileNameOf(String sourceName) {
        int cut = Math.max(sourceName.lastIndexOf('/'), sourceName.lastIndexOf('\\'));
        return sourceName.substring(cut + 1);
    }

    /** The asset of a per-asset file name in upper case ({@code btc-USD.daily.csv} is BTC), or null. */
    public static String assetOfFileName(String fileName) {
        Matcher m = ASSET_FILE.matcher(fileName);
        return m.matches() ? m.group(1).toUpperCase(Locale.ROOT) : null;
    }

    /** A per-asset file {@code date,open,high,low,close,volume} of the given asset. */
    public static Loaded<PriceHistory> readAssetFile(TextSource src, String asset) throws InputException {
        List<Line> lines = lines(src);
        List<String> warnings = new ArrayList<>();
        Line header = lines.getFirst();
        Map<String, Integer> columns = header(src.name(), header, warnings, true);
        for (String required : List.of(DATE, CLOSE)) {
            if (!columns.containsKey(required)) {
                throw InputException.column(src.name(), header.number(), required,
                        "required column missing from the header (need date and close)");
            }
        }
        int dateCol = columns.get(DATE);
        int closeCol = columns.get(CLOSE);
        int n = lines.size() - 1;
        List<LocalDate> dates = new ArrayList<>(n);
        double[] closes = new double[n];
        DateOrder order = new DateOrder(src.name());
        for (int i = 1; i <= n; i++) {
            Line row = lines.get(i);
            row.checkWidth(src.name(), columns.size());
            String dateText = row.required(src.name(), dateCol, DATE, columns.size());
            dates.add(order.next(row.number(), dateText));
            String closeText = row.required(src.name(), closeCol, CLOSE, columns.size());
            closes[i - 1] = close(src.name(), row.number(), CLOSE, closeText);
        }
        return new Loaded<>(new PriceHistory(List.of(new AssetPrices(asset, dates, closes))), warnings);
    }

    /** A wide file {@code date,BTC,ETH,...} of closes; an empty cell is no close that day. */
    public static Loaded<PriceHistory> readWide(TextSource src) throws InputException {
        return readWide(src, lines(src));
    }

    private static Loaded<PriceHistory> readWide(TextSource src, List<Line> lines) throws InputException {
        Line header = lines.getFirst();
        Map<String, Integer> columns = header(src.name(), header, new ArrayList<>(), false);
        Integer dateCol = columns.get(DATE);
        if (dateCol == null) {
            throw InputException.column(src.name(), header.number(), DATE,
                    "required column missing from the header (a wide file is date,BTC,ETH,...)");
        }
        List<String> assets = new ArrayList<>();
        List<Integer> assetCols = new ArrayList<>();
        for (Map.Entry<String, Integer> c : columns.entrySet()) {
            if (!c.getKey().equals(DATE)) {
                assets.add(c.getKey().toUpperCase(Locale.ROOT));
                assetCols.add(c.getValue());
            }
        }
        if (assets.isEmpty()) {
            throw new InputException(src.name(), header.number(), null, "no asset columns after 'date'");
        }
        int k = assets.size();
        List<List<LocalDate>> dates = new ArrayList<>(k);
        double[][] closes = new double[k][lines.size() - 1];
        int[] count = new int[k];
        for (int a = 0; a < k; a++) {
            dates.add(new ArrayList<>());
        }
        DateOrder order = new DateOrder(src.name());
        for (int i = 1; i < lines.size(); i++) {
            Line row = lines.get(i);
            row.checkWidth(src.name(), columns.size());
            LocalDate date = order.next(row.number(), row.required(src.name(), dateCol, DATE, columns.size()));
            for (int a = 0; a < k; a++) {
                String cell = row.cell(assetCols.get(a));
                if (!cell.isEmpty()) {
                    closes[a][count[a]++] = close(src.name(), row.number(), assets.get(a), cell);
                    dates.get(a).add(date);
                }
            }
        }
        List<AssetPrices> series = new ArrayList<>(k);
        for (int a = 0; a < k; a++) {
            if (count[a] == 0) {
                throw InputException.column(src.name(), header.number(), assets.get(a), "no closes in this column");
            }
            series.add(new AssetPrices(assets.get(a), dates.get(a), java.util.Arrays.copyOf(closes[a], count[a])));
        }
        return new Loaded<>(new PriceHistory(series), List.of());
    }

    private static List<Path> folder(Path dir, List<String> warnings) throws InputException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                if (assetOfFileName(name) != null) {
                    files.add(p);
                } else if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    warnings.add(dir + ": ignored " + name + " (not named <ASSET>-USD.daily.csv)");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(dir.toString(), 0, null, "cannot list the folder: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new InputException(dir.toString(), 0, null, "no <ASSET>-USD.daily.csv files in the folder");
        }
        return files;
    }

    /** Header cells by lower-case name; in a per-asset file unknown names are warned about. */
    private static Map<String, Integer> header(String file, Line header, List<String> warnings, boolean perAsset)
            throws InputException {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.cells().length; i++) {
            String name = header.cells()[i].toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw InputException.column(file, header.number(), "#" + (i + 1), "empty column name in the header");
            }
            if (columns.putIfAbsent(name, i) != null) {
                throw InputException.column(file, header.number(), perAsset ? name : name.toUpperCase(Locale.ROOT),
                        "column appears twice in the header");
            }
            if (perAsset && !KNOWN.contains(name)) {
                warnings.add(file + ": line " + header.number() + ": unknown column '" + header.cells()[i]
                        + "' ignored");
            }
        }
        return columns;
    }

    private static List<String> lowerCaseHeader(List<Line> lines) {
        List<String> names = new ArrayList<>();
        for (String c : lines.getFirst().cells()) {
            names.add(c.toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static double close(String file, int line, String column, String text) throws InputException {
        Double v = Numbers.parse(text);
        if (v == null) {
            throw InputException.column(file, line, column, "'" + text + "' is not a finite decimal number");
        }
        if (!(v > 0)) {
            throw InputException.column(file, line, column, "a close must be positive, got " + text);
        }
        return v;
    }

    /** All records of a CSV text with their 1-based lines; the first is the header. */
    private static List<Line> lines(TextSource src) throws InputException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setCommentMarker('#')
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
        LineIndex index = new LineIndex(src.text());
        List<Line> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(src.text()), format)) {
            for (CSVRecord rec : parser) {
                String[] cells = rec.values();
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].trim();
                }
                lines.add(new Line(index.contentLineOf(rec.getCharacterPosition(), '#'), cells));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(src.name(), 0, null, "malformed CSV: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new InputException(src.name(), 0, null, "empty file: no header line");
        }
        if (lines.size() == 1) {
            throw new InputException(src.name(), lines.getFirst().number(), null, "no prices after the header");
        }
        return lines;
    }

    /** One CSV record: its 1-based line and its trimmed cells. */
    private record Line(int number, String[] cells) {

        String cell(int i) {
            return i < cells.length ? cells[i] : "";
        }

        String required(String file, int i, String column, int headerWidth) throws InputException {
            if (i >= cells.length) {
                throw InputException.column(file, number, column,
                        "missing: the row has " + cells.length + " cells, the header " + headerWidth);
            }
            if (cells[i].isEmpty()) {
                throw InputException.column(file, number, column, "empty; a value is required");
            }
            return cells[i];
        }

        /** Cells beyond the header are an error unless empty (a trailing comma). */
        void checkWidth(String file, int headerWidth) throws InputException {
            for (int i = headerWidth; i < cells.length; i++) {
                if (!cells[i].isEmpty()) {
                    throw InputException.column(file, number, "#" + (i + 1),
                            "'" + cells[i] + "' is beyond the header's " + headerWidth + " columns");
                }
            }
        }
    }

    /** Parses ISO dates and checks that they strictly ascend. */
    private static final class DateOrder {
        private final String file;
        private LocalDate previous;
        private int previousLine;

        DateOrder(String file) {
            this.file = file;
        }

        LocalDate next(int line, String text) throws InputException {
            LocalDate date;
            try {
                if (!ISO_DATE.matcher(text).matches()) {
                    throw new DateTimeException(text);
                }
                date = LocalDate.parse(text);
            } catch (DateTimeException e) {
                throw InputException.column(file, line, DATE, "'" + text + "' is not an ISO date like 2024-11-20");
            }
            if (previous != null && !date.isAfter(previous)) {
                throw InputException.column(file, line, DATE, date.equals(previous)
                        ? "duplicate date " + date + " (first on line " + previousLine + ")"
                        : date + " is before " + previous + " on line " + previousLine + "; dates must ascend");
            }
            previous = date;
            previousLine = line;
            return date;
        }
    }
}
