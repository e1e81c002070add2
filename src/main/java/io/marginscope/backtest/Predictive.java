package io.marginscope.backtest;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.random.RandomGenerator;

import java.util.function.DoubleSupplier;

/**
 * The predictive P&L distribution assumed under H0 by the ES backtest: each day's P&L is
 * {@code X_t = sigma_t D_t} with {@code D_t} i.i.d. standard normal, or Student-t with
 * {@code nu} degrees of freedom (not rescaled to unit variance), and the scale chosen so that the
 * reported VaR is exactly right:
 *
 * <pre>
 *   q       = -F_D^-1(alpha)                 (positive; alpha = 1 - c)
 *   sigma_t = VaR_t / q                      (normal: q = z_c = N^-1(c))
 *   ES_t    = sigma_t * es_D(alpha)
 *   normal:     es_D(alpha) = phi(z_c) / alpha
 *   Student-t:  es_D(alpha) = f_nu(q) (nu + q^2) / ((nu - 1) alpha)
 * </pre>
 *
 * Reference for the Student-t ES: A. McNeil, R. Frey, P. Embrechts (2015), Quantitative Risk
 * Management, revised edition, Example 2.15.
 *
 * @param degreesOfFreedom nu of the Student-t; {@code +Infinity} for the normal
 */
public record Predictive(double degreesOfFreedom) {

    public Predictive {
        if (!(degreesOfFreedom > 1)) {
            throw new IllegalArgumentException("Student-t degrees of freedom must be above 1 (ES is infinite otherwise): "
                    + degreesOfFreedom);
        }
    }

    public static Predictive normal() {
        return new Predictive(Double.POSITIVE_INFINITY);
    }

    public static Predictive studentT(double degreesOfFreedom) {
        if (Double.isInfinite(degreesOfFreedom)) {
            throw new IllegalArgumentException("degrees of freedom must be finite; use normal()");
        }
        return new Predictive(degreesOfFreedom);
    }

    public boolean isNormal() {
        return Double.isInfinite(degreesOfFreedom);
    }

    /** "normal" or "student-t(nu)", as written in reports. */
    public String label() {
        if (isNormal()) {
            return "normal";
        }
        double nu = degreesOfFreedom;
        return "student-t(" + (nu == Math.rint(nu) ? Long.toString((long) nu) : Double.toString(nu)) + ")";
    }

    /** q: the standard variable's loss quantile, {@code P(D < -q) = alpha}, positive for alpha &lt; 1/2. */
    public double standardVar(double alpha) {
        return isNormal()
                ? -new NormalDistribution((RandomGenerator) null, 0, 1).inverseCumulativeProbability(alpha)
                : -t().inverseCumulativeProbability(alpha);
    }

    /** es_D(alpha) = -E[D | D &lt; -q], the standard variable's expected shortfall. */
    public double standardEs(double alpha) {
        double q = standardVar(alpha);
        if (isNormal()) {
            return new NormalDistribution((RandomGenerator) null, 0, 1).density(q) / alpha;
        }
        double nu = degreesOfFreedom;
        return t().density(q) * (nu + q * q) / ((nu - 1) * alpha);
    }

    /**
     * Draws of the standard variable D from {@code rng}. Normal: {@code rng.nextGaussian()}.
     * Student-t: {@code Z / sqrt(G / nu)} with Z standard normal and G ~ chi-square(nu) =
     * Gamma(nu/2, scale 2), both from {@code rng}.
     */
    public DoubleSupplier sampler(RandomGenerator rng) {
        if (isNormal()) {
            return rng::nextGaussian;
        }
        double nu = degreesOfFreedom;
        GammaDistribution chi2 = new GammaDistribution(rng, nu / 2, 2);
        return () -> rng.nextGaussian() / Math.sqrt(chi2.sample() / nu);
    }

    private TDistribution t() {
        return new TDistribution((RandomGenerator) null, degreesOfFreedom);
    }
}
