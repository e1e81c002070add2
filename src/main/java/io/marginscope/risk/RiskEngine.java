package io.marginscope.risk;

import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.pricing.PortfolioValuation;
import io.marginscope.pricing.PositionValuation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * VaR, ES and attribution of a book: {@code compute(book, market, factors, parameters) -> RiskResult},
 * stateless apart from an optional scenario cache, so equal inputs give equal numbers.
 * The GUI, the CLI and the benchmark all call it.
 */
public final class RiskEngine {

    /** Scenarios per block of parallel revaluation (also the granularity of progress and cancel). */
    static final int CHUNK = 256;

    private final ScenarioCache cache;

    public RiskEngine() {
        this(new ScenarioCache());
    }

    public RiskEngine(ScenarioCache cache) {
        this.cache = cache;
    }

    public RiskResult compute(Portfolio book, MarketSnapshot market, RiskFactors factors, RiskParameters params,
                              RiskProgress progress) {
        return compute(book, market, factors, params, progress, true);
    }

    /**
     * VaR and ES only, without the per-position attribution (an empty positions list): for the
     * many evaluations of a root search or a live feed.
     */
    public RiskResult computeTotals(Portfolio book, MarketSnapshot market, RiskFactors factors, RiskParameters params,
                                    RiskProgress progress) {
        return compute(book, market, factors, params, progress, false);
    }

    private RiskResult compute(Portfolio book, MarketSnapshot market, RiskFactors factors, RiskParameters params,
                               RiskProgress progress, boolean attribution) {
        PortfolioValuation valuation = PortfolioValuation.of(book, market);
        if (!valuation.complete()) {
            throw new IllegalArgumentException("cannot measure risk of a book with unvalued positions: "
                    + String.join("; ", valuation.errors()));
        }
        List<String> warnings = new ArrayList<>(factors.warnings());
        if (params.method() == RiskMethod.PARAMETRIC) {
            return parametric(book, market, factors, params, valuation, warnings, attribution);
        }
        return simulate(book, market, factors, params, progress, warnings, attribution);
    }

    private RiskResult parametric(Portfolio book, MarketSnapshot market, RiskFactors f, RiskParameters p,
                                  PortfolioValuation valuation, List<String> warnings, boolean attribution) {
        int na = f.size();
        int n = book.size();
        double[] spot = new double[na];
        for (int a = 0; a < na; a++) {
            spot[a] = market.asset(f.assets().get(a)).spot();
        }
        double[] dPos = new double[n];
        double[] gPos = new double[n];
        int[] idx = new int[n];
        double[] d = new double[na];
        double[] g = new double[na];
        for (int i = 0; i < n; i++) {
            PositionValuation v = valuation.positions().get(i);
            idx[i] = f.assets().indexOf(v.position().underlying());
            double s = spot[idx[i]];
            dPos[i] = v.delta() * s;
            gPos[i] = v.gamma() * s * s;
            d[idx[i]] += dPos[i];
            g[idx[i]] += gPos[i];
        }
        ParametricRisk model = new ParametricRisk(f.vols(), f.correlation(), p.horizonYears(market.daysPerYear()),
                p.confidence());
        ParametricRisk.Measure total = model.measure(d, g);
        List<PositionRisk> out = new ArrayList<>(n);
        double[][][] grad = attribution ? model.gradient(d, g) : null;
        for (int i = 0; attribution && i < n; i++) {
            int a = idx[i];
            double cVar = dPos[i] * grad[0][0][a] + gPos[i] * grad[0][1][a];
            double cEs = dPos[i] * grad[1][0][a] + gPos[i] * grad[1][1][a];
            double[] dw = d.clone();
            double[] gw = g.clone();
            dw[a] -= dPos[i];
            gw[a] -= gPos[i];
            double without = model.measure(dw, gw).var();
            double q = book.positions().get(i).quantity();
            out.add(new PositionRisk(book.positions().get(i).id(), cVar, cEs, q == 0 ? 0 : cVar / q,
                    total.var() - without));
        }
        boolean gamma = false;
        for (double x : g) {
            gamma |= x != 0;
        }
        if (gamma) {
            warnings.add("parametric: delta-gamma with a Cornish-Fisher quantile (skewness "
                    + String.format(java.util.Locale.ROOT, "%.3f", total.skewness()) + ", excess kurtosis "
                    + String.format(java.util.Locale.ROOT, "%.3f", total.excessKurtosis()) + ")");
        }
        return new RiskResult(p, total.var(), total.es(), f, out, null, null, total, warnings);
    }

    private RiskResult simulate(Portfolio book, MarketSnapshot market, RiskFactors f, RiskParameters p,
                                RiskProgress progress, List<String> warnings, boolean attribution) {
        ScenarioSet set = cache.scenarios(f, p, market.daysPerYear());
        ScenarioSet.Scaling scaling = Scalings.of(f, p, market.daysPerYear());
        return simulateOn(book, market, f, p, set, scaling, progress, warnings, attribution);
    }

    /**
     * VaR and ES by full revaluation under a given scenario set (for example one read from a file,
     * as the benchmark does), with the same revaluation, tail measure and attribution as
     * {@link #compute}. The set's columns must be the factors' assets.
     */
    public RiskResult computeOn(Portfolio book, MarketSnapshot market, RiskFactors factors, RiskParameters params,
                                ScenarioSet set, ScenarioSet.Scaling scaling, RiskProgress progress,
                                boolean attribution) {
        if (!set.assets().equals(factors.assets())) {
            throw new IllegalArgumentException("scenario columns " + set.assets() + " are not the factors "
                    + factors.assets());
        }
        return simulateOn(book, market, factors, params, set, scaling, progress, new ArrayList<>(factors.warnings()),
                attribution);
    }

    private RiskResult simulateOn(Portfolio book, MarketSnapshot market, RiskFactors f, RiskParameters p,
                                  ScenarioSet set, ScenarioSet.Scaling scaling, RiskProgress progress,
                                  List<String> warnings, boolean attribution) {
        Revaluation reval = new Revaluation(book, market, f.assets(), p.horizonDays());
        Revaluation.Moves moves = reval.moves(set, scaling);
        int m = set.count();
        double[] pnl = new double[m];
        int chunks = (m + CHUNK - 1) / CHUNK;
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, chunks).parallel().forEach(c -> {
            if (progress.cancelled()) {
                throw new CancellationException("risk run cancelled");
            }
            int from = c * CHUNK;
            int to = Math.min(m, from + CHUNK);
            double[] part = new double[to - from];
            reval.bookPnl(moves, from, to, part);
            System.arraycopy(part, 0, pnl, from, part.length);
            progress.update(0.7 * done.incrementAndGet() / chunks);
        });
        TailMeasure tail = attribution ? TailMeasure.of(pnl, p.confidence()) : TailMeasure.totals(pnl, p.confidence());
        List<PositionRisk> positions = attribution
                ? Attribution.simulated(book, reval, moves, pnl, tail, p.confidence(), progress)
                : List.of();
        progress.update(1.0);
        if (set.count() < 1000) {
            warnings.add(set.count() + " scenarios: the " + p.confidence() + " tail has only " + tail.k()
                    + " of them");
        }
        if (flat(set, scaling)) {
            // a degenerate history (constant prices): no scenario moves a price, the spread of the P&L is
            // nothing but the horizon's carry; no risk, never a negative one
            warnings.add("no scenario moves any price (a constant-price history?): VaR and ES are 0");
            List<PositionRisk> zero = positions.stream().map(r -> new PositionRisk(r.id(), 0, 0, 0, 0)).toList();
            return new RiskResult(p, 0, 0, f, zero, pnl, set, null, warnings);
        }
        return new RiskResult(p, tail.var(), tail.es(), f, positions, pnl, set, null, warnings);
    }

    /** True when every scenario leaves every price and vol where it is. */
    static boolean flat(ScenarioSet set, ScenarioSet.Scaling scaling) {
        for (double x : set.base()) {
            if (x != 0) {
                return false;
            }
        }
        if (set.volShiftBase() != null) {
            for (double x : set.volShiftBase()) {
                if (x != 0) {
                    return false;
                }
            }
        }
        if (scaling != null && scaling.drift() != null) {
            for (double x : scaling.drift()) {
                if (x != 0) {
                    return false;
                }
            }
        }
        return set.count() > 0;
    }

    /**
     * The P&L of each position in every scenario of the method's set, {@code [position][scenario]}, by
     * the same full revaluation as {@link #compute}. A parametric run has no scenarios: it is sampled
     * by Monte Carlo with normal returns on the same factors (the parameters' count and seed). For
     * measures conditional on the book's tail, such as the wrong-way haircut of collateral.
     */
    public double[][] positionPnls(Portfolio book, MarketSnapshot market, RiskFactors f, RiskParameters p) {
        RiskParameters q = p.method() == RiskMethod.PARAMETRIC
                ? p.withMethod(RiskMethod.MONTECARLO).withStudentDof(0).withVolOfVol(0) : p;
        ScenarioSet set = cache.scenarios(f, q, market.daysPerYear());
        Revaluation reval = new Revaluation(book, market, f.assets(), q.horizonDays());
        Revaluation.Moves moves = reval.moves(set, Scalings.of(f, q, market.daysPerYear()));
        double[][] out = new double[book.size()][set.count()];
        IntStream.range(0, book.size()).parallel().forEach(i -> reval.positionPnl(i, moves, out[i]));
        return out;
    }

    public ScenarioCache cache() {
        return cache;
    }
}
