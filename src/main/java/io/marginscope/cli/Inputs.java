package io.marginscope.cli;

import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.SnapshotJson;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A book and its market, loaded and checked against each other. */
record Inputs(Portfolio book, MarketSnapshot market, List<String> warnings) {

    static Inputs load(Path portfolio, Path marketFile) throws InputException {
        Loaded<MarketSnapshot> market = SnapshotJson.read(marketFile);
        Loaded<Portfolio> book = PortfolioFiles.read(portfolio, market.value());
        List<String> warnings = new ArrayList<>(market.warnings());
        warnings.addAll(book.warnings());
        io.marginscope.run.ComputeRun.requireAssets(book.value(), market.value(), marketFile.toString());
        return new Inputs(book.value(), market.value(), warnings);
    }
}
