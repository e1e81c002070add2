package io.marginscope.cli;

import io.marginscope.io.InputException;
import io.marginscope.io.Loaded;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.SnapshotJson;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** A book and its market, loaded and checked against each other. */
record Inputs(Portfolio book, MarketSnapshot market, List<String> warnings) {

    static Inputs load(Path portfolio, Path marketFile) throws InputException {
        Loaded<MarketSnapshot> market = SnapshotJson.read(marketFile);
        Loaded<Portfolio> book = PortfolioFiles.read(portfolio, market.value());
        List<String> warnings = new ArrayList<>(market.warnings());
        warnings.addAll(book.warnings());
        for (String u : book.value().underlyings()) {
            if (!market.value().has(u)) {
                StringJoiner ids = new StringJoiner(", ");
                book.value().positions().stream().filter(p -> p.underlying().equals(u)).limit(3)
                        .forEach(p -> ids.add(p.id()));
                throw new InputException(marketFile.toString(), 0, "assets." + u,
                        "missing: the portfolio holds " + u + " (" + ids + ")");
            }
        }
        return new Inputs(book.value(), market.value(), warnings);
    }
}
