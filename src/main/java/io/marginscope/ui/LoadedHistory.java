package io.marginscope.ui;

import io.marginscope.model.Loaded;
import io.marginscope.risk.AssetPrices;
import io.marginscope.risk.PriceHistory;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A daily price history the analyst opened, for the historical methods and the estimated vol models.
 *
 * @param file    the file or folder it was read from
 * @param history the history and the remarks made while reading it
 */
public record LoadedHistory(Path file, Loaded<PriceHistory> history) {

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

    /** "BTC, ETH to 2025-09-24 (BTC-USD.daily.csv)". */
    public String describe() {
        return String.join(", ", history.value().assets()) + " to " + lastDate() + " (" + file.getFileName() + ")";
    }
}
