package io.marginscope.io;

import io.marginscope.model.Portfolio;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writes a client base in either form {@link ClientBaseFiles} reads: a folder of native portfolio CSVs
 * (one per account, named by the account) or one CSV with an {@code account} column first. Books are
 * written one at a time (memory does not grow with the base); each is exactly {@link PortfolioCsv#write}.
 */
public final class ClientBaseWriter {

    private ClientBaseWriter() {
    }

    /** One file per account in {@code dir} (created when missing); returns how many were written. */
    public static long writeFolder(Iterator<Portfolio> books, Path dir) throws IOException {
        Files.createDirectories(dir);
        long n = 0;
        while (books.hasNext()) {
            Portfolio b = books.next();
            Files.writeString(dir.resolve(b.name() + ".csv"), PortfolioCsv.write(b), StandardCharsets.UTF_8);
            n++;
        }
        return n;
    }

    /**
     * One CSV, {@code account} then the columns of FORMATS.md section 1, an account's rows together;
     * written through a temporary file moved into place. Account tiers are not written (see --tiers).
     */
    public static long writeCsv(Iterator<Portfolio> books, Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        long n = 0;
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                 CSVPrinter out = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
                List<String> header = new ArrayList<>();
                header.add(ClientBaseFiles.ACCOUNT);
                header.addAll(PortfolioCsv.COLUMNS);
                out.printRecord(header);
                CSVFormat read = CSVFormat.DEFAULT.builder().setCommentMarker('#').get();
                while (books.hasNext()) {
                    Portfolio b = books.next();
                    boolean first = true;
                    try (CSVParser p = CSVParser.parse(new StringReader(PortfolioCsv.write(b.withTier(null))), read)) {
                        for (CSVRecord r : p) {
                            if (first) {
                                first = false;
                                continue;
                            }
                            List<String> row = new ArrayList<>();
                            row.add(b.name());
                            row.addAll(r.toList());
                            out.printRecord(row);
                        }
                    }
                    n++;
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return n;
    }
}
