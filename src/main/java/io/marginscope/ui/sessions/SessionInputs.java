package io.marginscope.ui.sessions;

import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.io.PortfolioCsv;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.PriceHistoryFiles;
import io.marginscope.io.SampleBooks;
import io.marginscope.io.SnapshotJson;
import io.marginscope.io.TextSource;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskParameters;
import io.marginscope.run.ComputeRun;
import io.marginscope.run.RunInputs;
import io.marginscope.run.RunParameters;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.workbook.LoadedHistory;

/**
 * Between what the workstation shows and a saved session's inputs: the book, its market, the
 * price history, the risk settings and the policy chosen as text ({@link RunInputs}, the margin under that
 * policy with the workstation's settings over its base), and back. Reads files: call off the FX thread.
 */
public final class SessionInputs {

    /**
     * The texts the books and markets of opened sessions were read from (they have no file), by the value
     * read, for as long as that value is in use: saving such a book again stores the same text.
     */
    private static final Map<Object, TextSource> SOURCES = Collections.synchronizedMap(new WeakHashMap<>());

    /** The policy of a live session's margin, and of a snapshot that names none. */
    public static final String POLICY = "ramm";

    /**
     * What the workstation shows at one moment (immutable values, taken on the FX thread).
     *
     * @param policyRef the policy on show: a preset's name or a policy file's path (null: {@link #POLICY})
     */
    public record Snapshot(LoadedBook book, RiskParameters parameters, LoadedHistory history, String policyRef) { }

    /** A session's inputs opened as the workstation shows them, with the policy it was saved under. */
    public record Opened(LoadedBook book, RiskParameters parameters, LoadedHistory history,
                         PolicyPresets.PolicyText policy) { }

    private SessionInputs() {
    }

    /**
     * The inputs of what the workstation shows. The portfolio is the text it was read from (its file, the
     * bundled sample, or the session it was opened from) when that text still reads to the positions on
     * show; otherwise (a what-if edit, or a file changed since) it is the book on show written as a native
     * CSV named after the book ({@link PortfolioCsv#write}), so that a saved session or an export holds the
     * edited positions and reopens with them.
     */
    public static RunInputs of(Snapshot s) throws InputException {
        LoadedBook b = s.book();
        TextSource market;
        if (b.marketFile() != null) {
            market = TextSource.read(b.marketFile());
        } else if (SOURCES.get(b.market()) != null) {
            market = SOURCES.get(b.market());
        } else {
            String file = sampleFile(b.book().name());
            market = resource(file.substring(0, file.lastIndexOf('.')) + ".market.json");
        }
        TextSource portfolio = null;
        if (b.bookFile() != null) {
            try {
                portfolio = TextSource.read(b.bookFile());
            } catch (InputException gone) {
                portfolio = null;
            }
        } else if (SOURCES.get(b.book()) != null) {
            portfolio = SOURCES.get(b.book());
        } else if (isSample(b.book().name())) {
            portfolio = resource(sampleFile(b.book().name()));
        }
        if (portfolio == null || !reads(portfolio, b)) {
            portfolio = written(b.book());
        }
        List<TextSource> history = List.of();
        if (s.history() != null) {
            history = PriceHistoryFiles.sources(List.of(s.history().file())).value();
        }
        return new RunInputs(portfolio, market, history, new RunParameters(s.parameters(), RunParameters.OVERRIDABLE),
                PolicyPresets.text(s.policyRef() == null ? POLICY : s.policyRef()));
    }

    public static Opened open(RunInputs in) throws InputException {
        Loaded<MarketSnapshot> m = SnapshotJson.read(in.market());
        Loaded<Portfolio> p = PortfolioFiles.read(in.portfolio(), m.value());
        List<String> warnings = new ArrayList<>(m.warnings());
        warnings.addAll(p.warnings());
        PortfolioValuation v = PortfolioValuation.of(p.value(), m.value());
        warnings.addAll(v.errors());
        Loaded<PriceHistory> h = ComputeRun.history(in, List.of());
        LoadedHistory history = null;
        if (h != null) {
            String name = in.history().size() == 1 ? RunInputs.fileName(in.history().get(0).name()) : "saved history";
            history = new LoadedHistory(Path.of(name), h);
        }
        LoadedBook book = new LoadedBook(p.value(), m.value(), v, warnings, null, null);
        SOURCES.put(m.value(), in.market());
        SOURCES.put(p.value(), in.portfolio());
        return new Opened(book, in.parameters().risk(), history, in.policy());
    }

    /** True when the text reads to the book on show: the same name, positions and tier. */
    static boolean reads(TextSource text, LoadedBook b) {
        try {
            Portfolio p = PortfolioFiles.read(text, b.market()).value();
            return p.name().equals(b.book().name()) && p.positions().equals(b.book().positions())
                    && Objects.equals(p.tier(), b.book().tier());
        } catch (InputException | RuntimeException e) {
            return false;
        }
    }

    /** The book as a native CSV whose file name is the book's name (so that it reopens under that name). */
    static TextSource written(Portfolio book) {
        return new TextSource(book.name() + ".csv", PortfolioCsv.write(book));
    }

    private static boolean isSample(String bookName) {
        return SampleBooks.names().stream().anyMatch(n -> n.substring(0, n.lastIndexOf('.')).equals(bookName));
    }

    private static String sampleFile(String bookName) throws InputException {
        for (String n : SampleBooks.names()) {
            if (n.substring(0, n.lastIndexOf('.')).equals(bookName)) {
                return n;
            }
        }
        throw new InputException(bookName, 0, null, "not a file and not a bundled sample: cannot be saved");
    }

    private static TextSource resource(String name) throws InputException {
        InputStream in = SampleBooks.class.getResourceAsStream("/samples/" + name);
        if (in == null) {
            throw new InputException("samples/" + name, 0, null, "no such bundled sample");
        }
        return TextSource.read("samples/" + name, in);
    }
}
