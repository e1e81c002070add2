package io.marginscope.run;

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
        return book;
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
        Map<String, LiquidationPrice> liquidation = Map.of();
        List<String> all = new ArrayList<>(warnings);
        if (margin != null) {
            liquidation = LiquidationPrice.solve(prepared, market);
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
        List<TextSource> h = List.of();
        if (!history.isEmpty()) {
            Loaded<List<TextSource>> files = PriceHistoryFiles.sources(history);
            h = files.value();
            historyWarnings.addAll(files.warnings());
        }
        return new RunInputs(p, m, h, parameters,
                policy == null ? null : io.marginscope.io.PolicyPresets.text(policy));
    }
}
