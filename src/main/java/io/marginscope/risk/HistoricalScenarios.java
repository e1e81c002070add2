package io.marginscope.risk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Historical and filtered historical scenarios from daily log returns.
 * <p>
 * Historical: each overlapping h-day window of the series gives one scenario, the sum of its h
 * daily log returns (log returns add over time). Filtered (FHS, Barone-Adesi et al. 1999): each
 * daily return is first devolatilised by the model's conditional vol of its own date, r_t / sigma_t;
 * the unit sums are then scaled by today's daily vol, so the set is reused when the vol changes.
 */
public final class HistoricalScenarios {

    private HistoricalScenarios() {
    }

    /**
     * @param returns  [asset][t] daily log returns, aligned on common dates; an asset without
     *                 history has a null row and gets the fallback
     * @param fallback per asset, h-day normal draws for assets without history (null rows of returns)
     */
    public static ScenarioSet historical(List<String> assets, List<LocalDate> dates, double[][] returns,
                                         int horizonDays, double[][] fallback) {
        return build(assets, dates, returns, null, horizonDays, fallback, "historical");
    }

    /**
     * @param condVols [asset][t] the model's daily conditional vol of each return (known before t)
     */
    public static ScenarioSet filtered(List<String> assets, List<LocalDate> dates, double[][] returns,
                                       double[][] condVols, int horizonDays, double[][] fallback) {
        return build(assets, dates, returns, condVols, horizonDays, fallback, "filtered historical");
    }

    /** Number of overlapping h-day windows in t returns. */
    public static int windows(int t, int horizonDays) {
        return Math.max(0, t - horizonDays + 1);
    }

    private static ScenarioSet build(List<String> assets, List<LocalDate> dates, double[][] returns,
                                     double[][] condVols, int h, double[][] fallback, String kind) {
        int na = assets.size();
        int t = dates.size();
        int count = windows(t, h);
        if (count < 1) {
            throw new IllegalArgumentException("the window has " + t + " returns, fewer than the horizon " + h);
        }
        double[] base = new double[count * na];
        List<LocalDate> labels = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            labels.add(dates.get(s + h - 1));
        }
        for (int a = 0; a < na; a++) {
            double[] r = returns[a];
            double[] sig = condVols == null ? null : condVols[a];
            for (int s = 0; s < count; s++) {
                if (r == null) {
                    base[s * na + a] = fallback[a][s];
                    continue;
                }
                double x = 0;
                for (int j = s; j < s + h; j++) {
                    // a zero conditional vol (a constant price) has a zero standardised return, not 0/0
                    x += sig == null ? r[j] : sig[j] > 0 ? r[j] / sig[j] : 0;
                }
                base[s * na + a] = x;
            }
        }
        return new ScenarioSet(assets, count, base, null, labels,
                kind + ", " + count + " overlapping " + h + "-day windows " + dates.get(0) + " to " + dates.get(t - 1));
    }
}
