package io.marginscope.risk;

import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the risk factors of a book (see docs/methodology.md, "Volatility and correlation"):
 * <ul>
 *   <li>vols from the chosen model: the snapshot's vol, or historical / EWMA / GARCH estimated on the
 *       daily log returns up to the snapshot's date; an asset the history lacks keeps its snapshot vol
 *       and zero correlation, with a warning;</li>
 *   <li>correlation: the snapshot's pair when it gives one, else estimated on the same data (EWMA
 *       with the EWMA model, the sample correlation of the window otherwise), else 0; a matrix that is
 *       not positive semi-definite is repaired to the nearest correlation matrix, with a warning;</li>
 *   <li>for historical methods, the window's returns; for FHS also the conditional vols of the filter
 *       (GARCH with the GARCH model, EWMA otherwise), estimated on the whole history up to the date.</li>
 * </ul>
 */
public final class FactorModel {

    private FactorModel() {
    }

    public static RiskFactors build(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history,
                                    RiskParameters p) {
        List<String> assets = List.copyOf(book.underlyings());
        int n = assets.size();
        List<String> warnings = new ArrayList<>();
        double dpy = market.daysPerYear();
        double[] vols = new double[n];
        for (int a = 0; a < n; a++) {
            vols[a] = market.asset(assets.get(a)).vol();
        }
        if (history == null) {
            if (p.method().needsHistory() || VolModels.isEstimated(p.volModel())) {
                throw new IllegalArgumentException(p.method().cliName() + " with vol model " + p.volModel()
                        + " needs a price history");
            }
            return new RiskFactors(assets, vols, correlation(assets, market, null, warnings), null, warnings);
        }
        warnings.addAll(history.warnings());
        PriceHistory ph = history.value();
        List<String> inHistory = new ArrayList<>();
        for (String a : assets) {
            if (ph.has(a)) {
                inHistory.add(a);
            } else if (market.asset(a).vol() > 0 || p.method().needsHistory()) {
                warnings.add(a + ": not in the price history; its snapshot vol " + market.asset(a).vol()
                        + " and zero correlation are used");
            }
        }
        if (inHistory.isEmpty()) {
            throw new IllegalArgumentException("the price history has none of the book's assets " + assets);
        }
        LocalDate asOf = LocalDate.ofInstant(market.asOf(), ZoneOffset.UTC);
        AlignedReturns aligned = ph.returnsUpTo(inHistory, asOf);
        warnings.addAll(aligned.warnings());
        ReturnSeries all = aligned.returns();
        if (all.length() < 2) {
            throw new IllegalArgumentException("the price history has fewer than 2 common returns before " + asOf);
        }
        ReturnSeries window = all.last(p.windowDays());
        if (window.length() < p.windowDays()) {
            warnings.add("the window has " + window.length() + " common daily returns, fewer than the "
                    + p.windowDays() + " asked");
        }

        if (VolModels.isEstimated(p.volModel())) {
            VolatilityModel model = VolModels.of(p.volModel(), p.ewmaLambda(), p.windowDays());
            for (int a = 0; a < n; a++) {
                int h = all.indexOf(assets.get(a));
                if (h < 0) {
                    continue;
                }
                VolForecast f = model.estimate(all.returns()[h], p.horizonDays(), dpy);
                vols[a] = f.annualVol();
                for (String w : f.warnings()) {
                    warnings.add(assets.get(a) + ": " + w);
                }
            }
        }

        double[][] corr = correlation(assets, market, estimated(all, p), warnings);

        RiskFactors.FactorHistory fh = null;
        if (p.method().needsHistory()) {
            VolatilityModel filter = p.volModel().equals(VolModels.GARCH)
                    ? VolModels.of(VolModels.GARCH, p.ewmaLambda(), p.windowDays())
                    : new EwmaVol(p.ewmaLambda());
            int from = all.length() - window.length();
            double[][] returns = new double[n][];
            double[][] condVols = new double[n][];
            for (int a = 0; a < n; a++) {
                int h = all.indexOf(assets.get(a));
                if (h < 0) {
                    continue;
                }
                returns[a] = window.returns()[h];
                if (p.method() == RiskMethod.FHS) {
                    double[] cv = filter.conditionalDailyVols(all.returns()[h]);
                    condVols[a] = java.util.Arrays.copyOfRange(cv, from, all.length());
                }
            }
            String id = String.join(",", inHistory) + "@" + window.dates().get(0) + ".." + window.dates()
                    .get(window.length() - 1) + "/" + all.length() + (p.method() == RiskMethod.FHS
                    ? "/" + filter.name() + p.ewmaLambda() : "");
            fh = new RiskFactors.FactorHistory(window.dates(), returns, condVols, id);
        }
        return new RiskFactors(assets, vols, corr, fh, warnings);
    }

    /**
     * The correlation matrix {@link #build} gives the book with the same inputs, and whether it was
     * repaired: the snapshot's pair where given, else the estimate on the price history (EWMA with
     * the EWMA vol model, else the sample correlation of the window), else 0; the nearest
     * correlation matrix when that is not positive semi-definite. Fails as {@link #build} does when
     * the history has none of the book's assets or fewer than 2 common returns.
     */
    public static Correlations.BookCorrelation correlation(Portfolio book, MarketSnapshot market,
                                                           Loaded<PriceHistory> history, RiskParameters p) {
        List<String> assets = List.copyOf(book.underlyings());
        if (history == null) {
            return Correlations.forBook(assets, market.correlations(), null);
        }
        PriceHistory ph = history.value();
        List<String> inHistory = assets.stream().filter(ph::has).toList();
        if (inHistory.isEmpty()) {
            throw new IllegalArgumentException("the price history has none of the book's assets " + assets);
        }
        LocalDate asOf = LocalDate.ofInstant(market.asOf(), ZoneOffset.UTC);
        ReturnSeries all = ph.returnsUpTo(inHistory, asOf).returns();
        if (all.length() < 2) {
            throw new IllegalArgumentException("the price history has fewer than 2 common returns before " + asOf);
        }
        return Correlations.forBook(assets, market.correlations(), estimated(all, p));
    }

    /** EWMA correlation of all the returns with the EWMA vol model, else the sample correlation of the window. */
    private static CorrelationMatrix estimated(ReturnSeries all, RiskParameters p) {
        return p.volModel().equals(VolModels.EWMA)
                ? Correlations.ewma(all, p.ewmaLambda())
                : Correlations.sample(all.last(p.windowDays()));
    }

    /** The snapshot's pairs where given, else the estimate (if any), else 0; repaired when not PSD. */
    private static double[][] correlation(List<String> assets, MarketSnapshot market, CorrelationMatrix estimated,
                                          List<String> warnings) {
        Correlations.BookCorrelation c = Correlations.forBook(assets, market.correlations(), estimated);
        warnings.addAll(c.warnings());
        return c.matrix().values();
    }
}
