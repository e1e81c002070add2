package io.marginscope.io;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The counterparty tier of each account of a client base (FORMATS.md section 6, {@code counterparty}):
 * a CSV with the columns {@code account,tier}. A tier given here replaces the account file's own
 * {@code # tier:} line; accounts not listed keep theirs (else the policy's default).
 */
public final class AccountTiers {

    private static final Pattern TIER_NAME = Pattern.compile("[A-Za-z0-9_+-]+");

    private AccountTiers() {
    }

    /** Account name to tier (upper case), in file order. */
    public static Map<String, String> read(Path path) throws InputException {
        TextSource src = TextSource.read(path);
        CSVFormat format = CSVFormat.DEFAULT.builder().setCommentMarker('#').setIgnoreEmptyLines(true)
                .setTrim(true).get();
        Map<String, String> tiers = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(src.text()), format)) {
            Map<String, Integer> columns = null;
            for (CSVRecord rec : parser) {
                int line = src.contentLineFrom(src.lineOf(rec.getCharacterPosition()), '#');
                if (columns == null) {
                    columns = CsvRow.header(src, rec, line, java.util.Set.of("account", "tier"),
                            List.of("account", "tier"), "account, tier", new java.util.ArrayList<>());
                    continue;
                }
                CsvRow row = new CsvRow(src.name(), line, rec.toList(), columns);
                String account = row.text("account");
                String tier = row.text("tier");
                if (account.isEmpty()) {
                    throw row.error("account", "empty account name");
                }
                if (!TIER_NAME.matcher(tier).matches()) {
                    throw row.error("tier", "'" + tier + "' is not a tier name (one word, e.g. B)");
                }
                Integer first = lines.putIfAbsent(account, line);
                if (first != null) {
                    throw row.error("account", "account '" + account + "' is listed twice (first on line " + first
                            + ")");
                }
                tiers.put(account, tier.toUpperCase(Locale.ROOT));
            }
            if (columns == null) {
                throw new InputException(src.name(), 0, null, "empty file: no header line");
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(src.name(), 0, null, "malformed CSV: " + e.getMessage(), e);
        }
        return tiers;
    }
}
