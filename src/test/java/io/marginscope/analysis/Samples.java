package io.marginscope.analysis;

import io.marginscope.model.Loaded;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.SnapshotJson;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;

import java.nio.file.Path;

/** The sample books with their snapshots, for the analysis tests. */
final class Samples {

    static final Path DIR = Path.of(System.getProperty("marginscope.projectDir", ".")).resolve("sample-portfolios");
    static final String[] BOOKS = {"btc-short-strangle.csv", "eth-perp-leveraged.csv", "btc-eth-basis.csv",
            "deribit-options-book.json"};

    record Sample(Portfolio book, MarketSnapshot market) { }

    private Samples() {
    }

    static Path marketOf(String book) {
        return DIR.resolve(book.substring(0, book.lastIndexOf('.')) + ".market.json");
    }

    static Sample load(String book) throws Exception {
        MarketSnapshot m = SnapshotJson.read(marketOf(book)).value();
        Loaded<Portfolio> p = PortfolioFiles.read(DIR.resolve(book), m);
        return new Sample(p.value(), m);
    }
}
