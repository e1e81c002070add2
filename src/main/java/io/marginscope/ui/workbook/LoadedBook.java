package io.marginscope.ui.workbook;

import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.PortfolioValuation;

import java.nio.file.Path;
import java.util.List;

/**
 * What the workstation shows: a book, its market and the engine's valuation of it.
 *
 * @param bookFile   the portfolio file, null for a bundled sample
 * @param marketFile the snapshot file, null for a bundled sample
 */
public record LoadedBook(Portfolio book, MarketSnapshot market, PortfolioValuation valuation, List<String> warnings,
                         Path bookFile, Path marketFile) {
    public LoadedBook {
        warnings = List.copyOf(warnings);
    }
}
