package io.marginscope.io;

import io.marginscope.impact.AccountInput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * A client base (docs/impact.md): a folder of portfolio files, one account each (native CSV or
 * Deribit JSON; the file name without extension is the account), or one CSV whose rows carry an
 * {@code account} column beside the columns of FORMATS.md section 1, an account's rows together.
 * Accounts are read one at a time, in file-name order for a folder and in file order for a CSV, so
 * memory does not grow with the base. A bad account does not stop the reading: it is handed on with
 * its message (file, line, field), and the caller decides whether the run stops or goes on without it.
 */
public final class ClientBaseFiles {

    static final String ACCOUNT = "account";

    private ClientBaseFiles() {
    }

    /** The accounts of a base, streamed; close it to release the file. */
    public interface Accounts extends Iterator<AccountInput>, Closeable {
        /** Remarks about the base as a whole (files ignored, unknown columns). */
        List<String> warnings();

        @Override
        void close();
    }

    /**
     * Opens a client base: a folder or a CSV file. A folder without portfolio files, a CSV without an
     * {@code account} column or a required portfolio column, or a path that does not exist is bad input.
     */
    public static Accounts open(Path path) throws InputException {
        if (Files.isDirectory(path)) {
            return folder(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new InputException(path.toString(), 0, null, "no such file or folder");
        }
        return csv(path);
    }

    private static Accounts folder(Path dir) throws InputException {
        List<Path> files = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int ignored = 0;
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!Files.isRegularFile(p) || name.startsWith(".")) {
                    continue;
                }
                if ((name.endsWith(".csv") || name.endsWith(".json")) && !PortfolioFiles.isMarketFile(p)) {
                    files.add(p);
                } else {
                    ignored++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(dir.toString(), 0, null, "cannot list the folder: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new InputException(dir.toString(), 0, null,
                    "no portfolio files (.csv or Deribit .json) in the client base folder");
        }
        Map<String, Path> byAccount = new HashMap<>();
        for (Path p : files) {
            Path other = byAccount.putIfAbsent(PortfolioCsv.nameOf(p), p);
            if (other != null) {
                throw new InputException(p.toString(), 0, null, "account '" + PortfolioCsv.nameOf(p)
                        + "' has two files (" + other.getFileName() + " and " + p.getFileName() + ")");
            }
        }
        if (ignored > 0) {
            warnings.add(dir + ": " + ignored + " file(s) that are not portfolios (or are market snapshots) ignored");
        }
        return new Accounts() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < files.size();
            }

            @Override
            public AccountInput next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Path p = files.get(next);
                int index = next++;
                String account = PortfolioCsv.nameOf(p);
                try {
                    TextSource src = TextSource.read(p);
                    return new AccountInput(index, account, src.name(), src.text(), null, null);
                } catch (InputException e) {
                    return new AccountInput(index, account, p.toString(), "", null, e.getMessage());
                }
            }

            @Override
            public List<String> warnings() {
                return warnings;
            }

            @Override
            public void close() {
            }
        };
    }

    private static Accounts csv(Path file) throws InputException {
        String name = file.toString();
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setCommentMarker('#')
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
        BufferedReader reader;
        CSVParser parser;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            parser = CSVParser.parse(reader, format);
        } catch (IOException e) {
            throw new InputException(name, 0, null, "cannot read: " + e.getMessage(), e);
        }
        Iterator<CSVRecord> records = parser.iterator();
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> columns = new LinkedHashMap<>();
        try {
            if (!records.hasNext()) {
                throw new InputException(name, 0, null, "empty file: no header line");
            }
            CSVRecord header = records.next();
            int line = (int) parser.getCurrentLineNumber();
            for (int i = 0; i < header.size(); i++) {
                String c = header.get(i).trim().toLowerCase(Locale.ROOT);
                if (i == 0 && c.startsWith("\uFEFF")) {
                    c = c.substring(1);
                }
                if (c.isEmpty()) {
                    throw InputException.column(name, line, "#" + (i + 1), "empty column name in the header");
                }
                if (columns.putIfAbsent(c, i) != null) {
                    throw InputException.column(name, line, c, "column appears twice in the header");
                }
                if (!c.equals(ACCOUNT) && !PortfolioCsv.COLUMNS.contains(c)) {
                    warnings.add(name + ": line " + line + ": unknown column '" + header.get(i).trim() + "' ignored");
                }
            }
            for (String r : List.of(ACCOUNT, PortfolioCsv.ID, PortfolioCsv.UNDERLYING, PortfolioCsv.TYPE,
                    PortfolioCsv.QUANTITY)) {
                if (!columns.containsKey(r)) {
                    throw InputException.column(name, line, r, "required column missing from the header (need "
                            + "account, id, underlying, type, quantity)");
                }
            }
        } catch (InputException e) {
            closeQuietly(parser);
            throw e;
        } catch (UncheckedIOException e) {
            closeQuietly(parser);
            throw new InputException(name, 0, null, "malformed CSV: " + e.getMessage(), e);
        }
        return new CsvAccounts(name, parser, records, columns, warnings);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing was read from it that matters
        }
    }

    /** The accounts of one CSV: each account's rows, checked row by row, become a native CSV text. */
    private static final class CsvAccounts implements Accounts {
        private final String file;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final Map<String, Integer> columns;
        private final List<String> warnings;
        private final Map<String, Integer> seen = new HashMap<>();
        private CSVRecord pending;
        private int pendingLine;
        private long index;
        private String fatal;

        CsvAccounts(String file, CSVParser parser, Iterator<CSVRecord> records, Map<String, Integer> columns,
                    List<String> warnings) {
            this.file = file;
            this.parser = parser;
            this.records = records;
            this.columns = columns;
            this.warnings = warnings;
            advance();
        }

        private void advance() {
            pending = null;
            if (fatal != null) {
                return;
            }
            try {
                if (records.hasNext()) {
                    pending = records.next();
                    pendingLine = (int) parser.getCurrentLineNumber();
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                fatal = file + ": line " + (parser.getCurrentLineNumber() + 1) + ": malformed CSV: " + e.getMessage();
            }
        }

        @Override
        public boolean hasNext() {
            return pending != null;
        }

        @Override
        public AccountInput next() {
            if (pending == null) {
                throw new NoSuchElementException();
            }
            String account = cell(pending, ACCOUNT);
            int firstLine = pendingLine;
            String bad = null;
            if (account.isEmpty()) {
                bad = InputException.column(file, firstLine, ACCOUNT, "empty account name").getMessage();
            } else {
                Integer before = seen.putIfAbsent(account, firstLine);
                if (before != null) {
                    bad = InputException.column(file, firstLine, ACCOUNT, "rows of account '" + account
                            + "' are not together (it also has rows from line " + before + ")").getMessage();
                }
            }
            StringBuilder text = new StringBuilder();
            CSVPrinter out = printer(text);
            Map<String, Integer> ids = new HashMap<>();
            while (pending != null && cell(pending, ACCOUNT).equals(account)) {
                if (bad == null) {
                    bad = row(out, ids, pending, pendingLine);
                }
                advance();
            }
            if (bad == null && fatal != null) {
                bad = fatal;
            }
            String source = file + "[" + account + "].csv";
            return bad == null ? new AccountInput(index++, account, source, text.toString(), null, null)
                    : new AccountInput(index++, account, source, "", null, bad);
        }

        /** Checks one row and prints it; returns the error message of a bad row, else null. */
        private String row(CSVPrinter out, Map<String, Integer> ids, CSVRecord rec, int line) {
            Map<String, String> cells = new LinkedHashMap<>();
            for (String c : PortfolioCsv.COLUMNS) {
                cells.put(c, cell(rec, c));
            }
            try {
                io.marginscope.model.Position p = PortfolioCsv.position(file, cells);
                Integer first = ids.putIfAbsent(p.id(), line);
                if (first != null) {
                    return InputException.column(file, line, PortfolioCsv.ID, "duplicate id '" + p.id()
                            + "' in the account (first on line " + first + ")").getMessage();
                }
            } catch (InputException e) {
                return InputException.column(file, line, e.field(), e.problem()).getMessage();
            }
            try {
                out.printRecord(cells.values());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }

        private static CSVPrinter printer(StringBuilder text) {
            try {
                CSVPrinter p = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get());
                p.printRecord(PortfolioCsv.COLUMNS);
                return p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String cell(CSVRecord rec, String column) {
            Integer i = columns.get(column);
            return i == null || i >= rec.size() ? "" : rec.get(i).trim();
        }

        @Override
        public List<String> warnings() {
            return warnings;
        }

        @Override
        public void close() {
            closeQuietly(parser);
        }
    }
}
