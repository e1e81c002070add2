package io.marginscope.risk;

/**
 * Parameters of a GARCH(1,1) fitted to daily log returns,
 * {@code sigma2[t+1] = omega + alpha * r[t]^2 + beta * sigma2[t]} (zero mean, daily variances).
 *
 * @param omega         constant, daily variance units, > 0 (NaN when the fit failed)
 * @param alpha         weight of the latest squared return, >= 0
 * @param beta          weight of the latest variance, >= 0, with alpha + beta < 1
 * @param logLikelihood Gaussian log likelihood at the fit, {@code -1/2 sum [ln(2 pi) + ln sigma2[t]
 *                      + r[t]^2 / sigma2[t]]}
 * @param converged     true when the optimiser converged to a stationary process; false means the
 *                      parameters must not be used and the caller falls back (see {@code note})
 * @param note          why the fit is not usable, or "" when it is
 */
public record GarchFit(double omega, double alpha, double beta, double logLikelihood, boolean converged,
                       String note) {

    public GarchFit {
        note = note == null ? "" : note;
    }

    /** A fit that cannot be used, with the reason. */
    public static GarchFit failed(String note) {
        return new GarchFit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, false, note);
    }

    /** True when converged with finite, admissible parameters. */
    public boolean usable() {
        return converged && omega > 0 && alpha >= 0 && beta >= 0 && alpha + beta < 1
                && Double.isFinite(logLikelihood);
    }

    /** alpha + beta: how slowly a shock to the variance decays (its half-life is ln 0.5 / ln(alpha + beta) days). */
    public double persistence() {
        return alpha + beta;
    }

    /** VL = omega / (1 - alpha - beta): the daily variance the forecast reverts to. */
    public double longRunVariance() {
        return omega / (1 - alpha - beta);
    }

    /** sqrt(VL * daysPerYear): the long-run vol, annualised. */
    public double longRunAnnualVol(double daysPerYear) {
        return Math.sqrt(longRunVariance() * daysPerYear);
    }
}
