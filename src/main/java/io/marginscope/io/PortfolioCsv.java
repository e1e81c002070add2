package io.marginscope.io;

import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.Loaded;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The native portfolio CSV of FORMATS.md section 1. Columns are matched by header name,
 * case-insensitively and in any order; unknown columns are ignored with a warning. The first bad
 * cell stops the load with an {@link InputException} naming its line and column.
 */
public final class PortfolioCsv {

    static final String ID = "id";
    static final String UNDERLYING = "underlying";
    static final String TYPE = "type";
    static final String EXPIRY = "expiry";
    static final String STRIKE = "strike";
    static final String QUANTITY = "quantity";
    static final String ENTRY_PRICE = "entry_price";
    static final String SETTLEMENT = "settlement";

    /** The columns in the order of FORMATS.md section 1, as {@link #write} writes them. */
    public static final List<String> COLUMNS = List.of(ID, UNDERLYING, TYPE, EXPIRY, STRIKE, QUANTITY, ENTRY_PRICE,
            SETTLEMENT);

    private static final List<String> REQUIRED = List.of(ID, UNDERLYING, TYPE, QUANTITY);
    private static final Set<String> KNOWN = Set.of(ID, UNDERLYING, TYPE, EXPIRY, STRIKE, QUANTITY, ENTRY_PRICE,
            SETTLEMENT);

    private PortfolioCsv() {
    }

    public static Loaded<Portfolio> read(Path path) throws InputException {
        return read(TextSource.read(path), nameOf(path));
    }

    public static Loaded<Portfolio> read(TextSource src, String bookName) throws InputException {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setCommentMarker('#')
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
        List<String> warnings = new ArrayList<>();
        List<Position> positions = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(src.text()), format)) {
            Map<String, Integer> columns = null;
            int headerLine = 0;
            Map<String, Integer> idLines = new HashMap<>();
            for (CSVRecord rec : parser) {
                int line = src.contentLineFrom(src.lineOf(rec.getCharacterPosition()), '#');
                if (columns == null) {
                    headerLine = line;
                    columns = CsvRow.header(src, rec, line, KNOWN, REQUIRED, String.join(", ", REQUIRED), warnings);
                    continue;
                }
                CsvRow row = new CsvRow(src.name(), line, rec.toList(), columns);
                Position p = position(row);
                Integer first = idLines.putIfAbsent(p.id(), line);
                if (first != null) {
                    throw row.error(ID, "duplicate id '" + p.id() + "' (first on line " + first + ")");
                }
                positions.add(p);
            }
            if (columns == null) {
                throw new InputException(src.name(), 0, null, "empty file: no header line");
            }
            if (positions.isEmpty()) {
                throw new InputException(src.name(), headerLine, null, "no positions after the header");
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(src.name(), 0, null, "malformed CSV: " + e.getMessage(), e);
        }
        return new Loaded<>(new Portfolio(bookName, src.name(), positions, tier(src)), warnings);
    }

    private static final java.util.regex.Pattern TIER_LINE =
            java.util.regex.Pattern.compile("^\\s*#\\s*tier\\s*:(.*)$", java.util.regex.Pattern.CASE_INSENSITIVE);
    private static final java.util.regex.Pattern TIER_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_+-]+");

    /**
     * The account's counterparty tier from a comment line {@code # tier: B} (FORMATS.md section 6,
     * {@code counterparty}), upper case; null when there is none. Given twice, or not one word, is an error.
     */
    static String tier(TextSource src) throws InputException {
        String tier = null;
        int first = 0;
        String[] lines = src.text().split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            java.util.regex.Matcher m = TIER_LINE.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            String v = m.group(1).trim();
            if (!TIER_NAME.matcher(v).matches()) {
                throw new InputException(src.name(), i + 1, "tier", "'" + v + "' is not a tier name (one word, "
                        + "e.g. '# tier: B')");
            }
            if (tier != null) {
                throw new InputException(src.name(), i + 1, "tier", "tier given twice (first on line " + first + ")");
            }
            tier = v.toUpperCase(Locale.ROOT);
            first = i + 1;
        }
        return tier;
    }

    /**
     * One position from its cells by column name ({@link #COLUMNS}; an absent or null cell is empty),
     * checked by the rules of a file's row: the first bad cell raises an {@link InputException} whose
     * {@link InputException#field() field} is its column and whose problem is the message a file would
     * get. {@code source} names the input in the message. Does not check that the id is new in a book.
     */
    public static Position position(String source, Map<String, String> cells) throws InputException {
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> values = new ArrayList<>();
        for (String c : COLUMNS) {
            columns.put(c, values.size());
            String v = cells.get(c);
            values.add(v == null ? "" : v);
        }
        for (String c : cells.keySet()) {
            if (!KNOWN.contains(c)) {
                throw new IllegalArgumentException("not a portfolio column: " + c);
            }
        }
        return position(new CsvRow(source, 0, values, columns));
    }

    /**
     * The book as native CSV text: a {@code # tier:} line when the book names a tier, the header in
     * {@link #COLUMNS} order, then one row per position in book order. Expiries at 08:00 UTC are written
     * as dates, others as ISO instants; numbers exactly (they read back to the same doubles), NaN as an
     * empty cell. {@link #read} of the text gives equal positions and tier.
     */
    public static String write(Portfolio book) {
        StringBuilder out = new StringBuilder();
        if (book.tier() != null) {
            out.append("# tier: ").append(book.tier()).append('\n');
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            printer.printRecord(COLUMNS);
            for (Position p : book.positions()) {
                Instrument i = p.instrument();
                printer.printRecord(p.id(), i.underlying(), i.type().name(), expiry(i.expiry()), number(i.strike()),
                        number(p.quantity()), number(p.entryPrice()), i.settlement().name());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes {@link #write(Portfolio)} to a file (UTF-8), through a temporary file moved into place. */
    public static void write(Portfolio book, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            Files.writeString(tmp, write(book), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String expiry(Instant expiry) {
        if (expiry == null) {
            return "";
        }
        LocalDate day = LocalDate.ofInstant(expiry, ZoneOffset.UTC);
        return Expiries.atSettlement(day).equals(expiry) ? day.toString() : expiry.toString();
    }

    /** The shortest plain decimal that reads back to the same double; empty for NaN. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static Position position(CsvRow row) throws InputException {
        String id = row.required(ID);
        String underlying = row.required(UNDERLYING).toUpperCase(Locale.ROOT);
        InstrumentType type = row.enumValue(TYPE, InstrumentType.class, null);
        Settlement settlement = row.enumValue(SETTLEMENT, Settlement.class, Settlement.LINEAR);
        double quantity = row.number(QUANTITY, true);

        Instant expiry = null;
        String expiryText = row.text(EXPIRY);
        if (type.hasExpiry()) {
            if (expiryText.isEmpty()) {
                throw row.error(EXPIRY, type + " needs an expiry (a date like 2024-12-27 or an ISO instant)");
            }
            try {
                expiry = Expiries.parse(expiryText);
            } catch (DateTimeException e) {
                throw row.error(EXPIRY, "'" + expiryText + "' is not a date (2024-12-27) or an ISO instant");
            }
        } else if (!expiryText.isEmpty()) {
            throw row.error(EXPIRY, type + " has no expiry; leave the cell empty");
        }

        double strike = Double.NaN;
        if (type.isOption()) {
            strike = row.number(STRIKE, true);
            if (!(strike > 0)) {
                throw row.error(STRIKE, "strike must be positive");
            }
        } else if (!row.text(STRIKE).isEmpty()) {
            throw row.error(STRIKE, type + " has no strike; leave the cell empty");
        }

        double entry = row.number(ENTRY_PRICE, type.isFutureLike());
        if (entry < 0) {
            throw row.error(ENTRY_PRICE, "entry price must not be negative");
        }
        Instrument instrument = new Instrument(underlying, type, expiry, strike, settlement);
        return new Position(id, instrument, quantity, entry);
    }

    static String nameOf(Path path) {
        String file = path.getFileName().toString();
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }
}
