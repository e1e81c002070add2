package io.marginscope.pricing;

import io.marginscope.model.InstrumentType;

/**
 * Black-76 prices on the forward and Black-Scholes spot Greeks, with the limits an analyst meets
 * in practice: an expired option is worth its intrinsic value; at zero vol or zero time the
 * formulas take their limits (no NaN). At exactly zero standard deviation and the strike at the
 * forward, gamma is a point mass and is reported as 0.
 */
public final class Black76 {

    private Black76() {
    }

    /** Undiscounted-then-discounted Black-76 price: exp(-rT) (F N(d1) - K N(d2)) for a call. */
    public static double price(InstrumentType right, BlackInputs in) {
        boolean call = requireOption(right);
        if (in.years() <= 0) {
            return intrinsic(call, in.forward(), in.strike());
        }
        double sd = in.vol() * Math.sqrt(in.years());
        double[] d = d1d2(in.forward(), in.strike(), sd);
        double df = Math.exp(-in.rate() * in.years());
        // an option is worth at least 0: the difference of two rounded terms can fall a speck below it
        if (call) {
            return Math.max(0.0, df * (in.forward() * NormalDist.cdf(d[0]) - in.strike() * NormalDist.cdf(d[1])));
        }
        return Math.max(0.0, df * (in.strike() * NormalDist.cdf(-d[1]) - in.forward() * NormalDist.cdf(-d[0])));
    }

    /** Price and spot Greeks of an option on spot with a continuous yield. */
    public static OptionGreeks greeks(InstrumentType right, OptionInputs in) {
        boolean call = requireOption(right);
        double s = in.spot();
        double k = in.strike();
        double t = in.years();
        if (t <= 0) {
            double delta = s > k ? 1.0 : s < k ? 0.0 : 0.5;
            if (!call) {
                delta -= 1.0;
            }
            return new OptionGreeks(intrinsic(call, s, k), delta, 0.0, 0.0, 0.0);
        }
        double r = in.rate();
        double q = in.dividendYield();
        double sqrtT = Math.sqrt(t);
        double sd = in.vol() * sqrtT;
        double f = in.forward();
        double[] d = d1d2(f, k, sd);
        double dq = Math.exp(-q * t);
        double dr = Math.exp(-r * t);
        double nd1 = NormalDist.pdf(d[0]);
        double price = price(right, in.toBlack());
        double delta;
        double carry;
        if (call) {
            delta = dq * NormalDist.cdf(d[0]);
            carry = q * s * dq * NormalDist.cdf(d[0]) - r * k * dr * NormalDist.cdf(d[1]);
        } else {
            delta = -dq * NormalDist.cdf(-d[0]);
            carry = -q * s * dq * NormalDist.cdf(-d[0]) + r * k * dr * NormalDist.cdf(-d[1]);
        }
        double gamma = sd > 0 ? dq * nd1 / (s * sd) : 0.0;
        double vega = s * dq * nd1 * sqrtT / 100.0;
        double theta = -s * dq * nd1 * in.vol() / (2.0 * sqrtT) + carry;
        return new OptionGreeks(price, delta, gamma, vega, theta);
    }

    private static double[] d1d2(double f, double k, double sd) {
        if (sd > 0) {
            double d1 = (Math.log(f / k) + 0.5 * sd * sd) / sd;
            return new double[] {d1, d1 - sd};
        }
        double lim = f > k ? Double.POSITIVE_INFINITY : f < k ? Double.NEGATIVE_INFINITY : 0.0;
        return new double[] {lim, lim};
    }

    private static double intrinsic(boolean call, double underlying, double strike) {
        return Math.max(call ? underlying - strike : strike - underlying, 0.0);
    }

    private static boolean requireOption(InstrumentType right) {
        if (!right.isOption()) {
            throw new IllegalArgumentException(right + " is not an option");
        }
        return right == InstrumentType.CALL;
    }
}
