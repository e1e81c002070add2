package io.marginscope.margin;

import io.marginscope.model.MarketSnapshot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Liquidation price per underlying: the spot of that asset, the others fixed, at which the
 * adjusted equity equals the maintenance margin under the policy (everything re-evaluated at that
 * spot: value, risk, stress, brackets at the liquidation price, add-ons, haircuts). The nearest
 * crossing to today's spot, down or up, found by {@link LiquidationSolver} (the search the
 * liquidation surface uses too: a ladder of moves from -99% to x10, refined by Brent's method to
 * about 1e-10 of the spot); none on the ladder means none (price NaN, JSON null). A book already
 * below its maintenance margin is breached: its liquidation price is today's spot, distance 0.
 *
 * @param price       USD, NaN when there is none
 * @param distancePct (price / spot - 1) * 100, signed
 * @param breached    the adjusted equity is already below MM at today's spot
 */
public record LiquidationPrice(double price, double distancePct, boolean breached) {

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
        if (g0 <= 0) {
            return new LiquidationPrice(s0, 0, true);
        }
        DoubleUnaryOperator excess = x -> excess(prepared, market, asset, at(s0, x));
        double down = LiquidationSolver.crossing(excess, g0, true);
        double up = LiquidationSolver.crossing(excess, g0, false);
        double best = Double.isNaN(down) || (!Double.isNaN(up) && up < -down) ? up : down;
        return Double.isNaN(best) ? none() : new LiquidationPrice(at(s0, best), best * 100, false);
    }

    /** The spot after a relative move: s0 * (1 + move), as the liquidation surface prices its crossings. */
    public static double at(double s0, double move) {
        return s0 * (1 + move);
    }

    /** Adjusted equity minus MM with the asset at spot s. */
    static double excess(MarginCalculator.Prepared p, MarketSnapshot m, String asset, double s) {
        return p.at(m.withAsset(asset, m.asset(asset).withSpot(s))).excessOverMaintenance();
    }
}
