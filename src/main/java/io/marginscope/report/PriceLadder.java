package io.marginscope.report;

import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginResult;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.pricing.PositionValuation;
import io.marginscope.run.ComputeRun;

import java.util.HashMap;
import java.util.Map;

/**
 * Margin against price for the report: adjusted equity and MM of the book with one underlying's
 * spot moved from {@value #LOW} to {@value #HIGH} of today's (the others fixed), re-evaluating the
 * run's prepared policy at each spot, as the workstation's spot ladder does. The underlying is
 * the one with the largest dollar delta among those with a vol.
 *
 * @param asset       the underlying moved
 * @param spot        today's spot
 * @param spots       the ladder's spots, ascending
 * @param equity      adjusted equity at each spot, USD
 * @param mm          maintenance margin at each spot, USD
 * @param liquidation the run's liquidation price of the asset (null when it has none)
 */
public record PriceLadder(String asset, double spot, double[] spots, double[] equity, double[] mm,
                          LiquidationPrice liquidation) {

    static final double LOW = -0.5;
    static final double HIGH = 0.5;
    static final int RUNGS = 41;

    /** The ladder of the run's main underlying; null without a policy or an underlying with a vol. */
    static PriceLadder of(ComputeRun.Result run) {
        if (run.prepared() == null || run.margin() == null) {
            return null;
        }
        MarketSnapshot m = run.market();
        Map<String, Double> dollarDelta = new HashMap<>();
        for (PositionValuation v : run.valuation().positions()) {
            String u = v.position().underlying();
            if (v.ok() && m.asset(u).vol() > 0) {
                dollarDelta.merge(u, v.delta() * m.asset(u).spot(), Double::sum);
            }
        }
        String asset = dollarDelta.entrySet().stream()
                .max(Map.Entry.comparingByValue((a, b) -> Double.compare(Math.abs(a), Math.abs(b))))
                .map(Map.Entry::getKey).orElse(null);
        if (asset == null) {
            return null;
        }
        double s0 = m.asset(asset).spot();
        double[] spots = new double[RUNGS];
        double[] equity = new double[RUNGS];
        double[] mm = new double[RUNGS];
        for (int i = 0; i < RUNGS; i++) {
            spots[i] = s0 * (1 + LOW + (HIGH - LOW) * i / (RUNGS - 1));
            MarginResult at = run.prepared().at(m.withAsset(asset, m.asset(asset).withSpot(spots[i])));
            equity[i] = at.adjustedEquity();
            mm[i] = at.maintenanceMargin();
        }
        return new PriceLadder(asset, s0, spots, equity, mm, run.liquidation().get(asset));
    }
}
