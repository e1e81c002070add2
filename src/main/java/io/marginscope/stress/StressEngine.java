package io.marginscope.stress;

import io.marginscope.model.AssetMarket;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.pricing.PositionValuation;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic full revaluation of a book under stress scenarios.
 *
 * <p>For a move (a {@link ShockSet} and a horizon of {@code h} days) the shocked snapshot is:
 * <ul>
 *   <li>for every asset of the snapshot with shock {@code s} (its own or the default):
 *       {@code spot' = spot * (1 + s.price)}; its {@code vol} and every implied vol of its surface
 *       (all expiries and strikes) {@code vol' = max(0.01, vol * (1 + s.volRelative) + s.volPoints / 100)}
 *       when the shock moves vols;</li>
 *   <li>{@code asOf' = asOf + h days}, so options and futures are valued {@code h} days closer to
 *       expiry (an option expiring within the horizon is worth its intrinsic value);</li>
 *   <li>rates, yields, correlations and order books unchanged.</li>
 * </ul>
 * Assets named by a scenario but absent from the snapshot are ignored. The book is revalued with
 * {@link PortfolioValuation#of} and {@code P&L = equity(shocked) - equity(today)}, per position
 * {@code value(shocked) - value(today)}. Correlation stresses of a scenario are not used here.
 *
 * <p>A path is revalued step by step, each step from today's snapshot; the reported P&amp;L is the
 * minimum over the steps.
 */
public final class StressEngine {

    private StressEngine() {
    }

    /** One scenario; a path is replayed. */
    public static StressResult run(Portfolio book, MarketSnapshot market, StressScenario scenario) {
        return run(book, market, PortfolioValuation.of(book, market), scenario);
    }

    /** Several scenarios against one valuation of today's book, in order. */
    public static List<StressResult> runAll(Portfolio book, MarketSnapshot market, List<StressScenario> scenarios) {
        PortfolioValuation base = PortfolioValuation.of(book, market);
        List<StressResult> out = new ArrayList<>(scenarios.size());
        for (StressScenario s : scenarios) {
            out.add(run(book, market, base, s));
        }
        return out;
    }

    private static StressResult run(Portfolio book, MarketSnapshot market, PortfolioValuation base,
                                    StressScenario s) {
        if (!s.isPath()) {
            Revalued r = revalue(book, base, shockedMarket(market, s.shocks(), s.horizonDays()));
            return new StressResult(s.name(), s.weight(), r.pnl, s.weight() * r.pnl, r.positions, List.of(), null,
                    r.errors);
        }
        List<StressResult.StepPnl> steps = new ArrayList<>(s.path().size());
        Revalued worst = null;
        LocalDate worstDate = null;
        for (StressScenario.PathStep step : s.path()) {
            Revalued r = revalue(book, base, shockedMarket(market, step.shocks(), step.horizonDays()));
            steps.add(new StressResult.StepPnl(step.date(), r.pnl));
            if (worst == null || r.pnl < worst.pnl) {
                worst = r;
                worstDate = step.date();
            }
        }
        return new StressResult(s.name(), s.weight(), worst.pnl, s.weight() * worst.pnl, worst.positions, steps,
                worstDate, worst.errors);
    }

    /**
     * Today's snapshot moved by {@code shocks} with {@code horizonDays} of calendar time passed
     * (fractional days allowed, to the millisecond). Implied vols are shocked with their time to
     * expiry measured from today's asOf (the plain shocks of {@link AssetShock} do not use it).
     */
    public static MarketSnapshot shockedMarket(MarketSnapshot market, ShockSet shocks, double horizonDays) {
        MarketSnapshot out = market;
        for (Map.Entry<String, AssetMarket> e : market.assets().entrySet()) {
            String asset = e.getKey();
            AssetShock s = shocks.forAsset(asset);
            if (s.isNone()) {
                continue;
            }
            if (s.price() != 0) {
                out = out.withAsset(asset, e.getValue().withSpot(s.applyPrice(e.getValue().spot())));
            }
            if (s.movesVol()) {
                out = out.withVols(asset, s::applyVol, (vol, years) -> s.applyVol(vol));
            }
        }
        if (horizonDays > 0) {
            out = out.withAsOf(out.asOf().plus(Duration.ofMillis(Math.round(horizonDays * 86_400_000.0))));
        }
        return out;
    }

    /** The single-move snapshot of a scenario (its aggregate move for a path). */
    public static MarketSnapshot shockedMarket(MarketSnapshot market, StressScenario scenario) {
        return shockedMarket(market, scenario.shocks(), scenario.horizonDays());
    }

    private record Revalued(double pnl, Map<String, Double> positions, List<String> errors) { }

    /**
     * Revalues the book on the shocked market. A position that cannot be valued on either market
     * (no market data for its underlying) has a NaN P&L, is named in the errors and is left out of
     * the total; otherwise the total equals equity(shocked) - equity(today).
     */
    private static Revalued revalue(Portfolio book, PortfolioValuation base, MarketSnapshot shocked) {
        PortfolioValuation after = PortfolioValuation.of(book, shocked);
        Map<String, Double> positions = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        double pnl = 0;
        for (int i = 0; i < book.size(); i++) {
            PositionValuation b = base.positions().get(i);
            PositionValuation a = after.positions().get(i);
            if (b.ok() && a.ok()) {
                double d = a.value() - b.value();
                positions.put(b.id(), d);
                pnl += d;
            } else {
                positions.put(b.id(), Double.NaN);
                errors.add(b.id() + ": " + (b.ok() ? a.error() : b.error()));
            }
        }
        return new Revalued(pnl, positions, errors);
    }
}
