package io.marginscope.pricing;

import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A book marked to market: every position's value and Greeks, the equity and the Greeks summed
 * per underlying.
 *
 * @param positions    per position, in book order
 * @param equity       sum of the values of the positions that could be valued, USD
 * @param byUnderlying Greeks summed per underlying, in order of first appearance
 * @param errors       one line per position that could not be valued
 */
public record PortfolioValuation(List<PositionValuation> positions, double equity,
                                 Map<String, UnderlyingGreeks> byUnderlying, List<String> errors) {

    /**
     * Net Greeks of one underlying.
     *
     * @param spot     the underlying's spot, USD
     * @param delta    coins
     * @param deltaUsd delta * spot, USD
     * @param gamma    coins per USD
     * @param vega     USD per vol point
     * @param theta    USD per calendar day
     * @param value    sum of the positions' values, USD
     */
    public record UnderlyingGreeks(double spot, double delta, double deltaUsd, double gamma, double vega,
                                   double theta, double value) {
    }

    public PortfolioValuation {
        positions = List.copyOf(positions);
        byUnderlying = Collections.unmodifiableMap(new LinkedHashMap<>(byUnderlying));
        errors = List.copyOf(errors);
    }

    /** Marks every position of the book; one position's failure does not stop the others. */
    public static PortfolioValuation of(Portfolio book, MarketSnapshot market) {
        List<PositionValuation> out = new ArrayList<>(book.size());
        List<String> errors = new ArrayList<>();
        Map<String, double[]> sums = new LinkedHashMap<>();
        double equity = 0.0;
        for (var p : book.positions()) {
            PositionValuation v = PositionPricer.value(p, market);
            out.add(v);
            if (!v.ok()) {
                errors.add(p.id() + ": " + v.error());
                continue;
            }
            equity += v.value();
            double[] acc = sums.computeIfAbsent(p.underlying(), u -> new double[5]);
            acc[0] += v.delta();
            acc[1] += v.gamma();
            acc[2] += v.vega();
            acc[3] += v.theta();
            acc[4] += v.value();
        }
        Map<String, UnderlyingGreeks> byUnderlying = new LinkedHashMap<>();
        sums.forEach((u, a) -> {
            double spot = market.asset(u).spot();
            byUnderlying.put(u, new UnderlyingGreeks(spot, a[0], a[0] * spot, a[1], a[2], a[3], a[4]));
        });
        return new PortfolioValuation(out, equity, byUnderlying, errors);
    }

    public boolean complete() {
        return errors.isEmpty();
    }
}
