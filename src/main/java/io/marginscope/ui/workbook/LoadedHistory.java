package io.marginscope.ui.workbook;

import io.marginscope.io.BundledHistory;
import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.risk.AssetPrices;
import io.marginscope.risk.PriceHistory;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A daily price history for the historical methods, the estimated vol models and the backtest: one the
 * analyst opened, or the program's own closes ({@link #bundled()}), which the workstation opens when it
 * starts without one, as the command line uses them without {@code --history}.
 *
 * @param file    the file or folder it was read from ({@link #BUNDLED} for the bundled closes)
 * @param history the history and the remarks made while reading it
 */
public record LoadedHistory(Path file, Loaded<PriceHistory> history) {

    /** The name the bundled closes go by (they are resources of the program, not a file). */
    public static final Path BUNDLED = Path.of("bundled history");

    /** The program's own daily closes ({@link BundledHistory}). Reads them: call off the FX thread. */
    public static LoadedHistory bundled() throws InputException {
        return new LoadedHistory(BUNDLED, BundledHistory.read());
    }

    /** Whether this is the program's own closes rather than a history the analyst opened. */
    public boolean isBundled() {
        return BUNDLED.equals(file);
    }

    /** The first date any asset of the history has a close. */
    public LocalDate firstDate() {
        LocalDate first = null;
        for (AssetPrices p : history.value().series()) {
            if (!p.dates().isEmpty()) {
                LocalDate d = p.dates().getFirst();
                first = first == null || d.isBefore(first) ? d : first;
            }
        }
        return first;
    }

    /** The last date any asset of the history has a close. */
    public LocalDate lastDate() {
        LocalDate last = null;
        for (AssetPrices p : history.value().series()) {
            if (!p.dates().isEmpty()) {
                LocalDate d = p.dates().getLast();
                last = last == null || d.isAfter(last) ? d : last;
            }
        }
        return last;
    }

    /**
     * "BTC, ETH to 2025-09-24 (BTC-USD.daily.csv)"; for the bundled closes their assets and range:
     * "bundled daily closes BTC/ETH/SOL 2014-01-01–2026-06-23".
     */
    public String describe() {
        if (isBundled()) {
            return "bundled daily closes " + String.join("/", history.value().assets()) + " " + firstDate() + "\u2013"
                    + lastDate();
        }
        return String.join(", ", history.value().assets()) + " to " + lastDate() + " (" + file.getFileName() + ")";
    }
}
