package io.marginscope.risk;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Repairs a correlation matrix that is not positive semi-definite (pairs given one by one, or
 * mixed from different sources, need not be jointly consistent) by the nearest correlation matrix
 * in the Frobenius norm: Higham (2002), "Computing the nearest correlation matrix — a problem from
 * finance", IMA J. Numer. Anal. 22, alternating projections with Dykstra's correction, unit
 * weights:
 * <pre>
 *   dS = 0, Y = A
 *   repeat: R = Y - dS;  X = P_S(R);  dS = X - R;  Y = P_U(X)
 *   until ||Y - X||_F / ||Y||_F and the change of Y are below tol
 * </pre>
 * {@code P_S} zeroes the negative eigenvalues (projection onto the positive semi-definite
 * matrices), {@code P_U} sets the diagonal to 1. A last {@code P_S} followed by
 * {@code D^-1/2 X D^-1/2} (D = diag X) makes the result exactly positive semi-definite with a unit
 * diagonal, up to rounding (its smallest eigenvalue is about -1e-16, often 0: the repaired matrix is
 * typically singular).
 */
public final class NearestCorrelation {

    /** A matrix whose smallest eigenvalue is at least -this is taken as positive semi-definite. */
    public static final double PSD_TOLERANCE = 1e-10;
    private static final double SYMMETRY_TOLERANCE = 1e-9;

    /**
     * @param matrix              the repaired matrix (a copy of the input when unchanged)
     * @param changed             false when the input was already a valid correlation matrix
     * @param minEigenvalueBefore the smallest eigenvalue of the input
     * @param iterations          projection steps taken (0 when unchanged)
     */
    public record Result(double[][] matrix, boolean changed, double minEigenvalueBefore, int iterations) {
    }

    private NearestCorrelation() {
    }

    /** {@link #repair(double[][], double, int)} with tol 1e-10 and at most 10,000 iterations. */
    public static Result repair(double[][] a) {
        return repair(a, 1e-10, 10_000);
    }

    /**
     * The input unchanged when it is symmetric with a unit diagonal and its smallest eigenvalue is
     * at least -{@link #PSD_TOLERANCE}; else the nearest correlation matrix.
     *
     * @throws IllegalArgumentException when the input is not square, finite and symmetric
     */
    public static Result repair(double[][] a, double tol, int maxIterations) {
        int n = a.length;
        check(a);
        double minBefore = n == 0 ? 0 : minEigenvalue(a);
        boolean unitDiagonal = true;
        for (int i = 0; i < n; i++) {
            unitDiagonal &= Math.abs(a[i][i] - 1) <= 1e-12;
        }
        if (unitDiagonal && minBefore >= -PSD_TOLERANCE) {
            return new Result(CorrelationMatrix.copy(a), false, minBefore, 0);
        }
        double[][] y = symmetric(a);
        double[][] ds = new double[n][n];
        double[][] r = new double[n][n];
        int k = 0;
        while (k < maxIterations) {
            k++;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    r[i][j] = y[i][j] - ds[i][j];
                }
            }
            double[][] x = projectPsd(r);
            double change = 0;
            double gap = 0;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    ds[i][j] = x[i][j] - r[i][j];
                    double yNew = i == j ? 1 : x[i][j];
                    change += sq(yNew - y[i][j]);
                    gap += sq(yNew - x[i][j]);
                    norm += sq(yNew);
                    y[i][j] = yNew;
                }
            }
            if (Math.sqrt(change / norm) < tol && Math.sqrt(gap / norm) < tol) {
                break;
            }
        }
        return new Result(unitDiagonal(projectPsd(y)), true, minBefore, k);
    }

    /** The smallest eigenvalue of a symmetric matrix. */
    public static double minEigenvalue(double[][] a) {
        double[] ev = new EigenDecomposition(new Array2DRowRealMatrix(symmetric(a), false)).getRealEigenvalues();
        double min = Double.POSITIVE_INFINITY;
        for (double v : ev) {
            min = Math.min(min, v);
        }
        return min;
    }

    /** P_S: V max(Lambda, 0) V^T. */
    private static double[][] projectPsd(double[][] a) {
        int n = a.length;
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(symmetric(a), false));
        RealMatrix v = eig.getV();
        double[] lambda = eig.getRealEigenvalues();
        double[][] out = new double[n][n];
        for (int k = 0; k < n; k++) {
            double l = lambda[k];
            if (l <= 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                double vik = v.getEntry(i, k) * l;
                for (int j = 0; j < n; j++) {
                    out[i][j] += vik * v.getEntry(j, k);
                }
            }
        }
        return symmetric(out);
    }

    /** D^-1/2 X D^-1/2: keeps positive semi-definiteness, puts 1 on the diagonal. */
    private static double[][] unitDiagonal(double[][] x) {
        int n = x.length;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = x[i][i] > 0 ? 1 / Math.sqrt(x[i][i]) : 0;
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            out[i][i] = 1;
            for (int j = i + 1; j < n; j++) {
                out[i][j] = Math.max(-1, Math.min(1, x[i][j] * s[i] * s[j]));
                out[j][i] = out[i][j];
            }
        }
        return out;
    }

    private static double[][] symmetric(double[][] a) {
        int n = a.length;
        double[][] s = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i][j] = 0.5 * (a[i][j] + a[j][i]);
            }
        }
        return s;
    }

    private static void check(double[][] a) {
        int n = a.length;
        for (double[] row : a) {
            if (row.length != n) {
                throw new IllegalArgumentException("the matrix must be square");
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException("matrix entry (" + i + ", " + j + ") is not finite");
                }
                if (Math.abs(a[i][j] - a[j][i]) > SYMMETRY_TOLERANCE) {
                    throw new IllegalArgumentException("the matrix is not symmetric at (" + i + ", " + j + ")");
                }
            }
        }
    }

    private static double sq(double x) {
        return x * x;
    }
}
