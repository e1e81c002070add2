package io.marginscope.pricing;

import org.apache.commons.math3.special.Erf;

/** Standard normal density and distribution function. */
public final class NormalDist {

    private static final double INV_SQRT_2PI = 0.3989422804014327;
    private static final double SQRT_2 = Math.sqrt(2.0);

    private NormalDist() {
    }

    public static double pdf(double x) {
        if (Double.isInfinite(x)) {
            return 0.0;
        }
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** N(x) through erfc, accurate in relative terms far into the lower tail. */
    public static double cdf(double x) {
        if (x == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        if (x == Double.NEGATIVE_INFINITY) {
            return 0.0;
        }
        return 0.5 * Erf.erfc(-x / SQRT_2);
    }
}
