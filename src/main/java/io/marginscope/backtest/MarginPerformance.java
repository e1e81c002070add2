package io.marginscope.backtest;

import java.time.LocalDate;
import java.util.List;

/**
 * How a margin model behaved over a P&L history: how hard its margin jumped (procyclicality),
 * what the book earned on it, and how far losses went past it. {@code margin[t]} is the margin
 * (or VaR) held for day {@code t}, and {@code pnl[t]} the P&L of that day (losses negative).
 *
 * <pre>
 *   largest increase     max_t (margin[t] - margin[t-1])          and its date t
 *   largest rel increase max_t (margin[t] / margin[t-1] - 1)      over margin[t-1] &gt; 0
 *   return on margin     sum_t pnl[t] / mean_t margin[t]
 *   Sharpe               mean(pnl) / sd(pnl) * sqrt(365)          sd with n - 1
 *   Sortino              mean(pnl) / DD * sqrt(365)               DD = sqrt(sum_t min(pnl[t], 0)^2 / n)
 *   shortfall            -pnl[t] - margin[t] on days pnl[t] &lt; -margin[t]: count, sum and max
 * </pre>
 *
 * Sharpe and Sortino are of the daily P&L itself (USD, scale-free ratios), with no risk-free
 * rate, annualised with sqrt(365) because crypto trades every calendar day. Sortino's downside
 * deviation is the target-0 lower partial moment of order 2 over all days (F. Sortino, L. Price
 * (1994), "Performance measurement in a downside risk framework", Journal of Investing 3(3)).
 * Ratios that do not exist are NaN: Sharpe with fewer than 2 days or a constant P&L, Sortino
 * without a losing day, return on margin with a zero mean margin. The increases are null when
 * the margin never rises (or fewer than 2 days). With no exception the shortfall sum and max are 0.
 *
 * @param days                    n
 * @param totalPnl                sum of pnl
 * @param meanMargin              mean of margin
 * @param returnOnMargin          totalPnl / meanMargin
 * @param sharpe                  annualised Sharpe ratio of daily P&L
 * @param sortino                 annualised Sortino ratio of daily P&L
 * @param largestIncrease         the largest day-over-day margin increase in USD, or null
 * @param largestRelativeIncrease the largest day-over-day relative increase, or null
 * @param shortfallDays           days the loss exceeded the margin
 * @param shortfallSum            sum of the losses beyond the margin on those days, USD
 * @param shortfallMax            the largest of them, USD
 */
public record MarginPerformance(int days, double totalPnl, double meanMargin, double returnOnMargin,
                                double sharpe, double sortino,
                                MarginIncrease largestIncrease, MarginIncrease largestRelativeIncrease,
                                int shortfallDays, double shortfallSum, double shortfallMax) {

    /** Calendar days per year used to annualise daily ratios. */
    public static final double DAYS_PER_YEAR = 365.0;

    /**
     * A day-over-day change of margin.
     *
     * @param date the day the margin rose to {@code to}
     * @param from the margin of the day before
     * @param to   the margin of {@code date}
     */
    public record MarginIncrease(LocalDate date, double from, double to) {

        /** to - from, USD. */
        public double absolute() {
            return to - from;
        }

        /** to / from - 1; NaN when from is 0. */
        public double relative() {
            return from > 0 ? to / from - 1 : Double.NaN;
        }
    }

    /** Measures a margin series against the P&L it covered, day by day. */
    public static MarginPerformance of(List<LocalDate> dates, double[] pnl, double[] margin) {
        int n = pnl.length;
        if (n == 0 || dates.size() != n || margin.length != n) {
            throw new IllegalArgumentException("need one date, pnl and margin per day, at least one day");
        }
        double total = 0;
        double marginSum = 0;
        double downside = 0;
        int shortDays = 0;
        double shortSum = 0;
        double shortMax = 0;
        MarginIncrease abs = null;
        MarginIncrease rel = null;
        for (int t = 0; t < n; t++) {
            if (!Double.isFinite(pnl[t]) || !Double.isFinite(margin[t]) || margin[t] < 0) {
                throw new IllegalArgumentException("pnl must be finite and margin finite and non-negative on "
                        + dates.get(t));
            }
            total += pnl[t];
            marginSum += margin[t];
            double loss = Math.min(pnl[t], 0);
            downside += loss * loss;
            if (pnl[t] < -margin[t]) {
                double shortfall = -pnl[t] - margin[t];
                shortDays++;
                shortSum += shortfall;
                shortMax = Math.max(shortMax, shortfall);
            }
            if (t > 0 && margin[t] > margin[t - 1]) {
                MarginIncrease up = new MarginIncrease(dates.get(t), margin[t - 1], margin[t]);
                if (abs == null || up.absolute() > abs.absolute()) {
                    abs = up;
                }
                if (margin[t - 1] > 0 && (rel == null || up.relative() > rel.relative())) {
                    rel = up;
                }
            }
        }
        double mean = total / n;
        double meanMargin = marginSum / n;
        double annual = Math.sqrt(DAYS_PER_YEAR);
        double sd = sampleSd(pnl, mean);
        double sharpe = sd > 0 ? mean / sd * annual : Double.NaN;
        double dd = Math.sqrt(downside / n);
        double sortino = dd > 0 ? mean / dd * annual : Double.NaN;
        double rom = meanMargin > 0 ? total / meanMargin : Double.NaN;
        return new MarginPerformance(n, total, meanMargin, rom, sharpe, sortino, abs, rel, shortDays, shortSum,
                shortMax);
    }

    /** The same measures on a backtest series, with its VaR as the margin. */
    public static MarginPerformance of(BacktestSeries series) {
        return of(series.dates(), series.pnl(), series.var());
    }

    private static double sampleSd(double[] x, double mean) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }
}
