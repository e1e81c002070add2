package io.marginscope.risk;

/**
 * Historical (equally weighted) vol over a rolling window of daily log returns.
 *
 * <p>Forecast: {@code s = sqrt(sum (r_i - mean)^2 / (m - 1))} over the last
 * {@code m = min(windowDays, n)} returns (sample standard deviation, mean subtracted), annualised
 * {@code s * sqrt(daysPerYear)}. The forecast is flat over the horizon: the model has no term
 * structure, so the horizon does not change the annualised vol.
 *
 * <p>Conditional vols: {@code sigma[t]} is the sample standard deviation of
 * {@code r[max(0, t - windowDays), t)}, i.e. of the up to {@code windowDays} returns before t.
 * For t = 0 and t = 1 there are fewer than 2 earlier returns; they take the first available
 * estimate, {@code sigma[2]} (the standard deviation of r[0] and r[1]) — a look-ahead of at most
 * two returns at the very start of the series. Daily units (not annualised).
 *
 * @param windowDays number of most recent returns used, at least 2
 */
public record HistoricalVol(int windowDays) implements VolatilityModel {

    public HistoricalVol {
        if (windowDays < 2) {
            throw new IllegalArgumentException("the window needs at least 2 returns, got " + windowDays);
        }
    }

    @Override
    public String name() {
        return "historical";
    }

    /** The daily sample standard deviation of the last windowDays returns. */
    public double dailyVol(double[] dailyReturns) {
        ReturnStats.check(dailyReturns, 2, "historical vol");
        int n = dailyReturns.length;
        return Math.sqrt(ReturnStats.sampleVariance(dailyReturns, Math.max(0, n - windowDays), n));
    }

    @Override
    public double forecastAnnualVol(double[] dailyReturns, int horizonDays, double daysPerYear) {
        ReturnStats.checkHorizon(horizonDays, daysPerYear);
        return dailyVol(dailyReturns) * Math.sqrt(daysPerYear);
    }

    /**
     * Rolling sums of (r - k) and (r - k)^2, shifted by k = the mean of the first window (the
     * shifted-data algorithm, which keeps the sums small and the difference exact enough): O(n).
     */
    @Override
    public double[] conditionalDailyVols(double[] dailyReturns) {
        ReturnStats.check(dailyReturns, 2, "historical vol");
        double[] r = dailyReturns;
        int n = r.length;
        double k = 0;
        int first = Math.min(n, windowDays);
        for (int i = 0; i < first; i++) {
            k += r[i];
        }
        k /= first;
        double[] sigma = new double[n];
        double s1 = 0;
        double s2 = 0;
        // after processing return t-1, the window is r[max(0, t - w), t)
        for (int t = 1; t <= n; t++) {
            double add = r[t - 1] - k;
            s1 += add;
            s2 += add * add;
            if (t - windowDays - 1 >= 0) {
                double drop = r[t - windowDays - 1] - k;
                s1 -= drop;
                s2 -= drop * drop;
            }
            int m = Math.min(t, windowDays);
            if (t < n && m >= 2) {
                sigma[t] = Math.sqrt(Math.max(0, (s2 - s1 * s1 / m) / (m - 1)));
            }
        }
        double early = Math.sqrt(ReturnStats.sampleVariance(r, 0, 2));
        sigma[0] = early;
        sigma[1] = early;
        return sigma;
    }
}
