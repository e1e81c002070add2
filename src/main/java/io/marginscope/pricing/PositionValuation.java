package io.marginscope.pricing;

import io.marginscope.model.Position;
import io.marginscope.model.VolSurface.VolSource;

/**
 * Mark-to-market value and Greeks of one position, scaled by its quantity, or the reason it could
 * not be valued (then every number is NaN and {@link #error()} says why).
 *
 * @param position      the position
 * @param price         USD per coin: spot for SPOT and PERP, the model forward for FUTURE, the model price for options
 * @param vol           the vol used for an option, NaN for linear instruments
 * @param volSource     where an option's vol came from, null for linear instruments
 * @param years         time to expiry in years, NaN without expiry
 * @param value         USD: quantity * spot for SPOT, unrealised P&L against entry for PERP and FUTURE,
 *                      quantity * model price for options
 * @param unrealizedPnl USD against the entry price, NaN when the entry price is unknown
 * @param delta         coins (dValue/dSpot)
 * @param gamma         coins per USD
 * @param vega          USD per vol point (0.01)
 * @param theta         USD per calendar day
 * @param error         null when valued
 */
public record PositionValuation(Position position, double price, double vol, VolSource volSource, double years,
                                double value, double unrealizedPnl, double delta, double gamma, double vega,
                                double theta, String error) {

    public static PositionValuation failed(Position position, String error) {
        double n = Double.NaN;
        return new PositionValuation(position, n, n, null, n, n, n, n, n, n, n, error);
    }

    public boolean ok() {
        return error == null;
    }

    public String id() {
        return position.id();
    }

    /** Delta in USD: delta * spot of the underlying (the dollar exposure to a move in spot). */
    public double deltaUsd(double spot) {
        return delta * spot;
    }
}
