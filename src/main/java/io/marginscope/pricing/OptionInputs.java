package io.marginscope.pricing;

/**
 * An option on spot: Black-Scholes with a continuous yield, priced as Black-76 on the forward
 * F = spot * exp((rate - dividendYield) * years).
 */
public record OptionInputs(double spot, double strike, double years, double vol, double rate, double dividendYield) {

    public OptionInputs {
        if (!(spot > 0) || !(strike > 0) || !(vol >= 0) || !Double.isFinite(years)) {
            throw new IllegalArgumentException("invalid option inputs: S=" + spot + " K=" + strike
                    + " T=" + years + " vol=" + vol);
        }
    }

    public double forward() {
        return spot * Math.exp((rate - dividendYield) * Math.max(years, 0.0));
    }

    public BlackInputs toBlack() {
        return new BlackInputs(forward(), strike, years, vol, rate);
    }
}
