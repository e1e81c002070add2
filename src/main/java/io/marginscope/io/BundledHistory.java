package io.marginscope.io;

import io.marginscope.model.Loaded;
import io.marginscope.risk.AssetPrices;
import io.marginscope.risk.PriceHistory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The program's own daily price history: the BTC, ETH and SOL closes shipped as class path
 * resources under {@code /io/marginscope/history/} (listed in its {@code index.txt}; provenance in
 * {@code SOURCES.md} beside them). It is the default history wherever the analyst gives none. The
 * files are in the per-asset form of FORMATS.md section 4 and read by {@link PriceHistoryFiles}.
 */
public final class BundledHistory {

    /** The class path folder of the files. */
    public static final String ROOT = "/io/marginscope/history/";

    /** Source names of the bundled files start with this ({@code bundled history/BTC-USD.daily.csv}: a path-like name whose last segment is the file name). */
    public static final String PREFIX = "bundled history/";

    private static volatile List<TextSource> cache;

    private BundledHistory() {
    }

    /** The bundled files as text, in index order (read once, then kept: they never change). */
    public static List<TextSource> sources() throws InputException {
        List<TextSource> out = cache;
        if (out != null) {
            return out;
        }
        List<String> names = BundledIndex.read(ROOT);
        if (names.isEmpty()) {
            throw new InputException("bundled history", 0, null, "missing from the program (" + ROOT + "index.txt)");
        }
        List<TextSource> read = new ArrayList<>();
        for (String name : names) {
            InputStream in = BundledHistory.class.getResourceAsStream(ROOT + name);
            if (in == null) {
                throw new InputException(PREFIX + name, 0, null, "listed in the index but missing from the program");
            }
            read.add(TextSource.read(PREFIX + name, in));
        }
        out = List.copyOf(read);
        cache = out;
        return out;
    }

    /** The bundled history, parsed. */
    public static Loaded<PriceHistory> read() throws InputException {
        return PriceHistoryFiles.readSources(new Loaded<>(sources(), List.of()));
    }

    /** Whether these history files are the bundled ones (by their source names). */
    public static boolean isBundled(List<TextSource> files) {
        return !files.isEmpty() && files.stream().allMatch(f -> f.name().startsWith(PREFIX));
    }

    /** Each asset with its first and last close: {@code BTC 2014-01-01..2025-09-24, ETH ...}. */
    public static String ranges(PriceHistory history) {
        StringJoiner j = new StringJoiner(", ");
        for (AssetPrices p : history.series()) {
            j.add(p.asset() + " " + p.first() + ".." + p.last());
        }
        return j.toString();
    }
}
