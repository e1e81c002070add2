package io.marginscope.risk;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NearestCorrelationTest {

    static void assertCorrelationMatrix(double[][] m) {
        for (int i = 0; i < m.length; i++) {
            assertThat(m[i][i]).isEqualTo(1.0);
            for (int j = 0; j < m.length; j++) {
                assertThat(m[i][j]).isEqualTo(m[j][i]).isBetween(-1.0, 1.0);
            }
        }
        assertThat(NearestCorrelation.minEigenvalue(m)).isGreaterThanOrEqualTo(-1e-12);
    }

    static double frobenius(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                s += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
            }
        }
        return Math.sqrt(s);
    }

    /**
     * Eigenvalues 1 + mu with -mu^3 + 2.11 mu - 1.134 = -(mu - 0.7)(mu^2 + 0.7 mu - 1.62) = 0: 1.7 and
     * 0.65 +- sqrt(1.7425) = 1.9700, -0.6700. Not a correlation matrix.
     */
    @Test
    void repairsAKnownInconsistentThreeByThree() {
        double[][] a = {{1, 0.9, 0.7}, {0.9, 1, -0.9}, {0.7, -0.9, 1}};
        NearestCorrelation.Result r = NearestCorrelation.repair(a);
        assertThat(r.changed()).isTrue();
        assertThat(r.minEigenvalueBefore()).isCloseTo(0.65 - Math.sqrt(1.7425), within(1e-12));
        assertCorrelationMatrix(r.matrix());
        // Higham's projections, cross-checked with an independent implementation:
        // rho12 = -rho23 = 0.553577, rho13 = 0.387105
        assertThat(r.matrix()[0][1]).isCloseTo(0.5535770148, within(1e-7));
        assertThat(r.matrix()[1][2]).isCloseTo(-0.5535770148, within(1e-7));
        assertThat(r.matrix()[0][2]).isCloseTo(0.3871049773, within(1e-7));
        // nearer than clipping the eigenvalues and rescaling
        assertThat(frobenius(r.matrix(), a)).isLessThan(frobenius(clipAndRescale(a), a));
        assertThat(a[0][1]).isEqualTo(0.9); // the input is not modified
    }

    /** Higham (2002), section 4: the nearest correlation matrix of tridiag(-1, 2, -1), n = 4. */
    @Test
    void matchesHighamsPublishedExample() {
        double[][] a = {{2, -1, 0, 0}, {-1, 2, -1, 0}, {0, -1, 2, -1}, {0, 0, -1, 2}};
        double[][] x = NearestCorrelation.repair(a).matrix();
        double[][] published = {
                {1, -0.8084, 0.1916, 0.1068},
                {-0.8084, 1, -0.6562, 0.1916},
                {0.1916, -0.6562, 1, -0.8084},
                {0.1068, 0.1916, -0.8084, 1}};
        for (int i = 0; i < 4; i++) {
            assertThat(x[i]).containsExactly(published[i], within(1e-4));
        }
        assertCorrelationMatrix(x);
    }

    @Test
    void leavesAValidMatrixUnchanged() {
        double[][] a = {{1, 0.82, 0.6}, {0.82, 1, 0.7}, {0.6, 0.7, 1}};
        NearestCorrelation.Result r = NearestCorrelation.repair(a);
        assertThat(r.changed()).isFalse();
        assertThat(r.iterations()).isZero();
        assertThat(r.minEigenvalueBefore()).isPositive();
        for (int i = 0; i < 3; i++) {
            assertThat(r.matrix()[i]).containsExactly(a[i]);
        }
        assertThat(r.matrix()).isNotSameAs(a);
        // singular but valid (perfect correlation): unchanged too
        assertThat(NearestCorrelation.repair(new double[][] {{1, 1}, {1, 1}}).changed()).isFalse();
    }

    @Test
    void rejectsAsymmetricOrNonFiniteInput() {
        assertThatThrownBy(() -> NearestCorrelation.repair(new double[][] {{1, 0.5}, {0.4, 1}}))
                .hasMessageContaining("not symmetric");
        assertThatThrownBy(() -> NearestCorrelation.repair(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}))
                .hasMessageContaining("not finite");
        assertThatThrownBy(() -> NearestCorrelation.repair(new double[][] {{1, 0}})).hasMessageContaining("square");
    }

    /** Any symmetric matrix of pairwise correlations in [-1, 1] becomes a valid one, and stays so. */
    @Property(tries = 150)
    void repairedIsAlwaysACorrelationMatrixAndRepairIsIdempotent(@ForAll("pairwise") double[][] a) {
        NearestCorrelation.Result r = NearestCorrelation.repair(a);
        assertCorrelationMatrix(r.matrix());
        NearestCorrelation.Result again = NearestCorrelation.repair(r.matrix());
        assertThat(again.changed()).isFalse();
    }

    /** A matrix built as a normalised Gram matrix is valid and left alone. */
    @Property(tries = 100)
    void validMatricesAreLeftAlone(@ForAll("loadings") double[][] f) {
        int n = f.length;
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < f[0].length; k++) {
                    g[i][j] += f[i][k] * f[j][k];
                }
            }
        }
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i][j] = i == j ? 1 : g[i][j] / Math.sqrt(g[i][i] * g[j][j]);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                c[i][j] = c[j][i];
            }
        }
        NearestCorrelation.Result r = NearestCorrelation.repair(c);
        assertThat(r.changed()).isFalse();
        assertThat(r.matrix()[0]).containsExactly(c[0]);
    }

    @Provide
    Arbitrary<double[][]> pairwise() {
        return Arbitraries.integers().between(2, 7).flatMap(n ->
                Arbitraries.doubles().between(-1, 1).array(double[].class).ofSize(n * (n - 1) / 2).map(v -> {
                    double[][] m = new double[n][n];
                    int k = 0;
                    for (int i = 0; i < n; i++) {
                        m[i][i] = 1;
                        for (int j = i + 1; j < n; j++) {
                            m[i][j] = v[k];
                            m[j][i] = v[k++];
                        }
                    }
                    return m;
                }));
    }

    @Provide
    Arbitrary<double[][]> loadings() {
        return Arbitraries.integers().between(2, 6).flatMap(n ->
                Arbitraries.doubles().between(-1, 1).array(double[].class).ofSize(n + 2)
                        .filter(row -> java.util.Arrays.stream(row).map(x -> x * x).sum() > 0.01)
                        .array(double[][].class).ofSize(n));
    }

    /** Eigenvalues clipped at 0, then D^-1/2 X D^-1/2: the simple alternative Higham improves on. */
    static double[][] clipAndRescale(double[][] a) {
        org.apache.commons.math3.linear.EigenDecomposition e =
                new org.apache.commons.math3.linear.EigenDecomposition(new org.apache.commons.math3.linear.Array2DRowRealMatrix(a));
        int n = a.length;
        double[][] x = new double[n][n];
        for (int k = 0; k < n; k++) {
            double l = Math.max(0, e.getRealEigenvalue(k));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    x[i][j] += e.getV().getEntry(i, k) * l * e.getV().getEntry(j, k);
                }
            }
        }
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i][j] = x[i][j] / Math.sqrt(x[i][i] * x[j][j]);
            }
        }
        return c;
    }
}
