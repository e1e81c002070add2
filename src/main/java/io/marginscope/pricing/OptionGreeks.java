package io.marginscope.pricing;

/**
 * Price and Greeks of one option on one coin of the underlying.
 *
 * @param price        USD per coin
 * @param delta        dPrice/dSpot
 * @param gamma        d2Price/dSpot2, per USD
 * @param vega         dPrice/dVol per 1 vol point (0.01)
 * @param thetaPerYear dPrice/dt with spot fixed (calendar time passing), per year
 */
public record OptionGreeks(double price, double delta, double gamma, double vega, double thetaPerYear) {
}
