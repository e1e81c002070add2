package io.marginscope.ui;

import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.SampleBooks;
import io.marginscope.io.SnapshotJson;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.PortfolioValuation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What to load: files, a bundled sample, or a new market for the book already open. Runs off the FX thread. */
sealed interface BookRequest {

    LoadedBook load() throws InputException;

    /** A portfolio file and its snapshot file. */
    record Files(Path portfolio, Path market) implements BookRequest {
        @Override
        public LoadedBook load() throws InputException {
            Loaded<MarketSnapshot> m = SnapshotJson.read(market);
            Loaded<Portfolio> b = PortfolioFiles.read(portfolio, m.value());
            return value(b, m, portfolio, market);
        }
    }

    /** A bundled sample by file name. */
    record Sample(String name) implements BookRequest {
        @Override
        public LoadedBook load() throws InputException {
            SampleBooks.Sample s = SampleBooks.load(name);
            return value(s.book(), s.market(), null, null);
        }
    }

    /** The open book against another snapshot file. */
    record NewMarket(LoadedBook current, Path market) implements BookRequest {
        @Override
        public LoadedBook load() throws InputException {
            Loaded<MarketSnapshot> m = SnapshotJson.read(market);
            return value(new Loaded<>(current.book(), List.of()), m, current.bookFile(), market);
        }
    }

    /** A book already read (a saved session's inputs). */
    record Restored(LoadedBook book) implements BookRequest {
        @Override
        public LoadedBook load() {
            return book;
        }
    }

    /**
     * The open book with its positions edited (a what-if): valued again at the same market, keeping the
     * files it came from and the market's warnings.
     */
    record Edited(LoadedBook current, Portfolio next) implements BookRequest {
        @Override
        public LoadedBook load() {
            List<String> marketWarnings = current.warnings().stream()
                    .filter(w -> !current.valuation().errors().contains(w)).toList();
            return value(new Loaded<>(next, List.of()), new Loaded<>(current.market(), marketWarnings),
                    current.bookFile(), current.marketFile());
        }
    }

    private static LoadedBook value(Loaded<Portfolio> book, Loaded<MarketSnapshot> market, Path bookFile,
                                    Path marketFile) {
        List<String> warnings = new ArrayList<>(market.warnings());
        warnings.addAll(book.warnings());
        PortfolioValuation v = PortfolioValuation.of(book.value(), market.value());
        warnings.addAll(v.errors());
        return new LoadedBook(book.value(), market.value(), v, warnings, bookFile, marketFile);
    }
}
