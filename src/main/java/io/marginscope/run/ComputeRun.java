package io.marginscope.run;

import io.marginscope.io.BundledHistory;
import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.PriceHistoryFiles;
import io.marginscope.io.SnapshotJson;
import io.marginscope.io.TextSource;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.risk.FactorModel;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;
import io.marginscope.risk.RiskResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One compute run from its inputs as text: what {@code compute} prints, a saved session
 * recomputes and a report draws (the JSON and PDF writers of {@code report} take its {@link Result}). Stateless: the same inputs give the same numbers bit for bit
 * (Monte Carlo runs are seeded).
 */
public final class ComputeRun {

    /**
     * Books with more positions get no liquidation price search (each of its 20 to 60 points re-runs
     * the whole margin); their {@code liquidation} entries are null with {@code "searched": false}
     * and a warning says why (docs/performance.md).
     */
    public static final int LIQUIDATION_SEARCH_MAX_POSITIONS = 2_000;

    /** A setting that cannot apply to these inputs (e.g. a policy whose base needs a history): bad input. */
    public static final class SettingsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SettingsException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A finished run.
     *
     * @param margin      the margin under the policy (null without one)
     * @param prepared    the policy applied to the book (null without one): re-evaluate it at another market
     * @param liquidation per underlying (empty without a policy)
     * @param runWarnings the remarks on the inputs and of the risk run (before the margin's own)
     * @param warnings    every remark: {@code runWarnings} then the margin's not already among them
     */
    public record Result(RunInputs inputs, Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history,
                         RiskParameters parameters, Policy policy, PortfolioValuation valuation, RiskResult risk,
                         MarginCalculator.Prepared prepared, MarginResult margin,
                         Map<String, LiquidationPrice> liquidation, List<String> runWarnings, List<String> warnings) {
    }

    private ComputeRun() {
    }

    /** The book and its market, parsed and checked against each other. */
    public static Loaded<Portfolio> book(RunInputs in, MarketSnapshot market) throws InputException {
        Loaded<Portfolio> book = PortfolioFiles.read(in.portfolio(), market);
        requireAssets(book.value(), market, in.market().name());
        requireExpiries(book.value(), market, in.portfolio());
        return book;
    }

    /** Years an expiry may lie before or after the snapshot. */
    public static final int MAX_EXPIRY_YEARS = 50;

    /** Every expiry within {@value #MAX_EXPIRY_YEARS} years of the snapshot (bad input naming the first other). */
    public static void requireExpiries(Portfolio book, MarketSnapshot market, TextSource src) throws InputException {
        java.time.Instant asOf = market.asOf();
        java.time.ZonedDateTime at = asOf.atZone(java.time.ZoneOffset.UTC);
        java.time.Instant earliest = at.minusYears(MAX_EXPIRY_YEARS).toInstant();
        java.time.Instant latest = at.plusYears(MAX_EXPIRY_YEARS).toInstant();
        for (var p : book.positions()) {
            java.time.Instant e = p.instrument().expiry();
            if (e != null && (e.isBefore(earliest) || e.isAfter(latest))) {
                throw new InputException(src.name(), lineOf(src, p.id()), "expiry", "position '" + clip(p.id())
                        + "' expires " + e + ", more than " + MAX_EXPIRY_YEARS + " years from the snapshot (" + asOf + ")");
            }
        }
    }

    /** The first line of a text holding {@code token} (0 when none): where a position of a file is. */
    static int lineOf(TextSource src, String token) {
        int at = src.text().indexOf(token);
        if (at < 0) {
            return 0;
        }
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (src.text().charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** Every underlying of the book must be in the snapshot (bad input naming the first missing one). */
    public static void requireAssets(Portfolio book, MarketSnapshot market, String marketName) throws InputException {
        for (String u : book.underlyings()) {
            if (!market.has(u)) {
                StringJoiner ids = new StringJoiner(", ");
                book.positions().stream().filter(p -> p.underlying().equals(u)).limit(3)
                        .forEach(p -> ids.add(p.id()));
                throw new InputException(marketName, 0, "assets." + u,
                        "missing: the portfolio holds " + u + " (" + ids + ")");
            }
        }
    }

    /** The price history of the inputs, or null when none was given. */
    public static Loaded<PriceHistory> history(RunInputs in, List<String> listingWarnings) throws InputException {
        if (in.history().isEmpty()) {
            return null;
        }
        return PriceHistoryFiles.readSources(new Loaded<>(in.history(), listingWarnings));
    }

    public static Result run(RunInputs in) throws InputException {
        return run(in, List.of());
    }

    /**
     * Runs {@code compute}: values the book, measures VaR and ES (by the policy's base block, with
     * the explicit settings over it, when a policy is given) and the margin, liquidation prices and
     * the JSON.
     *
     * @param historyWarnings remarks made while listing the history folder (they join the history's)
     * @throws SettingsException when the policy cannot apply to these inputs
     */
    public static Result run(RunInputs in, List<String> historyWarnings) throws InputException {
        Loaded<MarketSnapshot> market = SnapshotJson.read(in.market());
        Loaded<Portfolio> book = book(in, market.value());
        List<String> warnings = new ArrayList<>(market.warnings());
        warnings.addAll(book.warnings());
        Loaded<PriceHistory> history = history(in, historyWarnings);
        Policy pol = in.policy() == null ? null : overridden(in.policy().parse(), in.parameters());
        return run(in, book.value(), market.value(), history, pol, warnings);
    }

    /**
     * {@code compute} of a book held in memory (for example several accounts merged into one): the same
     * run as from files. The result's inputs carry only the parameters.
     */
    public static Result runBook(RunParameters parameters, Portfolio book, MarketSnapshot market,
                                 Loaded<PriceHistory> history, Policy policy, List<String> warnings) {
        return run(new RunInputs(null, null, List.of(), parameters, null), book, market, history, policy, warnings);
    }

    private static Result run(RunInputs in, Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history,
                              Policy pol, List<String> warnings) {
        RiskParameters params = in.parameters().risk();
        PortfolioValuation valuation = PortfolioValuation.of(book, market);
        RiskEngine engine = new RiskEngine();
        MarginCalculator.Evaluated margin = null;
        MarginCalculator.Prepared prepared = null;
        if (pol != null) {
            try {
                prepared = new MarginCalculator(engine).prepare(book, market, history, pol,
                        new MarginCalculator.Settings(params.scenarios(), params.seed()));
            } catch (IllegalArgumentException e) {
                throw new SettingsException(e.getMessage(), e);
            }
            margin = prepared.evaluated(market);
        }
        RiskResult result = margin != null && margin.risk() != null ? margin.risk()
                : engine.compute(book, market, FactorModel.build(book, market, history, params), params,
                RiskProgress.NONE);
        warnings.addAll(result.warnings());
        // a margin left out on purpose (positions the policy does not cover: NOT_COVERED, said in coverage and
        // warnings) is an answer; a margin that is not finite for any other reason is numeric trouble
        boolean marginTrouble = margin != null && margin.margin().covered()
                && !Double.isFinite(margin.margin().maintenanceMargin());
        if (!Double.isFinite(result.var()) || !Double.isFinite(result.es()) || marginTrouble) {
            // numeric trouble (an overflow, a degenerate history): no number would be worse than an answer
            throw new SettingsException("numeric trouble: the " + params.method().name().toLowerCase(java.util.Locale.ROOT)
                    + " run of these inputs gives no finite " + (marginTrouble ? "maintenance margin" : "VaR/ES")
                    + " (check the sizes, prices and vols, and the price history)", null);
        }
        Map<String, LiquidationPrice> liquidation = Map.of();
        if (margin != null && book.positions().size() > LIQUIDATION_SEARCH_MAX_POSITIONS) {
            // each point of the search re-runs the whole margin: too slow for a book this size
            warnings.add("liquidation prices not searched: " + book.positions().size() + " positions, more than "
                    + LIQUIDATION_SEARCH_MAX_POSITIONS + " (each point of the search re-runs the margin; "
                    + "docs/performance.md)");
        }
        List<String> all = new ArrayList<>(warnings);
        if (margin != null) {
            if (book.positions().size() <= LIQUIDATION_SEARCH_MAX_POSITIONS) {
                liquidation = LiquidationPrice.solve(prepared, market);
            } else {
                liquidation = new java.util.LinkedHashMap<>();
                for (String asset : book.underlyings()) {
                    if (market.asset(asset).vol() != 0) {
                        liquidation.put(asset, LiquidationPrice.none());
                    }
                }
            }
            margin.margin().warnings().stream().filter(w -> !all.contains(w)).forEach(all::add);
        }
        return new Result(in, book, market, history, result.parameters(), pol, valuation, result, prepared,
                margin == null ? null : margin.margin(), liquidation, List.copyOf(warnings), all);
    }

    /**
     * The inputs as a state of {@code explain} (docs/cli.md section 2): the book on its snapshot,
     * the price history and the policy with the explicit settings over its base block, exactly
     * what {@link #run} margins, so that MM of the state is the run's MM. Its Monte Carlo settings
     * are {@link #settings(RunInputs)}.
     *
     * @throws InputException when the inputs do not read or hold no policy
     */
    public static Loaded<io.marginscope.analysis.MarginExplain.State> state(RunInputs in) throws InputException {
        if (in.policy() == null) {
            throw new InputException(in.portfolio().name(), 0, "policy", "the run has no margin policy: nothing to explain");
        }
        Loaded<MarketSnapshot> market = SnapshotJson.read(in.market());
        Loaded<Portfolio> book = book(in, market.value());
        List<String> warnings = new ArrayList<>(market.warnings());
        warnings.addAll(book.warnings());
        Loaded<PriceHistory> history = history(in, List.of());
        Policy pol = overridden(in.policy().parse(), in.parameters());
        return new Loaded<>(new io.marginscope.analysis.MarginExplain.State(book.value(), market.value(), pol, history),
                warnings);
    }

    /** The Monte Carlo scenarios and seed of the inputs' settings. */
    public static MarginCalculator.Settings settings(RunInputs in) {
        return new MarginCalculator.Settings(in.parameters().risk().scenarios(), in.parameters().risk().seed());
    }

    /** The policy with the settings given explicitly on its base block. */
    static Policy overridden(Policy p, RunParameters params) {
        if (p.base() == null) {
            return p;
        }
        Policy.Base b = p.base();
        RiskParameters r = params.risk();
        if (params.overrides().contains("confidence")) {
            b = b.withConfidence(r.confidence());
        }
        if (params.overrides().contains("horizonDays")) {
            b = b.withHorizon(r.horizonDays());
        }
        if (params.overrides().contains("method")) {
            b = b.withMethod(r.method());
        }
        if (params.overrides().contains("volModel")) {
            b = b.withVolModel(r.volModel());
        }
        return p.withBase(b);
    }

    /** Inputs read from files, for the command line. */
    public static RunInputs fromFiles(java.nio.file.Path portfolio, java.nio.file.Path market,
                                      List<java.nio.file.Path> history, RunParameters parameters, String policy,
                                      List<String> historyWarnings) throws InputException {
        TextSource m = TextSource.read(market);
        TextSource p = TextSource.read(portfolio);
        PolicyPresets.PolicyText pol = policy == null ? null : PolicyPresets.text(policy);
        List<TextSource> h = List.of();
        if (!history.isEmpty()) {
            Loaded<List<TextSource>> files = PriceHistoryFiles.sources(history);
            h = files.value();
            historyWarnings.addAll(files.warnings());
        } else if (needsHistory(parameters, pol == null ? null : overridden(pol.parse(), parameters))) {
            h = BundledHistory.sources();
        }
        return new RunInputs(p, m, h, parameters, pol);
    }

    /**
     * Whether a run with these settings cannot run without a price history: a simulation method or
     * an estimated vol model, or a policy whose base needs one. Such a run without a history of the
     * analyst's uses the bundled one ({@link BundledHistory}).
     */
    public static boolean needsHistory(RunParameters parameters, Policy policy) {
        RiskParameters r = parameters.risk();
        if (policy != null && policy.base() != null) {
            return needsHistory(policy);
        }
        return r.method().needsHistory() || !r.volModel().equals("snapshot");
    }

    /**
     * Whether a policy's margin cannot run without a price history: its base simulates or estimates vols.
     * Anti-procyclicality tools alone do not count: without a history they are not applied (and the run
     * says so), as in the workstation, which starts without a history.
     */
    public static boolean needsHistory(Policy policy) {
        Policy.Base b = policy.base();
        return b != null && (b.method().needsHistory() || !b.volModel().equals("snapshot"));
    }
}
