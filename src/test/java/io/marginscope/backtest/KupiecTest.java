package io.marginscope.backtest;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class KupiecTest {

    @Test
    void twoExceptionsInTenDaysAt95() {
        // n = 10, x = 2, p = 0.05, x/n = 0.2
        // ln L0 = 8 ln 0.95 + 2 ln 0.05 = 8(-0.0512933) + 2(-2.9957323) = -0.4103464 - 5.9914645 = -6.4018109
        // ln L1 = 8 ln 0.80 + 2 ln 0.20 = 8(-0.2231436) + 2(-1.6094379) = -1.7851484 - 3.2188758 = -5.0040242
        // LR = -2(-6.4018109) + 2(-5.0040242) = 12.8036218 - 10.0080484 = 2.7955734
        // p = P(chi2(1) >= 2.7955734) = 0.0945250
        Kupiec k = Kupiec.test(10, 2, 0.95);
        assertThat(k.lr()).isCloseTo(2.7955733336530155, within(1e-12));
        assertThat(k.pValue()).isCloseTo(0.09452495105441411, within(1e-9));
        assertThat(k.rejects(0.05)).isFalse();
        assertThat(k.rejects(0.10)).isTrue();
    }

    @Test
    void noExceptionsIsFinite() {
        // x = 0: ln L1 = 10 ln 1 + 0 ln 0 = 0 (0 ln 0 = 0); LR = -2 * 10 ln 0.95 = -20(-0.0512933) = 1.0258659
        Kupiec k = Kupiec.test(10, 0, 0.95);
        assertThat(k.lr()).isCloseTo(1.0258658877510116, within(1e-12));
        assertThat(k.pValue()).isCloseTo(0.31113163348704836, within(1e-9));
    }

    @Test
    void allExceptionsIsFinite() {
        // x = n = 10: ln L0 = 0 ln 0.95 + 10 ln 0.05 = -29.9573227; ln L1 = 0 ln 0 + 10 ln 1 = 0
        // LR = 59.9146455, p = 9.9e-15
        Kupiec k = Kupiec.test(10, 10, 0.95);
        assertThat(k.lr()).isCloseTo(59.914645471079815, within(1e-10));
        assertThat(k.pValue()).isBetween(0.0, 1e-13);
        assertThat(k.rejects(0.01)).isTrue();
    }

    @Test
    void exactlyTheExpectedRateIsNotEvidence() {
        Kupiec k = Kupiec.test(100, 1, 0.99);
        assertThat(k.lr()).isCloseTo(0.0, within(1e-12));
        assertThat(k.pValue()).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> Kupiec.test(0, 0, 0.99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Kupiec.test(10, 11, 0.99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Kupiec.test(10, 1, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void alwaysFiniteAndNonNegative(@ForAll @IntRange(min = 1, max = 3000) int n,
                                    @ForAll @DoubleRange(min = 0, max = 1) double share,
                                    @ForAll @DoubleRange(min = 0.5, max = 0.9999) @Scale(6) double confidence) {
        int x = (int) Math.round(share * n);
        Kupiec k = Kupiec.test(n, x, confidence);
        assertThat(k.lr()).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(k.pValue()).isBetween(0.0, 1.0);
    }

    /**
     * A correct model (normal P&L, its true 99% VaR) over 500 seeds x 250 days. The exact size of
     * the 5% test at n = 250, p = 1% is 9.48%, not 5%: the count is discrete and x = 0 already
     * rejects (LR = -500 ln 0.99 = 5.03 > 3.84; P(X = 0) = 8.1%), as do x &ge; 7 (1.4%). So the
     * observed rate is compared with that exact size, within 4 binomial standard deviations.
     */
    @Test
    void correctModelIsRejectedAboutAsOftenAsTheTestsExactSize() {
        int seeds = 500;
        int days = 250;
        double confidence = 0.99;
        double var = 2.3263478740408408; // z_0.99 for sigma = 1
        int rejected = 0;
        for (int s = 0; s < seeds; s++) {
            RandomGenerator rng = new Well19937c(1000L + s);
            boolean[] hits = new boolean[days];
            for (int t = 0; t < days; t++) {
                hits[t] = rng.nextGaussian() < -var;
            }
            if (Kupiec.test(hits, confidence).rejects(0.05)) {
                rejected++;
            }
        }
        double exactSize = exactSize(days, 1 - confidence, 0.05);
        double rate = (double) rejected / seeds;
        double sd = Math.sqrt(exactSize * (1 - exactSize) / seeds);
        System.out.printf("Kupiec 5%% test, correct model, %d seeds x %d days: rejected %.2f%% (exact size %.2f%%)%n",
                seeds, days, 100 * rate, 100 * exactSize);
        assertThat(exactSize).isCloseTo(0.0948, within(0.0005));
        assertThat(rate).isBetween(exactSize - 4 * sd, exactSize + 4 * sd).isBetween(0.01, 0.15);
    }

    /** P(reject at level) under H0, summing the binomial probabilities of the rejected counts. */
    static double exactSize(int n, double p, double level) {
        BinomialDistribution b = new BinomialDistribution(null, n, p);
        double size = 0;
        for (int x = 0; x <= n; x++) {
            if (Kupiec.test(n, x, 1 - p).rejects(level)) {
                size += b.probability(x);
            }
        }
        return size;
    }
}
