package io.marginscope.risk;

import io.marginscope.pricing.NormalDist;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Delta-normal and delta-gamma VaR and ES.
 * <p>
 * Over the horizon the arithmetic returns x of the risk factors are N(0, Sigma_h) with
 * Sigma_h[a][b] = vol_a vol_b rho_ab h / daysPerYear. The book's P&L is approximated by
 * Q = D'x + 1/2 x' G x with D_a = sum of delta * S_a (USD per unit return) and G diagonal,
 * G_a = sum of gamma * S_a^2. Its cumulants are (A = G Sigma_h)
 * k1 = tr(A)/2, k2 = D'Sigma D + tr(A^2)/2, k3 = 3 D'Sigma G Sigma D + tr(A^3),
 * k4 = 12 D'Sigma G Sigma G Sigma D + 3 tr(A^4).
 * The Cornish-Fisher expansion turns the normal quantile z of level alpha = 1 - c into
 * w = z + (z^2 - 1) s/6 + (z^3 - 3z) k/24 - (2z^3 - 5z) s^2/36 (s = k3/k2^1.5, k = k4/k2^2);
 * VaR = -(k1 + sqrt(k2) w), ES = -(k1 + sqrt(k2) E[w(Z) | Z < z]) with the truncated normal moments
 * E[Z|Z<z] = -pdf(z)/alpha, E[Z^2|Z<z] = 1 - z pdf(z)/alpha, E[Z^3|Z<z] = -(z^2 + 2) pdf(z)/alpha.
 * Without gamma this is exactly VaR = sqrt(D'Sigma D) z_c and ES = sqrt(D'Sigma D) pdf(z_c)/(1 - c).
 */
public final class ParametricRisk {

    /** VaR, ES and the moments of the P&L approximation. */
    public record Measure(double var, double es, double mean, double stdev, double skewness, double excessKurtosis) {
    }

    private final double[][] cov;
    private final double confidence;
    private final double z;

    /**
     * @param vols        annualised vol per risk factor
     * @param correlation correlation matrix of the factors
     */
    public ParametricRisk(double[] vols, double[][] correlation, double horizonYears, double confidence) {
        int n = vols.length;
        this.cov = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                cov[a][b] = vols[a] * vols[b] * correlation[a][b] * horizonYears;
            }
        }
        this.confidence = confidence;
        this.z = new NormalDistribution(0, 1).inverseCumulativeProbability(1 - confidence);
    }

    public double[][] covariance() {
        return cov;
    }

    public Measure measure(double[] deltaUsd, double[] gammaUsd) {
        int n = cov.length;
        double[] sd = mul(cov, deltaUsd);
        double k2lin = dot(deltaUsd, sd);
        boolean hasGamma = false;
        for (double g : gammaUsd) {
            hasGamma |= g != 0;
        }
        double k1 = 0;
        double k2 = k2lin;
        double k3 = 0;
        double k4 = 0;
        if (hasGamma) {
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] = gammaUsd[i] * cov[i][j];
                }
            }
            double[][] a2 = mul(a, a);
            double[][] a3 = mul(a2, a);
            double[][] a4 = mul(a3, a);
            k1 = 0.5 * trace(a);
            k2 += 0.5 * trace(a2);
            // D' Sigma G Sigma D = (Sigma D)' G (Sigma D)
            double[] gsd = new double[n];
            for (int i = 0; i < n; i++) {
                gsd[i] = gammaUsd[i] * sd[i];
            }
            k3 = 3 * dot(sd, gsd) + trace(a3);
            // D' Sigma G Sigma G Sigma D = (G Sigma D)' Sigma (G Sigma D)
            k4 = 12 * dot(gsd, mul(cov, gsd)) + 3 * trace(a4);
        }
        double stdev = Math.sqrt(Math.max(k2, 0));
        if (stdev == 0) {
            return new Measure(-k1, -k1, k1, 0, 0, 0);
        }
        double s = k3 / (k2 * stdev);
        double k = k4 / (k2 * k2);
        double alpha = 1 - confidence;
        double w = z + (z * z - 1) * s / 6 + (z * z * z - 3 * z) * k / 24 - (2 * z * z * z - 5 * z) * s * s / 36;
        double pdf = NormalDist.pdf(z);
        double m1 = -pdf / alpha;
        double m2 = 1 - z * pdf / alpha;
        double m3 = -(z * z + 2) * pdf / alpha;
        double ew = m1 + (m2 - 1) * s / 6 + (m3 - 3 * m1) * k / 24 - (2 * m3 - 5 * m1) * s * s / 36;
        return new Measure(-(k1 + stdev * w), -(k1 + stdev * ew), k1, stdev, s, k);
    }

    /**
     * Euler gradient of (VaR, ES) with respect to the aggregated exposures, by central
     * differences: [0][0] dVaR/dD, [0][1] dVaR/dG, [1][0] dES/dD, [1][1] dES/dG (each per factor).
     * Both measures are homogeneous of degree one in the positions, so
     * sum_a (D_a dM/dD_a + G_a dM/dG_a) = M (Euler), which is how components add up to the total.
     */
    public double[][][] gradient(double[] deltaUsd, double[] gammaUsd) {
        int n = deltaUsd.length;
        double[][][] out = new double[2][2][n];
        double scaleD = 0;
        for (double d : deltaUsd) {
            scaleD = Math.max(scaleD, Math.abs(d));
        }
        for (int a = 0; a < n; a++) {
            double hd = 1e-6 * Math.max(Math.abs(deltaUsd[a]), 1e-3 * scaleD + 1e-9);
            double[] up = bump(deltaUsd, a, hd);
            double[] dn = bump(deltaUsd, a, -hd);
            Measure mu = measure(up, gammaUsd);
            Measure md = measure(dn, gammaUsd);
            out[0][0][a] = (mu.var() - md.var()) / (2 * hd);
            out[1][0][a] = (mu.es() - md.es()) / (2 * hd);
            if (gammaUsd[a] != 0) {
                double hg = 1e-6 * Math.abs(gammaUsd[a]);
                Measure gu = measure(deltaUsd, bump(gammaUsd, a, hg));
                Measure gd = measure(deltaUsd, bump(gammaUsd, a, -hg));
                out[0][1][a] = (gu.var() - gd.var()) / (2 * hg);
                out[1][1][a] = (gu.es() - gd.es()) / (2 * hg);
            }
        }
        return out;
    }

    private static double[] bump(double[] x, int i, double h) {
        double[] y = x.clone();
        y[i] += h;
        return y;
    }

    private static double[] mul(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += m[i][j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    private static double[][] mul(double[][] x, double[][] y) {
        int n = x.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double xik = x[i][k];
                for (int j = 0; j < n; j++) {
                    out[i][j] += xik * y[k][j];
                }
            }
        }
        return out;
    }

    private static double trace(double[][] m) {
        double t = 0;
        for (int i = 0; i < m.length; i++) {
            t += m[i][i];
        }
        return t;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
