package io.marginscope.report;

import io.marginscope.impact.AccountFigures;
import io.marginscope.impact.AccountResult;
import org.apache.commons.csv.CSVPrinter;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-account CSV of an impact run (docs/impact.md): one row per account and policy, in the
 * order of the client base and of the policies, streamed as the accounts are margined. RFC 4180,
 * numbers exact (they read back to the same doubles), NaN as an empty cell with the reason in a
 * text column; text cells escaped against formula injection ({@link CsvCells}).
 */
public final class ImpactCsv implements Closeable {

    /** The fixed columns; then liquidation price and distance per underlying of the snapshot. */
    public static final List<String> COLUMNS = List.of("account", "policy", "status", "equity", "adjustedEquity",
            "maintenanceMargin", "initialMargin", "marginRatio", "ratioNote", "zone", "freeMargin", "marginCall",
            "notCovered", "error");

    private final CSVPrinter out;
    private final List<String> underlyings;

    /** @param underlyings the assets whose liquidation columns are written, in order */
    public ImpactCsv(Writer writer, List<String> underlyings) throws IOException {
        this.out = new CSVPrinter(writer, CsvExport.FORMAT);
        this.underlyings = List.copyOf(underlyings);
        List<String> header = new ArrayList<>(COLUMNS);
        for (String u : underlyings) {
            header.add("liquidationPrice." + u);
            header.add("liquidationDistancePct." + u);
        }
        out.printRecord(header);
    }

    /** The rows of one account (none for a bad account left out). */
    public void account(AccountResult r) throws IOException {
        if (r.isBad()) {
            return;
        }
        for (AccountFigures f : r.policies()) {
            List<String> row = new ArrayList<>();
            row.add(CsvCells.text(r.account()));
            row.add(CsvCells.text(f.policy()));
            row.add(f.computed() ? "OK" : "NOT_COMPUTED");
            row.add(CsvCells.number(f.equity()));
            row.add(CsvCells.number(f.adjustedEquity()));
            row.add(CsvCells.number(f.maintenanceMargin()));
            row.add(CsvCells.number(f.initialMargin()));
            row.add(CsvCells.number(f.marginRatio()));
            row.add(CsvCells.text(f.ratioNote() == null ? "" : f.ratioNote()));
            row.add(f.zone() == null ? "" : f.zone());
            row.add(CsvCells.number(f.freeMargin()));
            row.add(CsvCells.number(f.marginCall()));
            row.add(CsvCells.text(String.join("; ", f.notCovered())));
            row.add(CsvCells.text(f.error() == null ? "" : f.error()));
            for (String u : underlyings) {
                AccountFigures.Liquidation l = f.liquidation().get(u);
                row.add(l == null ? "" : CsvCells.number(l.price()));
                row.add(l == null ? "" : CsvCells.number(l.distancePct()));
            }
            out.printRecord(row);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
