package io.marginscope.backtest;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AcerbiSzekelyTest {

    static final double Z99 = 2.3263478740408408;
    /** Normal ES at 99% for sigma = 1: phi(z) / 0.01. */
    static final double ES99 = 2.665214220345808;

    @Test
    void statisticByHand() {
        // c = 0.75, alpha = 0.25, T = 4, VaR 2, ES 4 every day; exceptions on days 1 (-3) and 4 (-5)
        // Z2 = (-3/4 - 5/4) / (4 * 0.25) + 1 = -2 / 1 + 1 = -1
        double z2 = AcerbiSzekely.z2(new double[] {-3, 1, -1, -5}, new double[] {2, 2, 2, 2},
                new double[] {4, 4, 4, 4}, 0.75);
        assertThat(z2).isCloseTo(-1.0, within(1e-12));
    }

    @Test
    void noExceptionsGivesOneAndPValueOne() {
        double[] pnl = {1, -1, 0.5};
        double[] var = {2, 2, 2};
        AcerbiSzekely t = AcerbiSzekely.test(pnl, var, null, 0.99,
                new EsSimulation(Predictive.normal(), 500, 7));
        assertThat(t.z2()).isEqualTo(1.0);
        assertThat(t.pValue()).isEqualTo(1.0); // every simulated Z2 is at most 1
        assertThat(t.esFromInput()).isFalse();
    }

    @Test
    void impliedEsFromVar() {
        // normal: ES / VaR = phi(z) / (alpha z) = 2.6652142 / 2.3263479 = 1.1456645
        assertThat(AcerbiSzekely.impliedEs(new double[] {Z99}, 0.99, Predictive.normal())[0])
                .isCloseTo(ES99, within(1e-9));
        // Student-t(4) at 1%: q = 3.7469474, ES = f(q)(4 + q^2)/(3 * 0.01) = 5.2205842 (numerical integral agrees)
        Predictive t4 = Predictive.studentT(4);
        assertThat(t4.standardVar(0.01)).isCloseTo(3.746947387979197, within(1e-8));
        assertThat(t4.standardEs(0.01)).isCloseTo(5.22058419449222, within(1e-7));
        assertThat(t4.label()).isEqualTo("student-t(4)");
        assertThat(Predictive.normal().label()).isEqualTo("normal");
        assertThatThrownBy(() -> Predictive.studentT(1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A correct normal model: the average Z2 over 400 years of 250 days is near 0 (sd of the mean ~0.03). */
    @Test
    void correctModelAveragesZero() {
        double mean = meanZ2(400, 250, 1.0, Predictive.normal());
        System.out.printf("Z2, correct normal model, 400 x 250 days: mean %.4f%n", mean);
        assertThat(mean).isCloseTo(0.0, within(0.12));
    }

    /**
     * VaR and ES half the truth: exceptions at 1.163 sigma happen 12% of days, and
     * E[Z2] = 1 - 2 phi(1.163) / (0.01 * 2.665) = 1 - 15.2 = -14.2.
     */
    @Test
    void understatedRiskIsClearlyNegative() {
        double mean = meanZ2(100, 250, 0.5, Predictive.normal());
        System.out.printf("Z2, VaR and ES understated by half, 100 x 250 days: mean %.3f%n", mean);
        assertThat(mean).isBetween(-16.0, -12.5);

        Sample s = sample(99, 250, 0.5, Predictive.normal());
        AcerbiSzekely t = AcerbiSzekely.test(s.pnl, s.var, s.es, 0.99, new EsSimulation(Predictive.normal(), 2000, 1));
        assertThat(t.z2()).isLessThan(-5);
        assertThat(t.pValue()).isZero();
    }

    @Test
    void pValueIsReproducibleAndRoughlyUniformUnderH0() {
        Sample s = sample(5, 250, 1.0, Predictive.normal());
        EsSimulation sim = new EsSimulation(Predictive.normal(), 1000, 42);
        AcerbiSzekely a = AcerbiSzekely.test(s.pnl, s.var, s.es, 0.99, sim);
        AcerbiSzekely b = AcerbiSzekely.test(s.pnl, s.var, s.es, 0.99, sim);
        assertThat(a).isEqualTo(b);
        assertThat(a.esFromInput()).isTrue();

        int years = 100;
        int rejected = 0;
        for (int y = 0; y < years; y++) {
            Sample h0 = sample(500 + y, 250, 1.0, Predictive.normal());
            AcerbiSzekely t = AcerbiSzekely.test(h0.pnl, h0.var, null, 0.99,
                    new EsSimulation(Predictive.normal(), 400, y));
            if (t.pValue() < 0.05) {
                rejected++;
            }
        }
        // nominal 5%; binomial sd over 100 years ~2.2%
        assertThat(rejected).isBetween(0, 13);
    }

    @Test
    void studentTPredictiveIsCentredWhenTheDataAreStudentT() {
        Predictive t4 = Predictive.studentT(4);
        double mean = meanZ2(300, 250, 1.0, t4);
        assertThat(mean).isCloseTo(0.0, within(0.2));
        // the same fat-tailed data judged with the normal ES implied by their (right) VaR: that ES is too
        // small by the ratio (ES/VaR normal) / (ES/VaR t4) = 1.1456645 / (5.2205842 / 3.7469474) = 0.8223,
        // so E[Z2] = 1 - 1 / 0.8223 = -0.216
        double normalJudged = 0;
        for (int y = 0; y < 300; y++) {
            Sample s = sample(y, 250, 1.0, t4);
            normalJudged += AcerbiSzekely.z2(s.pnl, s.var, AcerbiSzekely.impliedEs(s.var, 0.99, Predictive.normal()),
                    0.99);
        }
        assertThat(normalJudged / 300).isCloseTo(-0.216, within(0.12));
        Sample s = sample(3, 250, 1.0, t4);
        AcerbiSzekely test = AcerbiSzekely.test(s.pnl, s.var, null, 0.99, new EsSimulation(t4, 500, 3));
        assertThat(test.predictive()).isEqualTo(t4);
        assertThat(test.pValue()).isBetween(0.0, 1.0);
    }

    record Sample(double[] pnl, double[] var, double[] es) { }

    /**
     * One year of P&L drawn from {@code dist} with a daily scale that changes (1 to 3), and the
     * model's VaR and ES: the true ones times {@code scale}.
     */
    static Sample sample(long seed, int days, double scale, Predictive dist) {
        RandomGenerator rng = new Well19937c(seed);
        var draw = dist.sampler(rng);
        double q = dist.standardVar(0.01);
        double esD = dist.standardEs(0.01);
        double[] pnl = new double[days];
        double[] var = new double[days];
        double[] es = new double[days];
        for (int t = 0; t < days; t++) {
            double sigma = 1 + 2 * (t % 7) / 6.0;
            pnl[t] = sigma * draw.getAsDouble();
            var[t] = scale * sigma * q;
            es[t] = scale * sigma * esD;
        }
        return new Sample(pnl, var, es);
    }

    static double meanZ2(int years, int days, double scale, Predictive dist) {
        double[] z = new double[years];
        for (int y = 0; y < years; y++) {
            Sample s = sample(10_000L + y, days, scale, dist);
            z[y] = AcerbiSzekely.z2(s.pnl, s.var, s.es, 0.99);
        }
        return Arrays.stream(z).average().orElseThrow();
    }

    @Test
    void studentTSamplerHasTheRightQuantile() {
        Predictive t4 = Predictive.studentT(4);
        var draw = t4.sampler(new Well19937c(11));
        int below = 0;
        int n = 200_000;
        double q = new TDistribution(null, 4).inverseCumulativeProbability(0.05);
        for (int i = 0; i < n; i++) {
            if (draw.getAsDouble() < q) {
                below++;
            }
        }
        assertThat((double) below / n).isCloseTo(0.05, within(0.003));
    }
}
