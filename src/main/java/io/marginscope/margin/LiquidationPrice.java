package io.marginscope.margin;

import io.marginscope.model.MarketSnapshot;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Liquidation price per underlying: the spot of that asset, the others fixed, at which the
 * adjusted equity equals the maintenance margin under the policy (everything re-evaluated at that
 * spot: value, risk, stress, brackets at the liquidation price, add-ons, haircuts). The nearest
 * root to today's spot is searched on a ladder of spot moves (-98% .. x10) and refined by Brent's
 * method to 1e-9 relative; none on the ladder means none (price NaN, JSON null). A book already
 * below its maintenance margin is breached: its liquidation price is today's spot, distance 0.
 *
 * @param price       USD, NaN when there is none
 * @param distancePct (price / spot - 1) * 100, signed
 * @param breached    the adjusted equity is already below MM at today's spot
 */
public record LiquidationPrice(double price, double distancePct, boolean breached) {

    static final double[] LADDER = {0.99, 0.98, 0.96, 0.94, 0.92, 0.9, 0.87, 0.84, 0.8, 0.75, 0.7, 0.65, 0.6, 0.5,
            0.4, 0.3, 0.2, 0.1, 0.05, 0.02, 1.01, 1.02, 1.04, 1.06, 1.08, 1.1, 1.13, 1.16, 1.2, 1.25, 1.3, 1.4, 1.5,
            1.75, 2, 2.5, 3, 4, 5, 7, 10};

    public static LiquidationPrice none() {
        return new LiquidationPrice(Double.NaN, Double.NaN, false);
    }

    public boolean exists() {
        return !Double.isNaN(price);
    }

    /** For each underlying of the book with a non-zero vol. */
    public static Map<String, LiquidationPrice> solve(MarginCalculator.Prepared prepared, MarketSnapshot market) {
        Map<String, LiquidationPrice> out = new LinkedHashMap<>();
        for (String asset : prepared.book().underlyings()) {
            if (market.asset(asset).vol() == 0) {
                continue;
            }
            out.put(asset, solve(prepared, market, asset));
        }
        return out;
    }

    public static LiquidationPrice solve(MarginCalculator.Prepared prepared, MarketSnapshot market, String asset) {
        double s0 = market.asset(asset).spot();
        double g0 = excess(prepared, market, asset, s0);
        if (Double.isNaN(g0)) {
            return none(); // the policy does not cover the book: no margin, so no liquidation price
        }
        if (g0 <= 0) {
            return new LiquidationPrice(s0, 0, true);
        }
        double best = Double.NaN;
        // walk down, then up, each from today's spot; keep the nearest sign change
        for (int dir = 0; dir < 2; dir++) {
            final boolean down = dir == 0;
            double[] spots = java.util.Arrays.stream(LADDER).filter(k -> down == (k < 1)).map(k -> s0 * k).toArray();
            double root = firstCrossing(s -> excess(prepared, market, asset, s), s0, g0, spots,
                    (f, lo, hi) -> refine(prepared, market, asset, lo, hi));
            if (!Double.isNaN(root) && (Double.isNaN(best) || Math.abs(root - s0) < Math.abs(best - s0))) {
                best = root;
            }
        }
        return Double.isNaN(best) ? none() : new LiquidationPrice(best, (best / s0 - 1) * 100, false);
    }

    /** Refines a bracket [lo, hi] (lo < hi) across which f changes sign to a root of f. */
    @FunctionalInterface
    public interface Refiner {
        double refine(DoubleUnaryOperator f, double lo, double hi);
    }

    /**
     * The first sign change of f on a walk from x0 (where f is f0) through the points in the order
     * given, refined between the last two points; NaN when f keeps the sign of f0 at every point or is
     * NaN at a point before any change (the walk ends where f is not computed). No
     * monotonicity is assumed: the walk stops at the first change, so a later one (f back across zero
     * between two points) is never skipped to, while two changes between neighbouring points are not
     * seen: the points set the resolution. The liquidation price walks a ladder of spots; the
     * liquidation surface a finer one of relative moves.
     */
    public static double firstCrossing(DoubleUnaryOperator f, double x0, double f0, double[] points, Refiner refiner) {
        double prevX = x0;
        double prevF = f0;
        for (double x : points) {
            double fx = f.applyAsDouble(x);
            if (Double.isNaN(fx)) {
                return Double.NaN; // not computed there (e.g. a notional past the last tier): the walk ends
            }
            if (Math.signum(fx) != Math.signum(prevF)) {
                return refiner.refine(f, Math.min(prevX, x), Math.max(prevX, x));
            }
            prevX = x;
            prevF = fx;
        }
        return Double.NaN;
    }

    private static double refine(MarginCalculator.Prepared p, MarketSnapshot m, String asset, double lo, double hi) {
        // (relative accuracy, absolute accuracy): the root to about 1e-9 of the price
        BrentSolver solver = new BrentSolver(1e-12, 1e-9 * hi);
        return solver.solve(200, s -> excess(p, m, asset, s), lo, hi);
    }

    /** Adjusted equity minus MM with the asset at spot s. */
    static double excess(MarginCalculator.Prepared p, MarketSnapshot m, String asset, double s) {
        return p.at(m.withAsset(asset, m.asset(asset).withSpot(s))).excessOverMaintenance();
    }
}
