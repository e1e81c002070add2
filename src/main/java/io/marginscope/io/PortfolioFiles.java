package io.marginscope.io;

import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens a portfolio by its file type: native CSV, or a Deribit positions JSON. */
public final class PortfolioFiles {

    private PortfolioFiles() {
    }

    /**
     * Reads a portfolio. {@code market} (may be null) only converts coin premiums of a Deribit
     * export that carries no USD prices.
     */
    public static Loaded<Portfolio> read(Path path, MarketSnapshot market) throws InputException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return DeribitPositions.read(path, market == null ? null
                    : asset -> market.has(asset) ? market.asset(asset).spot() : Double.NaN);
        }
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return PortfolioCsv.read(path);
        }
        throw new InputException(path.toString(), 0, null,
                "unknown portfolio type: expected a .csv portfolio or a Deribit positions .json");
    }

    /**
     * The snapshot that belongs to a book by the samples' convention: {@code X.market.json} beside
     * {@code X.csv} or {@code X.json}, else {@code market.json} in the same folder; null when neither exists.
     */
    public static Path companionMarket(Path portfolio) {
        Path dir = portfolio.toAbsolutePath().getParent();
        if (dir == null) {
            return null;
        }
        Path named = dir.resolve(PortfolioCsv.nameOf(portfolio) + ".market.json");
        if (Files.isRegularFile(named)) {
            return named;
        }
        Path shared = dir.resolve("market.json");
        return Files.isRegularFile(shared) ? shared : null;
    }

    /** True when a JSON file looks like a market snapshot rather than positions. */
    public static boolean isMarketFile(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".market.json")
                || path.getFileName().toString().equalsIgnoreCase("market.json");
    }
}
