package io.marginscope.risk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HistoricalVolTest {

    static final double[] R = {0.02, -0.01, 0.03, 0.0, -0.025, 0.015};

    /**
     * Window 4: the last four returns 0.03, 0, -0.025, 0.015 have mean 0.005, deviations 0.025,
     * -0.005, -0.03, 0.01, squares summing to 0.00165; / (4 - 1) = 0.00055; sqrt = 0.0234520787991.
     * Annualised on 365 days: 0.0234520787991 * sqrt(365) = 0.448051336344.
     */
    @Test
    void sampleStandardDeviationOfTheWindowByHand() {
        HistoricalVol h = new HistoricalVol(4);
        assertThat(h.dailyVol(R)).isCloseTo(Math.sqrt(0.00055), within(1e-15));
        assertThat(h.forecastAnnualVol(R, 1, 365)).isCloseTo(0.448051336344, within(1e-11));
        assertThat(h.forecastAnnualVol(R, 5, 365)).isEqualTo(h.forecastAnnualVol(R, 1, 365));
        // a window longer than the series uses all of it: mean 0.005, squares of deviations sum to
        // 0.0021 -> / 5 = 0.00042
        assertThat(new HistoricalVol(365).dailyVol(R)).isCloseTo(Math.sqrt(0.0021 / 5), within(1e-15));
        assertThat(h.name()).isEqualTo("historical");
    }

    @Test
    void conditionalVolsUseTheWindowBeforeEachReturn() {
        HistoricalVol h = new HistoricalVol(3);
        double[] sigma = h.conditionalDailyVols(R);
        assertThat(sigma).hasSize(R.length);
        double first = Math.sqrt(ReturnStats.sampleVariance(R, 0, 2)); // std of 0.02, -0.01
        assertThat(first).isCloseTo(Math.sqrt(0.00045), within(1e-15));
        assertThat(sigma[0]).isCloseTo(first, within(1e-15));
        assertThat(sigma[1]).isCloseTo(first, within(1e-15));
        assertThat(sigma[2]).isCloseTo(first, within(1e-15));
        for (int t = 3; t < R.length; t++) {
            assertThat(sigma[t]).as("t=%d", t).isCloseTo(Math.sqrt(ReturnStats.sampleVariance(R, t - 3, t)), within(1e-15));
        }
    }

    @Test
    void rollingSumsStayExactOnALongSeries() {
        double[] r = GarchVolTest.simulate(3000, 2e-6, 0.08, 0.9, 5L);
        HistoricalVol h = new HistoricalVol(250);
        double[] sigma = h.conditionalDailyVols(r);
        for (int t = 2; t < r.length; t += 97) {
            double exact = Math.sqrt(ReturnStats.sampleVariance(r, Math.max(0, t - 250), t));
            assertThat(sigma[t]).isCloseTo(exact, within(exact * 1e-9));
        }
    }

    @Test
    void needsTwoReturns() {
        assertThatThrownBy(() -> new HistoricalVol(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistoricalVol(30).dailyVol(new double[] {0.01}))
                .hasMessageContaining("at least 2 returns");
    }
}
