package io.marginscope.risk;

/**
 * RiskMetrics exponentially weighted vol of daily log returns, zero mean:
 * {@code sigma2[t+1] = lambda * sigma2[t] + (1 - lambda) * r[t]^2}.
 *
 * <p>Seed: {@code sigma2[0]} is the sample variance (mean subtracted, divided by m - 1) of the
 * first {@code m = min(30, n)} returns, or {@code r[0]^2} when n = 1. The seed is the only place
 * where later returns enter an earlier variance; its weight decays as lambda^t (0.94^100 ≈ 0.002).
 *
 * <p>Forecast: {@code sigma2[n]}, which includes the latest return, annualised
 * {@code sqrt(sigma2[n] * daysPerYear)}; flat over the horizon (EWMA has no mean reversion: every
 * future daily variance has the same expectation). Conditional vols: {@code sigma[t] =
 * sqrt(sigma2[t])}, from returns before t (and the seed). Daily units.
 *
 * @param lambda decay, 0 < lambda < 1 (RiskMetrics daily: 0.94)
 */
public record EwmaVol(double lambda) implements VolatilityModel {

    /** RiskMetrics' daily decay. */
    public static final double RISKMETRICS_LAMBDA = 0.94;
    /** Number of leading returns whose sample variance seeds the recursion. */
    public static final int SEED_RETURNS = 30;

    public EwmaVol {
        if (!(lambda > 0 && lambda < 1)) {
            throw new IllegalArgumentException("EWMA lambda must be in (0, 1), got " + lambda);
        }
    }

    public EwmaVol() {
        this(RISKMETRICS_LAMBDA);
    }

    @Override
    public String name() {
        return "ewma";
    }

    /** sigma2[0] as documented: the sample variance of the first min(30, n) returns, r[0]^2 when n = 1. */
    public static double seedVariance(double[] r) {
        int m = Math.min(SEED_RETURNS, r.length);
        return m == 1 ? r[0] * r[0] : ReturnStats.sampleVariance(r, 0, m);
    }

    /** The daily variances sigma2[0..n] (length n + 1); sigma2[n] is the next-day forecast. */
    public double[] variances(double[] dailyReturns) {
        ReturnStats.check(dailyReturns, 1, "EWMA");
        double[] r = dailyReturns;
        double[] s2 = new double[r.length + 1];
        s2[0] = seedVariance(r);
        for (int t = 0; t < r.length; t++) {
            s2[t + 1] = lambda * s2[t] + (1 - lambda) * r[t] * r[t];
        }
        return s2;
    }

    /** The next-day daily variance sigma2[n]. */
    public double nextVariance(double[] dailyReturns) {
        double[] s2 = variances(dailyReturns);
        return s2[s2.length - 1];
    }

    @Override
    public double forecastAnnualVol(double[] dailyReturns, int horizonDays, double daysPerYear) {
        ReturnStats.checkHorizon(horizonDays, daysPerYear);
        return Math.sqrt(nextVariance(dailyReturns) * daysPerYear);
    }

    @Override
    public double[] conditionalDailyVols(double[] dailyReturns) {
        double[] s2 = variances(dailyReturns);
        double[] sigma = new double[dailyReturns.length];
        for (int t = 0; t < sigma.length; t++) {
            sigma[t] = Math.sqrt(s2[t]);
        }
        return sigma;
    }
}
