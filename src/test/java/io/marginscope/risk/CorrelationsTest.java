package io.marginscope.risk;

import io.marginscope.model.MarketSnapshot.AssetPair;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CorrelationsTest {

    static ReturnSeries series(List<String> assets, double[]... rows) {
        List<LocalDate> dates = new ArrayList<>();
        for (int t = 0; t < rows[0].length; t++) {
            dates.add(LocalDate.parse("2024-01-02").plusDays(t));
        }
        return new ReturnSeries(assets, dates, rows);
    }

    /**
     * x = 1, 2, 3, 4 and y = 1, 3, 2, 4 (per cent): deviations from 2.5 are -1.5, -0.5, 0.5, 1.5
     * and -1.5, 0.5, -0.5, 1.5; sum of products 2.25 - 0.25 - 0.25 + 2.25 = 4, sums of squares 5
     * and 5: rho = 4 / 5 = 0.8.
     */
    @Test
    void sampleCorrelationByHand() {
        double[] x = {0.01, 0.02, 0.03, 0.04};
        double[] y = {0.01, 0.03, 0.02, 0.04};
        double[] minusX = {-0.01, -0.02, -0.03, -0.04};
        double[] flat = {0, 0, 0, 0};
        CorrelationMatrix c = Correlations.sample(series(List.of("X", "Y", "Z", "USDC"), x, y, minusX, flat));
        assertThat(c.get("X", "Y")).isCloseTo(0.8, within(1e-12));
        assertThat(c.get("Y", "X")).isEqualTo(c.get("X", "Y"));
        assertThat(c.get("X", "Z")).isCloseTo(-1, within(1e-12));
        assertThat(c.get("X", "X")).isEqualTo(1);
        // no variance, no correlation
        assertThat(c.get("USDC", "X")).isZero();
        assertThat(c.get("USDC", "USDC")).isEqualTo(1);
        assertThatThrownBy(() -> Correlations.sample(series(List.of("X"), new double[] {0.01})))
                .hasMessageContaining("at least 2");
    }

    /**
     * lambda 0.9, a = 0.01, -0.02, 0.015 and b = 0.005, -0.01, -0.02. Seed (all 3 returns, fewer
     * than 30): the sample covariance [[3.583333e-4, -4.166667e-6], [-4.166667e-6, 1.583333e-4]];
     * three steps C = 0.9 C + 0.1 r r^T give [[3.27825e-4, -1.09875e-5], [-1.09875e-5, 1.6645e-4]],
     * rho = -1.09875e-5 / sqrt(3.27825e-4 * 1.6645e-4) = -0.0470366034434.
     */
    @Test
    void ewmaCorrelationByHandAndConsistentWithEwmaVol() {
        double[] a = {0.01, -0.02, 0.015};
        double[] b = {0.005, -0.01, -0.02};
        ReturnSeries r = series(List.of("A", "B"), a, b);
        double[][] cov = Correlations.ewmaCovariance(r, 0.9);
        assertThat(cov[0]).containsExactly(new double[] {3.27825e-4, -1.09875e-5}, within(1e-16));
        assertThat(cov[1]).containsExactly(new double[] {-1.09875e-5, 1.6645e-4}, within(1e-16));
        assertThat(Correlations.ewma(r, 0.9).get("A", "B")).isCloseTo(-0.0470366034434, within(1e-12));
        assertThat(cov[0][0]).isCloseTo(new EwmaVol(0.9).nextVariance(a), within(1e-18));
        assertThat(cov[1][1]).isCloseTo(new EwmaVol(0.9).nextVariance(b), within(1e-18));

        double[] twice = {0.02, -0.04, 0.03};
        assertThat(Correlations.ewma(series(List.of("A", "A2"), a, twice), 0.94).get("A", "A2")).isCloseTo(1, within(1e-12));
    }

    @Test
    void bookMatrixTakesGivenPairsFirstThenEstimatesThenZero() {
        CorrelationMatrix estimated = new CorrelationMatrix(List.of("BTC", "ETH"), new double[][] {{1, 0.7}, {0.7, 1}});
        Map<AssetPair, Double> given = Map.of(new AssetPair("ETH", "BTC"), 0.82);
        Correlations.BookCorrelation book = Correlations.forBook(List.of("BTC", "ETH", "SOL"), given, estimated);
        CorrelationMatrix m = book.matrix();
        assertThat(m.get("BTC", "ETH")).isEqualTo(0.82);
        assertThat(m.get("SOL", "BTC")).isZero();
        assertThat(m.get("SOL", "SOL")).isEqualTo(1);
        assertThat(book.repaired()).isFalse();
        assertThat(book.warnings()).containsExactly(
                "SOL: no price history; correlation 0 with BTC, ETH (not given in the snapshot)");

        // a given pair for the missing asset is used, and not warned about
        Map<AssetPair, Double> withSol = Map.of(new AssetPair("SOL", "BTC"), 0.5);
        Correlations.BookCorrelation b2 = Correlations.forBook(List.of("BTC", "ETH", "SOL"), withSol, estimated);
        assertThat(b2.matrix().get("BTC", "ETH")).isEqualTo(0.7);
        assertThat(b2.matrix().get("BTC", "SOL")).isEqualTo(0.5);
        assertThat(b2.warnings()).containsExactly(
                "SOL: no price history; correlation 0 with ETH (not given in the snapshot)");

        // no history: missing pairs are 0, as FORMATS.md says, without a warning
        Correlations.BookCorrelation b3 = Correlations.forBook(List.of("BTC", "ETH", "SOL"), given, null);
        assertThat(b3.matrix().get("ETH", "SOL")).isZero();
        assertThat(b3.warnings()).isEmpty();
    }

    @Test
    void inconsistentGivenPairsAreRepairedWithAWarning() {
        Map<AssetPair, Double> given = Map.of(
                new AssetPair("BTC", "ETH"), 0.9,
                new AssetPair("BTC", "SOL"), 0.7,
                new AssetPair("ETH", "SOL"), -0.9);
        Correlations.BookCorrelation book = Correlations.forBook(List.of("BTC", "ETH", "SOL"), given, null);
        assertThat(book.repaired()).isTrue();
        NearestCorrelationTest.assertCorrelationMatrix(book.matrix().values());
        assertThat(book.matrix().get("BTC", "ETH")).isCloseTo(0.553577, within(1e-6));
        assertThat(book.warnings()).singleElement().asString().isEqualTo(
                "correlation matrix of BTC, ETH, SOL is not positive semi-definite (smallest eigenvalue -0.6700);"
                        + " replaced by the nearest correlation matrix (Higham 2002), largest change BTC/ETH 0.9000 -> 0.5536");
    }
}
