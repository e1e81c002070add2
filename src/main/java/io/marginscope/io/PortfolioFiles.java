package io.marginscope.io;

import io.marginscope.model.Loaded;
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
        checkType(path.toString());
        return read(TextSource.read(path), market);
    }

    /**
     * Reads a portfolio already read as text, by the file name at the end of its source name (its
     * extension says the type; the name without it is the book's name).
     */
    public static Loaded<Portfolio> read(TextSource src, MarketSnapshot market) throws InputException {
        String fileName = PriceHistoryFiles.fileNameOf(src.name());
        checkType(src.name());
        String book = PortfolioCsv.nameOf(Path.of(fileName));
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return DeribitPositions.read(src, book, market == null ? null
                    : asset -> market.has(asset) ? market.asset(asset).spot() : Double.NaN);
        }
        return PortfolioCsv.read(src, book);
    }

    private static void checkType(String sourceName) throws InputException {
        String name = PriceHistoryFiles.fileNameOf(sourceName).toLowerCase(Locale.ROOT);
        if (!name.endsWith(".json") && !name.endsWith(".csv") && !name.endsWith(".txt")) {
            throw new InputException(sourceName, 0, null,
                    "unknown portfolio type: expected a .csv portfolio or a Deribit positions .json");
        }
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
