package io.marginscope.io;

import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * The sample books shipped inside the program (the sample-portfolios folder, packaged as class
 * path resources under {@code /samples/}), each with its market snapshot {@code X.market.json}.
 */
public final class SampleBooks {

    /** The book the workstation opens on first start. */
    public static final String DEFAULT = "btc-short-strangle.csv";

    private static final String ROOT = "/samples/";

    private SampleBooks() {
    }

    /** A book and its snapshot, read and checked together. */
    public record Sample(Loaded<Portfolio> book, Loaded<MarketSnapshot> market) { }

    /** File names of the bundled books, in the order of the index. */
    public static List<String> names() {
        return BundledIndex.read(ROOT);
    }

    public static Sample load(String fileName) throws InputException {
        String base = fileName.substring(0, fileName.lastIndexOf('.'));
        Loaded<MarketSnapshot> market = SnapshotJson.read(resource(base + ".market.json"));
        TextSource bookText = resource(fileName);
        Loaded<Portfolio> book = fileName.toLowerCase(Locale.ROOT).endsWith(".json")
                ? DeribitPositions.read(bookText, base, a -> market.value().has(a)
                        ? market.value().asset(a).spot() : Double.NaN)
                : PortfolioCsv.read(bookText, base);
        return new Sample(book, market);
    }

    private static TextSource resource(String name) throws InputException {
        InputStream in = SampleBooks.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new InputException("samples/" + name, 0, null, "no such bundled sample");
        }
        return TextSource.read("samples/" + name, in);
    }
}
