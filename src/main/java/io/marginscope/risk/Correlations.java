package io.marginscope.risk;

import io.marginscope.model.MarketSnapshot.AssetPair;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Correlations of daily log returns, and the matrix a book is valued with.
 *
 * <p>Estimators, on a {@link ReturnSeries} (choose its window with {@link ReturnSeries#last}):
 * <ul>
 *   <li>sample: Pearson, {@code rho_ij = c_ij / sqrt(c_ii c_jj)}, {@code c_ij = sum_t (r_it - m_i)
 *   (r_jt - m_j) / (n - 1)};</li>
 *   <li>EWMA: zero-mean covariance recursion {@code C[t+1] = lambda C[t] + (1 - lambda) r[t] r[t]^T}
 *   seeded, as {@link EwmaVol}, with the sample covariance of the first min(30, n) returns
 *   ({@code r[0] r[0]^T} when n = 1), then normalised {@code rho_ij = C_ij / sqrt(C_ii C_jj)}
 *   at the end of the series. Same lambda as the EWMA vols.</li>
 * </ul>
 * An asset whose returns do not vary (a stablecoin at a fixed price) has no defined correlation:
 * it gets 0 with every other asset and 1 with itself.
 */
public final class Correlations {

    private Correlations() {
    }

    /**
     * The matrix a book is valued with, and how it was made.
     *
     * @param matrix   the correlation matrix, positive semi-definite with a unit diagonal
     * @param repaired true when the assembled matrix was not positive semi-definite and was
     *                 replaced by the nearest correlation matrix
     * @param minEigenvalueBefore the smallest eigenvalue of the assembled matrix, before any repair
     * @param warnings what the analyst should know
     */
    public record BookCorrelation(CorrelationMatrix matrix, boolean repaired, double minEigenvalueBefore,
                                  List<String> warnings) {
        public BookCorrelation {
            warnings = List.copyOf(warnings);
        }
    }

    /** Sample (Pearson) correlation of all the returns of the series; at least 2 returns. */
    public static CorrelationMatrix sample(ReturnSeries window) {
        if (window.length() < 2) {
            throw new IllegalArgumentException("a sample correlation needs at least 2 returns, got " + window.length());
        }
        double[][] r = window.returns();
        int k = r.length;
        int n = window.length();
        double[] mean = new double[k];
        for (int a = 0; a < k; a++) {
            for (int t = 0; t < n; t++) {
                mean[a] += r[a][t];
            }
            mean[a] /= n;
        }
        double[][] c = new double[k][k];
        double[] d = new double[k];
        for (int t = 0; t < n; t++) {
            for (int a = 0; a < k; a++) {
                d[a] = r[a][t] - mean[a];
            }
            addOuter(c, d, 1);
        }
        return new CorrelationMatrix(window.assets(), normalise(c));
    }

    /** EWMA correlation at the end of the series (see the class comment); at least 1 return. */
    public static CorrelationMatrix ewma(ReturnSeries returns, double lambda) {
        return new CorrelationMatrix(returns.assets(), normalise(ewmaCovariance(returns, lambda)));
    }

    /**
     * The EWMA covariance of daily log returns after the last return, C[n] (daily variance units),
     * as in the class comment; its diagonal equals {@link EwmaVol#nextVariance} of each asset.
     */
    public static double[][] ewmaCovariance(ReturnSeries returns, double lambda) {
        if (!(lambda > 0 && lambda < 1)) {
            throw new IllegalArgumentException("EWMA lambda must be in (0, 1), got " + lambda);
        }
        int n = returns.length();
        if (n < 1) {
            throw new IllegalArgumentException("an EWMA correlation needs at least 1 return");
        }
        double[][] r = returns.returns();
        int k = r.length;
        int m = Math.min(EwmaVol.SEED_RETURNS, n);
        double[][] c = new double[k][k];
        double[] x = new double[k];
        if (m == 1) {
            for (int a = 0; a < k; a++) {
                x[a] = r[a][0];
            }
            addOuter(c, x, 1);
        } else {
            double[] mean = new double[k];
            for (int a = 0; a < k; a++) {
                for (int t = 0; t < m; t++) {
                    mean[a] += r[a][t];
                }
                mean[a] /= m;
            }
            for (int t = 0; t < m; t++) {
                for (int a = 0; a < k; a++) {
                    x[a] = r[a][t] - mean[a];
                }
                addOuter(c, x, 1.0 / (m - 1));
            }
        }
        for (int t = 0; t < n; t++) {
            for (int a = 0; a < k; a++) {
                x[a] = r[a][t];
            }
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    c[i][j] = lambda * c[i][j] + (1 - lambda) * x[i] * x[j];
                }
            }
        }
        return c;
    }

    /**
     * The full correlation matrix of a book's assets: per pair, the snapshot's given correlation
     * when given ({@code given}, from {@code MarketSnapshot.correlations()}), else the estimated one
     * when both assets are in {@code estimated} (null when no history is used), else 0 (an asset
     * missing from the history, or no history). When the result is not positive semi-definite it is
     * replaced by the nearest correlation matrix ({@link NearestCorrelation}) with a warning.
     */
    public static BookCorrelation forBook(List<String> assets, Map<AssetPair, Double> given,
                                          CorrelationMatrix estimated) {
        int k = assets.size();
        double[][] m = new double[k][k];
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            m[i][i] = 1;
            List<String> zero = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (i == j) {
                    continue;
                }
                String a = assets.get(i);
                String b = assets.get(j);
                Double g = given.get(new AssetPair(a, b));
                if (g != null) {
                    m[i][j] = g;
                } else if (estimated != null && estimated.has(a) && estimated.has(b)) {
                    m[i][j] = estimated.get(a, b);
                } else if (estimated != null && !estimated.has(a)) {
                    zero.add(b);
                }
            }
            if (!zero.isEmpty()) {
                warnings.add(assets.get(i) + ": no price history; correlation 0 with " + String.join(", ", zero)
                        + " (not given in the snapshot)");
            }
        }
        NearestCorrelation.Result fix = NearestCorrelation.repair(m);
        if (fix.changed()) {
            warnings.add(repairWarning(assets, m, fix));
        }
        return new BookCorrelation(new CorrelationMatrix(assets, fix.matrix()), fix.changed(), fix.minEigenvalueBefore(),
                warnings);
    }

    private static String repairWarning(List<String> assets, double[][] before, NearestCorrelation.Result fix) {
        double worst = -1;
        String pair = "";
        double[][] after = fix.matrix();
        for (int i = 0; i < before.length; i++) {
            for (int j = i + 1; j < before.length; j++) {
                double d = Math.abs(after[i][j] - before[i][j]);
                if (d > worst) {
                    worst = d;
                    pair = assets.get(i) + "/" + assets.get(j) + " " + fmt(before[i][j]) + " -> " + fmt(after[i][j]);
                }
            }
        }
        return "correlation matrix of " + String.join(", ", assets) + " is not positive semi-definite"
                + " (smallest eigenvalue " + fmt(fix.minEigenvalueBefore()) + "); replaced by the nearest"
                + " correlation matrix (Higham 2002), largest change " + pair;
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }

    /** c += w d d^T. */
    private static void addOuter(double[][] c, double[] d, double w) {
        for (int i = 0; i < d.length; i++) {
            double di = d[i] * w;
            for (int j = 0; j < d.length; j++) {
                c[i][j] += di * d[j];
            }
        }
    }

    /** rho_ij = c_ij / sqrt(c_ii c_jj); 0 off the diagonal for an asset with zero variance. */
    private static double[][] normalise(double[][] c) {
        int k = c.length;
        double[][] rho = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i == j) {
                    rho[i][j] = 1;
                } else if (c[i][i] > 0 && c[j][j] > 0) {
                    rho[i][j] = Math.max(-1, Math.min(1, c[i][j] / Math.sqrt(c[i][i] * c[j][j])));
                }
            }
        }
        // exact symmetry (the products above are computed in both orders)
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                rho[i][j] = rho[j][i];
            }
        }
        return rho;
    }
}
