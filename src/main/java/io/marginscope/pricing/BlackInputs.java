package io.marginscope.pricing;

/**
 * Inputs of Black-76 on the forward.
 *
 * @param forward  forward price F in USD
 * @param strike   strike K in USD
 * @param years    time to expiry in years (daysPerYear basis)
 * @param vol      annualised volatility, decimal
 * @param rate     continuously compounded discount rate
 */
public record BlackInputs(double forward, double strike, double years, double vol, double rate) {
    public BlackInputs {
        if (!(forward > 0) || !(strike > 0) || !(vol >= 0) || !Double.isFinite(years) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("invalid Black-76 inputs: F=" + forward + " K=" + strike
                    + " T=" + years + " vol=" + vol + " r=" + rate);
        }
    }
}
