package io.marginscope.margin;

import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.OrderBook;
import io.marginscope.pricing.PortfolioValuation;

import java.util.List;
import java.util.Map;

/**
 * Liquidity and concentration add-ons on each underlying's net delta (coins), see
 * docs/methodology.md "Margin policies".
 * <ul>
 *   <li>Liquidity, order book: the whole net delta is unwound at once through the snapshot's book,
 *       cost = |q| * |VWAP(q) - mid|, selling through the bids when long; beyond the book's depth the
 *       rest is charged the last level's slippage plus square-root impact on the remainder. Without a
 *       book, or with model "sqrt": cost = k * sigma_daily * sqrt(N / ADV) * N, N = |q| * spot
 *       (square-root impact, Almgren et al. 2005); none without advUsd. The close-out is assumed at
 *       once, not spread over the margin period of risk: conservative, and a longer margin period
 *       never lowers the margin.</li>
 *   <li>Concentration: for share = N / ADV above the threshold, rate * N * (share / threshold - 1).</li>
 * </ul>
 * Both are zero at zero size and grow faster than linearly with size.
 */
public final class AddOns {

    private AddOns() {
    }

    public static double liquidity(Policy.Liquidity p, PortfolioValuation v, MarketSnapshot m,
                                   List<String> warnings) {
        if (p == null) {
            return 0;
        }
        double total = 0;
        for (Map.Entry<String, PortfolioValuation.UnderlyingGreeks> e : v.byUnderlying().entrySet()) {
            String asset = e.getKey();
            double q = e.getValue().delta();
            if (q == 0 || m.asset(asset).vol() == 0) {
                continue;
            }
            OrderBook book = m.orderBooks().get(asset);
            if (p.model().equals("orderbook") && book != null && !book.bids().isEmpty() && !book.asks().isEmpty()) {
                total += bookCost(book, q, p.sqrtImpactK(), m, asset);
            } else {
                double cost = sqrtImpact(p.sqrtImpactK(), Math.abs(q) * m.asset(asset).spot(), m, asset);
                if (Double.isNaN(cost)) {
                    warnings.add("liquidity: no order book and no advUsd for " + asset + ": no add-on");
                    continue;
                }
                total += cost;
            }
        }
        return total;
    }

    /** Cost of selling q > 0 (or buying -q) through the book against its mid, USD. */
    static double bookCost(OrderBook book, double q, double k, MarketSnapshot m, String asset) {
        double mid = book.mid();
        List<OrderBook.Level> side = q > 0 ? book.bids() : book.asks();
        double left = Math.abs(q);
        double cost = 0;
        double lastSlip = 0;
        for (OrderBook.Level level : side) {
            double take = Math.min(left, level.size());
            lastSlip = Math.abs(level.price() - mid);
            cost += take * lastSlip;
            left -= take;
            if (left <= 0) {
                return cost;
            }
        }
        double rest = left * mid;
        double impact = sqrtImpact(k, rest, m, asset);
        return cost + left * lastSlip + (Double.isNaN(impact) ? 0 : impact);
    }

    static double sqrtImpact(double k, double notional, MarketSnapshot m, String asset) {
        var a = m.asset(asset);
        if (!a.hasAdv()) {
            return Double.NaN;
        }
        double dailyVol = a.vol() / Math.sqrt(m.daysPerYear());
        return k * dailyVol * Math.sqrt(notional / a.advUsd()) * notional;
    }

    public static double concentration(Policy.Concentration p, PortfolioValuation v, MarketSnapshot m,
                                       List<String> warnings) {
        if (p == null) {
            return 0;
        }
        double total = 0;
        for (Map.Entry<String, PortfolioValuation.UnderlyingGreeks> e : v.byUnderlying().entrySet()) {
            var a = m.asset(e.getKey());
            double notional = Math.abs(e.getValue().delta()) * a.spot();
            if (notional == 0 || a.vol() == 0) {
                continue;
            }
            if (!a.hasAdv()) {
                warnings.add("concentration: no advUsd for " + e.getKey() + ": no add-on");
                continue;
            }
            double share = notional / a.advUsd();
            if (share > p.advShareThreshold()) {
                total += p.rate() * notional * (share / p.advShareThreshold() - 1);
            }
        }
        return total;
    }
}
