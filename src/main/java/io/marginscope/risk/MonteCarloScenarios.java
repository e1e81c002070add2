package io.marginscope.risk;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Correlated unit draws for Monte Carlo: normal, or multivariate Student-t scaled to unit
 * variance (z * sqrt((nu - 2) / W), W ~ chi-square(nu)), through a Cholesky factor of the
 * correlation matrix (an eigenvalue square root when the matrix is only semi-definite).
 * <p>
 * Reproducible bit for bit: scenarios are made in blocks of {@value #BLOCK}, block b drawing from
 * its own generator seeded with {@link #blockSeed(long, int)} (SplitMix64 of the seed, then of the
 * block), so the result does not depend on the number of threads, and any two seeds (adjacent ones
 * too) give independent samples.
 * With a vol of vol, each asset's unit implied-vol shift is rho z + sqrt(1 - rho^2) e with
 * rho = {@value #SPOT_VOL_CORRELATION} (implied vol tends to rise when crypto sells off).
 */
public final class MonteCarloScenarios {

    static final int BLOCK = 1024;
    /** Correlation of an asset's implied-vol shift with its return. */
    public static final double SPOT_VOL_CORRELATION = -0.5;

    private MonteCarloScenarios() {
    }

    public static ScenarioSet generate(List<String> assets, double[][] correlation, int count, long seed,
                                       double studentDof, boolean volShifts) {
        int na = assets.size();
        double[][] l = squareRoot(correlation);
        double[] base = new double[count * na];
        double[] vb = volShifts ? new double[count * na] : null;
        int blocks = (count + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            SplittableRandom rng = new SplittableRandom(blockSeed(seed, b));
            double[] z = new double[na];
            double rho = SPOT_VOL_CORRELATION;
            double ortho = Math.sqrt(1 - rho * rho);
            for (int s = b * BLOCK; s < Math.min(count, (b + 1) * BLOCK); s++) {
                for (int a = 0; a < na; a++) {
                    z[a] = rng.nextGaussian();
                }
                double mix = studentDof > 0 ? Math.sqrt((studentDof - 2) / chiSquare(rng, studentDof)) : 1.0;
                int off = s * na;
                for (int a = 0; a < na; a++) {
                    double x = 0;
                    for (int j = 0; j <= a; j++) {
                        x += l[a][j] * z[j];
                    }
                    base[off + a] = x * mix;
                }
                if (vb != null) {
                    for (int a = 0; a < na; a++) {
                        vb[off + a] = rho * base[off + a] + ortho * rng.nextGaussian();
                    }
                }
            }
        });
        String dist = studentDof > 0 ? "Student-t(" + studentDof + ")" : "normal";
        return new ScenarioSet(assets, count, base, vb, List.of(),
                "Monte Carlo, " + count + " " + dist + " scenarios, seed " + seed);
    }

    /**
     * The generator seed of block {@code b}: SplitMix64's finaliser of the seed, then of that plus
     * the block's step. A SplittableRandom started at state x draws from x + G, x + 2G, ... (G its
     * golden-ratio step), so seeding blocks with {@code seed * G + b}, as earlier versions did,
     * made seed s + 1 the sample of seed s shifted by one draw; mixed seeds are 64-bit values far
     * apart, and two blocks share draws only if they land within a few million steps of each
     * other, odds of about 1e-12.
     */
    static long blockSeed(long seed, int b) {
        return mix64(mix64(seed) + GOLDEN_GAMMA * (b + 1L));
    }

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** SplitMix64's output function (Steele, Lea and Flood 2014; the variant of Stafford's Mix13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Lower-triangular L with L L' = C: Cholesky, else (semi-definite) an eigenvalue square root made triangular by QR. */
    public static double[][] squareRoot(double[][] c) {
        RealMatrix m = new Array2DRowRealMatrix(c);
        try {
            return new CholeskyDecomposition(m, 1e-12, 1e-12).getL().getData();
        } catch (NonPositiveDefiniteMatrixException e) {
            EigenDecomposition eig = new EigenDecomposition(m);
            int n = c.length;
            double[][] root = new double[n][n];
            RealMatrix v = eig.getV();
            double[] ev = eig.getRealEigenvalues();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    root[i][j] = v.getEntry(i, j) * Math.sqrt(Math.max(ev[j], 0));
                }
            }
            // R = V sqrt(D) satisfies R R' = C; a QR of R' gives R' = Q U, so L = U' is lower triangular with L L' = C
            RealMatrix rt = new Array2DRowRealMatrix(root).transpose();
            RealMatrix u = new org.apache.commons.math3.linear.QRDecomposition(rt).getR();
            return u.transpose().getData();
        }
    }

    /** chi-square(nu) = 2 Gamma(nu / 2), Gamma by Marsaglia and Tsang (2000) for shape >= 1. */
    static double chiSquare(SplittableRandom rng, double nu) {
        double shape = nu / 2;
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return 2 * d * v;
            }
        }
    }
}
