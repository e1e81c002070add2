package io.marginscope.backtest;

import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.AlignedReturns;
import io.marginscope.risk.CorrelationMatrix;
import io.marginscope.risk.Correlations;
import io.marginscope.risk.EwmaVol;
import io.marginscope.risk.GarchFit;
import io.marginscope.risk.GarchVol;
import io.marginscope.risk.HistoricalVol;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.ReturnSeries;
import io.marginscope.risk.Revaluation;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskFactors;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;
import io.marginscope.risk.RiskResult;
import io.marginscope.risk.ScenarioSet;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Rolling backtest of the margin model on the book as held today (see docs/methodology.md,
 * "Backtesting"). For each test date t after the first window, stepping by the horizon h
 * (non-overlapping periods):
 * <ul>
 *   <li>VaR_t and ES_t by the chosen method and vol model from returns before t only: the vol
 *       forecast from the model's conditional variance at t (GARCH refitted every
 *       {@value #GARCH_REFIT_DAYS} days on the data before the block), the correlation of the
 *       window [t - W, t), historical scenarios from the same window;</li>
 *   <li>the realised P&L: today's book revalued (full revaluation, time passing by h) under the
 *       actual h-day log returns from t to t + h - 1, applied to today's spots — a hypothetical
 *       P&L that isolates the model from changes in the book.</li>
 * </ul>
 * Assets of zero vol missing from the history (stablecoins) have zero return; any other asset the
 * history lacks makes the backtest impossible and is an error.
 */
public final class RollingBacktest {

    public static final int GARCH_REFIT_DAYS = 250;

    /** The per-date series and the statistics. */
    public record Result(BacktestSeries series, BacktestReport report, RiskParameters parameters,
                         List<String> warnings) {
    }

    private RollingBacktest() {
    }

    public static Result run(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history,
                             RiskParameters p, EsSimulation sim, RiskProgress progress) {
        List<String> assets = List.copyOf(book.underlyings());
        int na = assets.size();
        List<String> warnings = new ArrayList<>(history.warnings());
        List<String> inHistory = new ArrayList<>();
        for (String a : assets) {
            if (history.value().has(a)) {
                inHistory.add(a);
            } else if (market.asset(a).vol() > 0) {
                throw new IllegalArgumentException("the price history lacks " + a
                        + ": its realised P&L cannot be backtested");
            } else {
                warnings.add(a + ": not in the history; zero vol, so zero return");
            }
        }
        if (inHistory.isEmpty()) {
            throw new IllegalArgumentException("the price history has none of the book's assets " + assets);
        }
        LocalDate asOf = LocalDate.ofInstant(market.asOf(), ZoneOffset.UTC);
        AlignedReturns aligned = history.value().returnsUpTo(inHistory, asOf);
        warnings.addAll(aligned.warnings());
        ReturnSeries all = aligned.returns();
        int n = all.length();
        int w = p.windowDays();
        int h = p.horizonDays();
        if (n < w + h) {
            throw new IllegalArgumentException("the history has " + n + " common returns, fewer than the window "
                    + w + " plus the horizon " + h);
        }
        double dpy = market.daysPerYear();
        int[] rowOf = new int[na];
        for (int a = 0; a < na; a++) {
            rowOf[a] = all.indexOf(assets.get(a));
        }
        VolPath[] paths = new VolPath[na];
        for (int a = 0; a < na; a++) {
            if (rowOf[a] >= 0) {
                paths[a] = volPath(p, all.returns()[rowOf[a]], w, warnings, assets.get(a));
            }
        }

        Revaluation reval = new Revaluation(book, market, assets, h);
        RiskEngine engine = new RiskEngine();
        List<LocalDate> dates = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        int steps = (n - w) / h;
        int done = 0;
        for (int t = w; t + h <= n; t += h) {
            if (progress.cancelled()) {
                throw new CancellationException("backtest cancelled");
            }
            RiskFactors f = factors(assets, rowOf, all, paths, t, p, market, dpy);
            RiskResult r = engine.compute(book, market, f, p, RiskProgress.NONE);
            double[] base = new double[na];
            for (int a = 0; a < na; a++) {
                if (rowOf[a] >= 0) {
                    for (int j = t; j < t + h; j++) {
                        base[a] += all.returns()[rowOf[a]][j];
                    }
                }
            }
            ScenarioSet realised = new ScenarioSet(assets, 1, base, null, List.of(), "realised");
            double[] pnl = new double[1];
            reval.bookPnl(realised, ScenarioSet.Scaling.identity(na), 0, 1, pnl);
            dates.add(all.dates().get(t + h - 1));
            rows.add(new double[] {pnl[0], r.var(), r.es()});
            progress.update(++done / (double) steps);
        }
        double[] pnl = rows.stream().mapToDouble(x -> x[0]).toArray();
        double[] var = rows.stream().mapToDouble(x -> x[1]).toArray();
        double[] es = rows.stream().mapToDouble(x -> x[2]).toArray();
        BacktestSeries series = new BacktestSeries(dates, pnl, var, es);
        return new Result(series, BacktestReport.of(series, p.confidence(), sim), p, warnings);
    }

    /**
     * Per return index t, from returns before t only: {@code forecast[t]} the average daily variance
     * forecast over the horizon by the vol model (NaN for snapshot: the snapshot vol is used) and
     * {@code filter[t]} the one-day conditional variance that devolatilises return t for FHS (EWMA
     * unless the model is GARCH).
     */
    record VolPath(double[] forecast, double[] filter) {
    }

    static VolPath volPath(RiskParameters p, double[] r, int window, List<String> warnings, String asset) {
        int n = r.length;
        int h = p.horizonDays();
        double[] ewma = new EwmaVol(p.ewmaLambda()).variances(r);
        double[] forecast = new double[n + 1];
        switch (p.volModel()) {
            case "ewma" -> System.arraycopy(ewma, 0, forecast, 0, n + 1);
            case "historical" -> {
                double[] sig = new HistoricalVol(window).conditionalDailyVols(r);
                for (int t = 0; t < n; t++) {
                    forecast[t] = sig[t] * sig[t];
                }
                forecast[n] = forecast[n - 1];
            }
            case "garch" -> {
                double[] oneDay = new double[n + 1];
                GarchVol model = new GarchVol();
                int fallbacks = 0;
                for (int t0 = window; t0 <= n; t0 += GARCH_REFIT_DAYS) {
                    int t1 = Math.min(n, t0 + GARCH_REFIT_DAYS - 1);
                    GarchFit fit = model.fit(Arrays.copyOfRange(r, 0, t0));
                    double[] s2 = fit.usable() ? GarchVol.variances(fit, Arrays.copyOfRange(r, 0, t1)) : null;
                    for (int t = t0; t <= t1; t++) {
                        oneDay[t] = s2 != null ? s2[t] : ewma[t];
                        forecast[t] = s2 != null ? GarchVol.horizonVariance(fit, s2[t], h) / h : ewma[t];
                    }
                    fallbacks += fit.usable() ? 0 : 1;
                }
                if (fallbacks > 0) {
                    warnings.add(asset + ": GARCH fit failed in " + fallbacks + " refit block(s); EWMA used there");
                }
                return new VolPath(forecast, oneDay);
            }
            default -> Arrays.fill(forecast, Double.NaN);
        }
        return new VolPath(forecast, ewma);
    }

    private static RiskFactors factors(List<String> assets, int[] rowOf, ReturnSeries all, VolPath[] paths,
                                       int t, RiskParameters p, MarketSnapshot market, double dpy) {
        int na = assets.size();
        int w = p.windowDays();
        ReturnSeries window = all.slice(t - w, t);
        double[] vols = new double[na];
        double[][] returns = new double[na][];
        double[][] condVols = new double[na][];
        for (int a = 0; a < na; a++) {
            vols[a] = market.asset(assets.get(a)).vol();
            if (rowOf[a] < 0) {
                continue;
            }
            VolPath path = paths[a];
            if (!Double.isNaN(path.forecast()[t])) {
                vols[a] = Math.sqrt(path.forecast()[t] * dpy);
            }
            returns[a] = window.returns()[rowOf[a]];
            if (p.method() == RiskMethod.FHS) {
                condVols[a] = new double[w];
                for (int j = 0; j < w; j++) {
                    condVols[a][j] = Math.sqrt(path.filter()[t - w + j]);
                }
            }
        }
        CorrelationMatrix estimated = window.assets().size() > 1 ? Correlations.sample(window) : null;
        double[][] corr = Correlations.forBook(assets, market.correlations(), estimated).matrix().values();
        RiskFactors.FactorHistory fh = p.method().needsHistory()
                ? new RiskFactors.FactorHistory(window.dates(), returns, condVols, "t=" + t) : null;
        return new RiskFactors(assets, vols, corr, fh, List.of());
    }
}
