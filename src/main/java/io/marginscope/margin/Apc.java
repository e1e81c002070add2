package io.marginscope.margin;

import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.risk.FactorModel;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskEngine;
import io.marginscope.risk.RiskFactors;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.RiskProgress;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Anti-procyclicality tools of EMIR RTS 153/2013 art. 28, on the base measure M:
 * <ol>
 *   <li>stressed observations weighted w (>= 25%): M1 = (1 - w) M + w M_stressed, where M_stressed is
 *       the measure by historical simulation over the most stressed window of the lookback (the
 *       window, of the policy's length, stepped by {@value #STEP_DAYS} days, with the largest measure);</li>
 *   <li>a floor at the measure over the whole lookback (historical simulation over L years):
 *       M2 = max(M1, M_lookback);</li>
 *   <li>a buffer b released in stress: M3 = M2 (1 + b) while M < M_stressed; when the current measure
 *       reaches the stressed one the buffer is released (M3 = M2), so margin does not jump in a crisis.</li>
 * </ol>
 * The stressed and lookback measures use the same horizon, confidence and measure as the base.
 */
final class Apc {

    static final int STEP_DAYS = 25;

    /** The stressed and the lookback measures (before the multiplier), NaN when off. */
    record Levels(double stressed, double lookbackFloor) {
    }

    private Apc() {
    }

    static Levels levels(Portfolio book, MarketSnapshot market, Loaded<PriceHistory> history,
                         RiskParameters base, Policy.Base policy, List<String> warnings) {
        Policy.Apc apc = policy.apc();
        int lookbackDays = (int) Math.round(Math.max(apc.lookbackFloorYears(), 1) * 365);
        RiskParameters hs = base.withMethod(RiskMethod.HISTORICAL).withWindow(lookbackDays);
        RiskFactors all = FactorModel.build(book, market, history, hs);
        RiskFactors.FactorHistory fh = all.history();
        int n = fh.dates().size();
        if (n < lookbackDays) {
            warnings.add("anti-procyclicality: the history has " + n + " common returns, fewer than the "
                    + lookbackDays + "-day lookback");
        }
        boolean es = policy.measure() == Policy.Measure.ES;
        double lookback = apc.lookbackFloorYears() > 0
                ? measure(book, market, all, hs, es) : Double.NaN;
        double stressed = Double.NaN;
        int w = Math.min(policy.windowDays(), n);
        for (int from = 0; from + w <= n; from += STEP_DAYS) {
            double[][] r = new double[fh.returns().length][];
            for (int a = 0; a < r.length; a++) {
                r[a] = fh.returns()[a] == null ? null : Arrays.copyOfRange(fh.returns()[a], from, from + w);
            }
            RiskFactors window = new RiskFactors(all.assets(), all.vols(), all.correlation(),
                    new RiskFactors.FactorHistory(fh.dates().subList(from, from + w), r, null,
                            fh.identity() + "#" + from), List.of());
            double m = measure(book, market, window, hs.withWindow(w), es);
            stressed = Double.isNaN(stressed) ? m : Math.max(stressed, m);
        }
        return new Levels(stressed, lookback);
    }

    /** A fresh engine per window: each window is its own scenario set, none worth caching. */
    private static double measure(Portfolio book, MarketSnapshot market, RiskFactors f, RiskParameters p, boolean es) {
        var r = new RiskEngine().computeTotals(book, market, f, p, RiskProgress.NONE);
        return es ? r.es() : r.var();
    }

    /** The base after the tools and the steps taken (a step not taken is NaN). */
    record Applied(double base, MarginComponents.ApcSteps steps) {
    }

    /** Applies the tools to the current base M (all after the policy's multiplier); records the steps. */
    static Applied apply(double current, Policy.Apc apc, double stressed, double lookbackFloor) {
        double m = current;
        double stressedUsed = Double.NaN;
        double floorUsed = Double.NaN;
        double bufferUsed = Double.NaN;
        if (apc.stressedWeight() > 0 && !Double.isNaN(stressed)) {
            m = (1 - apc.stressedWeight()) * m + apc.stressedWeight() * stressed;
            stressedUsed = stressed;
        }
        if (apc.lookbackFloorYears() > 0 && !Double.isNaN(lookbackFloor)) {
            m = Math.max(m, lookbackFloor);
            floorUsed = lookbackFloor;
        }
        if (apc.buffer() > 0) {
            boolean inStress = !Double.isNaN(stressed) && current >= stressed;
            double buffer = inStress ? 0 : apc.buffer() * m;
            bufferUsed = buffer;
            m += buffer;
        }
        return new Applied(m, new MarginComponents.ApcSteps(current, stressedUsed, floorUsed, bufferUsed));
    }
}
