package io.marginscope.analysis;

import java.util.function.DoubleUnaryOperator;

/** Brent's bracketing root finder with a stop on the function value as well as on the bracket. */
final class Roots {

    private Roots() {
    }

    /**
     * A root of f in [a, b], where f(a) and f(b) differ in sign (Brent 1973: inverse quadratic
     * interpolation and secant steps inside the bracket, bisection when they stall). Stops when
     * |f| <= fTol or the bracket is narrower than xTol; returns the last point evaluated, which is on
     * the side of the root where |f| is smaller.
     */
    static double brent(DoubleUnaryOperator f, double a, double b, double xTol, double fTol, int maxEvaluations) {
        double fa = f.applyAsDouble(a);
        double fb = f.applyAsDouble(b);
        if (Math.abs(fa) <= fTol) {
            return a;
        }
        if (Math.abs(fb) <= fTol) {
            return b;
        }
        if (Math.signum(fa) == Math.signum(fb)) {
            throw new IllegalArgumentException("no sign change in [" + a + ", " + b + "]");
        }
        double c = a;
        double fc = fa;
        double d = b - a;
        double e = d;
        for (int i = 0; i < maxEvaluations; i++) {
            if (Math.signum(fb) == Math.signum(fc)) {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tol = 2 * Math.ulp(1.0) * Math.abs(b) + 0.5 * xTol;
            double m = 0.5 * (c - b);
            if (Math.abs(m) <= tol || Math.abs(fb) <= fTol) {
                return b;
            }
            if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
                double s = fb / fa;
                double p;
                double q;
                if (a == c) {
                    p = 2 * m * s;
                    q = 1 - s;
                } else {
                    double qq = fa / fc;
                    double r = fb / fc;
                    p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
                    q = (qq - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) {
                    q = -q;
                } else {
                    p = -p;
                }
                if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
                    e = d;
                    d = p / q;
                } else {
                    d = m;
                    e = m;
                }
            } else {
                d = m;
                e = m;
            }
            a = b;
            fa = fb;
            b += Math.abs(d) > tol ? d : Math.copySign(tol, m);
            fb = f.applyAsDouble(b);
        }
        return b;
    }
}
