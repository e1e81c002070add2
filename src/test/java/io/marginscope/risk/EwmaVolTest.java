package io.marginscope.risk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EwmaVolTest {

    static final double[] R = {0.01, -0.02, 0.015, -0.005, 0.03};

    /**
     * By hand, lambda = 0.94. Seed: the sample variance of all 5 returns (fewer than 30): mean
     * 0.006, deviations 0.004, -0.026, 0.009, -0.011, 0.024, squares summing to 0.00147, / 4 =
     * 0.0003675. Then sigma2[t+1] = 0.94 sigma2[t] + 0.06 r[t]^2:
     * <pre>
     * sigma2[1] = 0.94 * 0.0003675      + 0.06 * 0.0001   = 0.00035145
     * sigma2[2] = 0.94 * 0.00035145     + 0.06 * 0.0004   = 0.000354363
     * sigma2[3] = 0.94 * 0.000354363    + 0.06 * 0.000225 = 0.00034660122
     * sigma2[4] = 0.94 * 0.00034660122  + 0.06 * 0.000025 = 0.0003273051468
     * sigma2[5] = 0.94 * 0.0003273051468 + 0.06 * 0.0009  = 0.000361666837992
     * </pre>
     * Annualised on 365 days: sqrt(0.000361666837992 * 365) = 0.363329596739765.
     */
    @Test
    void recursionMatchesAHandComputation() {
        EwmaVol ewma = new EwmaVol(0.94);
        assertThat(EwmaVol.seedVariance(R)).isCloseTo(0.0003675, within(1e-18));
        assertThat(ewma.variances(R)).containsExactly(
                new double[] {0.0003675, 0.00035145, 0.000354363, 0.00034660122, 0.0003273051468, 0.000361666837992},
                within(1e-17));
        assertThat(ewma.forecastAnnualVol(R, 1, 365)).isCloseTo(0.363329596739765, within(1e-14));
        // flat over the horizon: no mean reversion
        assertThat(ewma.forecastAnnualVol(R, 10, 365)).isEqualTo(ewma.forecastAnnualVol(R, 1, 365));
        assertThat(ewma.conditionalDailyVols(R)).containsExactly(new double[] {
                Math.sqrt(0.0003675), Math.sqrt(0.00035145), Math.sqrt(0.000354363), Math.sqrt(0.00034660122),
                Math.sqrt(0.0003273051468)}, within(1e-15));
        assertThat(ewma.name()).isEqualTo("ewma");
        assertThat(new EwmaVol().lambda()).isEqualTo(0.94);
    }

    @Test
    void seedUsesTheFirstThirtyReturnsOnly() {
        double[] r = new double[40];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < 30 ? (i % 2 == 0 ? 0.01 : -0.01) : 0.5;
        }
        // the first 30 alternate +-0.01: mean 0, sample variance 30 * 0.0001 / 29; the 0.5s are not in it
        assertThat(EwmaVol.seedVariance(r)).isCloseTo(30 * 0.0001 / 29, within(1e-18));
        assertThat(EwmaVol.seedVariance(new double[] {0.02})).isCloseTo(0.0004, within(1e-18));
    }

    @Test
    void rejectsBadInputs() {
        assertThatThrownBy(() -> new EwmaVol(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EwmaVol(0.94).variances(new double[0])).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new EwmaVol(0.94).variances(new double[] {0.1, Double.NaN}))
                .hasMessageContaining("not finite");
        assertThatThrownBy(() -> new EwmaVol(0.94).forecastAnnualVol(R, 0, 365)).hasMessageContaining("horizonDays");
    }
}
