package io.marginscope.pricing;

/**
 * Standard normal density and distribution function.
 * <p>
 * N(x) = erfc(-x / sqrt 2) / 2 with erfc by W. J. Cody's rational Chebyshev approximations
 * ("Rational Chebyshev approximations for the error function", Math. Comp. 23, 1969, 631-638;
 * the coefficients of his SPECFUN routine CALERF, 1990): three intervals, |y| <= 0.46875 (erf),
 * 0.46875 .. 4 and above 4 (erfc times exp(-y^2)). No iteration; relative error below 1e-14
 * wherever N(x) > 1e-23 (x >= -10), tested against an independent continued-fraction evaluation,
 * so the lower tail keeps its digits where 1 - N(-x) would lose them.
 */
public final class NormalDist {

    private static final double INV_SQRT_2PI = 0.3989422804014327;
    private static final double INV_SQRT_2 = 0.7071067811865476;
    private static final double INV_SQRT_PI = 0.5641895835477563;
    private static final double THRESH = 0.46875;
    private static final double XBIG = 26.543;

    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
            3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
            2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
            2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
            1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
            1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
            1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
            1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
            6.05183413124413191e-2, 2.33520497626869185e-3};

    private NormalDist() {
    }

    public static double pdf(double x) {
        if (Double.isInfinite(x)) {
            return 0.0;
        }
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** N(x), relative error below 1e-14 for x >= -10. */
    public static double cdf(double x) {
        if (x != x) {
            return Double.NaN;
        }
        return 0.5 * erfc(-x * INV_SQRT_2);
    }

    /** The complementary error function, Cody's approximation (polynomials in Horner form, unrolled). */
    public static double erfc(double x) {
        double y = Math.abs(x);
        double result;
        if (y <= THRESH) {
            double z = y > 1.11e-16 ? y * y : 0;
            double num = (((A[4] * z + A[0]) * z + A[1]) * z + A[2]) * z + A[3];
            double den = (((z + B[0]) * z + B[1]) * z + B[2]) * z + B[3];
            return 1 - x * num / den;
        } else if (y <= 4) {
            double num = (((((((C[8] * y + C[0]) * y + C[1]) * y + C[2]) * y + C[3]) * y + C[4]) * y + C[5]) * y
                    + C[6]) * y + C[7];
            double den = (((((((y + D[0]) * y + D[1]) * y + D[2]) * y + D[3]) * y + D[4]) * y + D[5]) * y
                    + D[6]) * y + D[7];
            result = num / den * expMinusSquare(y);
        } else if (y >= XBIG) {
            result = 0;
        } else {
            double z = 1 / (y * y);
            double num = ((((P[5] * z + P[0]) * z + P[1]) * z + P[2]) * z + P[3]) * z + P[4];
            double den = ((((z + Q[0]) * z + Q[1]) * z + Q[2]) * z + Q[3]) * z + Q[4];
            result = (INV_SQRT_PI - z * num / den) / y * expMinusSquare(y);
        }
        return x < 0 ? 2 - result : result;
    }

    /**
     * exp(-y^2). Below y = 7.1 one exp is accurate to y^2 * 1.1e-16 < 6e-15 relative; beyond, y^2 is
     * split as in Cody's routine (y rounded to 1/16, exact square, plus the rest).
     */
    private static double expMinusSquare(double y) {
        if (y < 7.1) {
            return Math.exp(-y * y);
        }
        double ysq = Math.floor(y * 16) / 16;
        double del = (y - ysq) * (y + ysq);
        return Math.exp(-ysq * ysq) * Math.exp(-del);
    }
}
