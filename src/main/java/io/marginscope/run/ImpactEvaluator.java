package io.marginscope.run;

import io.marginscope.impact.AccountFigures;
import io.marginscope.impact.AccountInput;
import io.marginscope.impact.AccountResult;
import io.marginscope.impact.EpisodeFigures;
import io.marginscope.io.InputException;
import io.marginscope.model.Loaded;
import io.marginscope.io.PortfolioFiles;
import io.marginscope.io.PriceHistoryFiles;
import io.marginscope.io.SnapshotJson;
import io.marginscope.io.TextSource;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.risk.PriceHistory;
import io.marginscope.io.ScenarioLibrary;
import io.marginscope.stress.StressEngine;
import io.marginscope.stress.StressResult;
import io.marginscope.stress.StressScenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Margins one account of a client base under every policy of an impact run, each exactly as
 * {@code compute --policy} margins that account's file alone ({@link ComputeRun#runBook}). Built once
 * from the {@link ImpactInputs}; {@link #evaluate} is thread-safe and keeps no state between accounts.
 */
public final class ImpactEvaluator {

    private static final String NOT_MARGINED = ": not margined: ";

    private final String marketName;
    private final MarketSnapshot market;
    private final Loaded<PriceHistory> history;
    private final List<Policy> policies;
    private final RunParameters parameters;
    private final List<String> episodeIds;
    private final List<StressScenario> episodes;
    private final List<String> warnings;

    /**
     * Reads the inputs; bad market, history or policy text is bad input.
     *
     * @throws ComputeRun.SettingsException when a policy's base needs a price history and none was given
     */
    public ImpactEvaluator(ImpactInputs in) throws InputException {
        marketName = in.market().name();
        Loaded<MarketSnapshot> m = SnapshotJson.read(new TextSource(in.market().name(), in.market().text()));
        market = m.value();
        List<String> w = new ArrayList<>(m.warnings());
        if (in.history().isEmpty()) {
            history = null;
        } else {
            List<TextSource> files = in.history().stream().map(t -> new TextSource(t.name(), t.text())).toList();
            history = PriceHistoryFiles.readSources(new Loaded<>(files, List.of()));
            w.addAll(history.warnings());
        }
        parameters = RunParameters.fromJsonText(in.parametersJson());
        List<Policy> ps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ImpactInputs.PolicySource p : in.policies()) {
            Policy parsed = new PolicyPresets.PolicyText(p.ref(), new TextSource(p.text().name(), p.text().text()))
                    .parse();
            if (!names.add(parsed.name())) {
                throw new InputException(p.text().name(), 0, "name", "policy '" + parsed.name()
                        + "' is given twice: each policy of an impact run needs its own name");
            }
            Policy used = ComputeRun.overridden(parsed, parameters);
            Policy.Base b = used.base();
            if (b != null && history == null && (b.method().needsHistory() || !b.volModel().equals("snapshot"))) {
                throw new ComputeRun.SettingsException("policy " + used.name() + ": its base (" + b.method().cliName()
                        + ", vol model " + b.volModel() + ") needs a price history (--history)", null);
            }
            ps.add(used);
        }
        policies = List.copyOf(ps);
        if (in.episodes()) {
            episodeIds = ScenarioLibrary.ids();
            List<StressScenario> list = new ArrayList<>();
            for (String id : episodeIds) {
                list.add(ScenarioLibrary.load(id));
            }
            episodes = List.copyOf(list);
        } else {
            episodeIds = List.of();
            episodes = List.of();
        }
        warnings = List.copyOf(w);
    }

    public List<String> policyNames() {
        return policies.stream().map(Policy::name).toList();
    }

    /** Ids (dates) of the crashes applied; empty without episodes. */
    public List<String> episodeIds() {
        return episodeIds;
    }

    /** Remarks of reading the market and history. */
    public List<String> warnings() {
        return warnings;
    }

    public MarketSnapshot market() {
        return market;
    }

    /**
     * One account: parsed (a bad file gives a result carrying its message), then margined under each
     * policy; a policy that cannot apply to the account gives figures with the reason and no numbers.
     */
    public AccountResult evaluate(AccountInput in) {
        if (in.badInput() != null) {
            return AccountResult.bad(in, in.badInput());
        }
        Portfolio book;
        List<String> accountWarnings;
        try {
            Loaded<Portfolio> read = PortfolioFiles.read(new TextSource(in.sourceName(), in.text()), market);
            ComputeRun.requireAssets(read.value(), market, marketName);
            book = in.tier() == null ? read.value() : read.value().withTier(in.tier());
            accountWarnings = new ArrayList<>(read.warnings());
        } catch (InputException e) {
            return AccountResult.bad(in, e.getMessage());
        } catch (IllegalArgumentException e) {
            return AccountResult.bad(in, in.sourceName() + ": " + e.getMessage());
        }
        List<AccountFigures> figures = new ArrayList<>(policies.size());
        for (Policy p : policies) {
            figures.add(margin(book, p));
        }
        List<EpisodeFigures> eps = new ArrayList<>();
        for (int e = 0; e < episodes.size(); e++) {
            double loss = loss(book, episodes.get(e));
            for (AccountFigures f : figures) {
                eps.add(EpisodeFigures.of(episodeIds.get(e), f, loss));
            }
        }
        return new AccountResult(in.index(), in.account(), in.sourceName(), null, figures, eps, accountWarnings);
    }

    private AccountFigures margin(Portfolio book, Policy policy) {
        ComputeRun.Result r;
        try {
            r = ComputeRun.runBook(parameters, book, market, history, policy, new ArrayList<>());
        } catch (ComputeRun.SettingsException | IllegalArgumentException e) {
            return AccountFigures.failed(policy.name(), e.getMessage());
        }
        MarginResult m = r.margin();
        Map<String, AccountFigures.Liquidation> liq = new LinkedHashMap<>();
        for (Map.Entry<String, LiquidationPrice> e : r.liquidation().entrySet()) {
            LiquidationPrice lp = e.getValue();
            liq.put(e.getKey(), lp.exists() ? new AccountFigures.Liquidation(lp.price(), lp.distancePct(), lp.breached())
                    : new AccountFigures.Liquidation(Double.NaN, Double.NaN, false));
        }
        List<String> notCovered = new ArrayList<>();
        for (String w : m.warnings()) {
            int at = w.indexOf(NOT_MARGINED);
            if (at >= 0) {
                notCovered.add(w.substring(at + NOT_MARGINED.length()));
            }
        }
        return new AccountFigures(policy.name(), null, m.equity(), m.adjustedEquity(), m.maintenanceMargin(),
                m.initialMargin(), m.marginRatio(), m.zone().name(), m.freeMargin(), liq, notCovered,
                byUnderlying(book, m.maintenanceMargin()));
    }

    /** MM allocated to the underlyings in proportion to gross notional |quantity| x spot. */
    private Map<String, Double> byUnderlying(Portfolio book, double mm) {
        Map<String, Double> gross = new LinkedHashMap<>();
        double total = 0;
        for (Position p : book.positions()) {
            double g = Math.abs(p.quantity()) * market.asset(p.underlying()).spot();
            gross.merge(p.underlying(), g, Double::sum);
            total += g;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        if (!(total > 0)) {
            return out;
        }
        for (Map.Entry<String, Double> e : gross.entrySet()) {
            out.put(e.getKey(), mm * (e.getValue() / total));
        }
        return out;
    }

    /** The crash's loss (positive when the account loses); NaN when a position could not be revalued. */
    private double loss(Portfolio book, StressScenario s) {
        StressResult r = StressEngine.run(book, market, s);
        return r.errors().isEmpty() ? -r.pnl() : Double.NaN;
    }
}
