package io.marginscope.pricing;

import io.marginscope.model.AssetMarket;
import io.marginscope.model.Instrument;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Position;
import io.marginscope.model.VolSurface;

/**
 * Values one position against a market snapshot (see docs/methodology.md, "Valuation").
 * <ul>
 *   <li>SPOT: quantity * spot (collateral);</li>
 *   <li>PERP: quantity * (spot - entry), the perpetual marked at the index;</li>
 *   <li>FUTURE: quantity * (F - entry) with F = spot * exp((rate - yield) * T), F = spot once expired;</li>
 *   <li>CALL, PUT: quantity * Black-76 price on F with the implied vol of the expiry and strike.</li>
 * </ul>
 * Inverse contracts use the same USD formulas: their quantity is the coin amount at entry
 * (USD notional / entry price), for which the USD value of an inverse contract equals the linear one.
 */
public final class PositionPricer {

    private PositionPricer() {
    }

    public static PositionValuation value(Position p, MarketSnapshot market) {
        AssetMarket m = market.asset(p.underlying());
        if (m == null) {
            return PositionValuation.failed(p, "no market data for " + p.underlying() + " in the snapshot");
        }
        Instrument ins = p.instrument();
        double q = p.quantity();
        double s = m.spot();
        double entry = p.entryPrice();
        double perDay = 1.0 / market.daysPerYear();
        double nan = Double.NaN;
        return switch (ins.type()) {
            case SPOT -> new PositionValuation(p, s, nan, null, nan, q * s,
                    entry > 0 ? q * (s - entry) : nan, q, 0.0, 0.0, 0.0, null);
            case PERP -> new PositionValuation(p, s, nan, null, nan, q * (s - entry), q * (s - entry),
                    q, 0.0, 0.0, 0.0, null);
            case FUTURE -> {
                double t = market.yearsTo(ins.expiry());
                double carry = m.rate() - m.dividendYield();
                double growth = t > 0 ? Math.exp(carry * t) : 1.0;
                double f = s * growth;
                double theta = t > 0 ? -q * f * carry * perDay : 0.0;
                yield new PositionValuation(p, f, nan, null, t, q * (f - entry), q * (f - entry),
                        q * growth, 0.0, 0.0, theta, null);
            }
            case CALL, PUT -> {
                double t = market.yearsTo(ins.expiry());
                VolSurface.VolQuote vq = market.optionVol(ins);
                OptionGreeks g = Black76.greeks(ins.type(),
                        new OptionInputs(s, ins.strike(), t, vq.vol(), m.rate(), m.dividendYield()));
                double upnl = Double.isFinite(entry) ? q * (g.price() - entry) : nan;
                yield new PositionValuation(p, g.price(), vq.vol(), vq.source(), t, q * g.price(), upnl,
                        q * g.delta(), q * g.gamma(), q * g.vega(), q * g.thetaPerYear() * perDay, null);
            }
        };
    }
}
