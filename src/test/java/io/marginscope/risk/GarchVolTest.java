package io.marginscope.risk;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GarchVolTest {

    static final double OMEGA = 2e-6;
    static final double ALPHA = 0.08;
    static final double BETA = 0.90;

    /**
     * A GARCH(1,1) path with Gaussian shocks: sigma2 starts at the long-run variance, the first
     * 500 returns are a burn-in and dropped.
     */
    static double[] simulate(int n, double omega, double alpha, double beta, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double s2 = omega / (1 - alpha - beta);
        int burn = 500;
        double[] r = new double[n];
        for (int t = -burn; t < n; t++) {
            double x = Math.sqrt(s2) * gaussian(rnd);
            if (t >= 0) {
                r[t] = x;
            }
            s2 = omega + alpha * x * x + beta * s2;
        }
        return r;
    }

    /** Box-Muller, so the test does not depend on a library's generator. */
    static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Test
    void maximumLikelihoodRecoversTheParametersOfASimulatedSeries() {
        double[] r = simulate(4000, OMEGA, ALPHA, BETA, 20_241_120L);
        GarchFit fit = new GarchVol().fit(r);

        assertThat(fit.converged()).isTrue();
        assertThat(fit.usable()).isTrue();
        assertThat(fit.note()).isEmpty();
        // sampling error of 4000 returns: standard errors about 0.01 (alpha) and 0.015 (beta)
        assertThat(fit.alpha()).isCloseTo(ALPHA, within(0.03));
        assertThat(fit.beta()).isCloseTo(BETA, within(0.04));
        assertThat(fit.persistence()).isCloseTo(ALPHA + BETA, within(0.02));
        // long-run daily variance 1e-4 (vol 1% a day): within 30%
        assertThat(fit.longRunVariance()).isCloseTo(1e-4, within(3e-5));
        // the maximum is at least as likely as the true parameters
        double v = ReturnStats.sampleVariance(r, 0, r.length);
        assertThat(fit.logLikelihood())
                .isGreaterThanOrEqualTo(GarchVol.logLikelihood(r, OMEGA, ALPHA, BETA, v) - 1e-6)
                .isCloseTo(GarchVol.logLikelihood(r, fit.omega(), fit.alpha(), fit.beta(), v), within(1e-9));
    }

    @Test
    void varianceTargetingFitsAlphaAndBetaWithTheSampleVariance() {
        double[] r = simulate(4000, OMEGA, ALPHA, BETA, 20_241_120L);
        GarchFit fit = GarchVol.withVarianceTargeting().fit(r);
        double v = ReturnStats.sampleVariance(r, 0, r.length);
        assertThat(fit.usable()).isTrue();
        assertThat(fit.longRunVariance()).isCloseTo(v, within(v * 1e-9));
        assertThat(fit.alpha()).isCloseTo(ALPHA, within(0.03));
        assertThat(fit.persistence()).isCloseTo(ALPHA + BETA, within(0.02));
    }

    @Test
    void horizonForecastIsTheClosedFormSumOfExpectedVariances() {
        double[] r = simulate(1500, OMEGA, ALPHA, BETA, 7L);
        GarchVol model = new GarchVol();
        GarchFit fit = model.fit(r);
        double[] s2 = GarchVol.variances(fit, r);
        double next = s2[r.length];
        // sigma2_{T+1} from the recursion on the last return
        assertThat(next).isCloseTo(fit.omega() + fit.alpha() * r[r.length - 1] * r[r.length - 1]
                + fit.beta() * s2[r.length - 1], within(1e-18));
        double vl = fit.omega() / (1 - fit.alpha() - fit.beta());
        for (int h : new int[] {1, 2, 10, 30}) {
            double sum = 0;
            double iterated = 0;
            double e = next;
            for (int i = 1; i <= h; i++) {
                sum += vl + Math.pow(fit.alpha() + fit.beta(), i - 1) * (next - vl);
                iterated += e;
                e = fit.omega() + (fit.alpha() + fit.beta()) * e; // E[sigma2_{T+i+1}] given E[sigma2_{T+i}]
            }
            assertThat(GarchVol.horizonVariance(fit, next, h)).isCloseTo(sum, within(sum * 1e-12))
                    .isCloseTo(iterated, within(sum * 1e-12));
            double expected = Math.sqrt(sum * 365 / h);
            assertThat(model.forecastAnnualVol(r, h, 365)).isCloseTo(expected, within(1e-12));
            assertThat(model.estimate(r, h, 365).model()).isEqualTo("garch");
        }
        // one day ahead is just sigma2_{T+1}; far ahead it reverts towards VL
        assertThat(model.forecastAnnualVol(r, 1, 365)).isCloseTo(Math.sqrt(next * 365), within(1e-12));
        double far = model.forecastAnnualVol(r, 10_000, 365);
        assertThat(Math.abs(far - Math.sqrt(vl * 365))).isLessThan(Math.abs(Math.sqrt(next * 365) - Math.sqrt(vl * 365)));
    }

    @Test
    void conditionalVolsFollowTheFittedRecursion() {
        double[] r = simulate(800, OMEGA, ALPHA, BETA, 11L);
        GarchVol model = new GarchVol();
        GarchFit fit = model.fit(r);
        double[] sigma = model.conditionalDailyVols(r);
        assertThat(sigma).hasSize(r.length);
        assertThat(sigma[0] * sigma[0]).isCloseTo(ReturnStats.sampleVariance(r, 0, r.length), within(1e-15));
        for (int t = 1; t < r.length; t++) {
            double s2 = fit.omega() + fit.alpha() * r[t - 1] * r[t - 1] + fit.beta() * sigma[t - 1] * sigma[t - 1];
            assertThat(sigma[t] * sigma[t]).isCloseTo(s2, within(1e-15));
        }
    }

    @Test
    void shortSeriesFallsBackToEwmaAndSaysSo() {
        double[] r = simulate(99, OMEGA, ALPHA, BETA, 3L);
        GarchVol model = new GarchVol();
        GarchFit fit = model.fit(r);
        assertThat(fit.usable()).isFalse();
        assertThat(fit.note()).contains("at least 100 returns, got 99");

        VolForecast f = model.estimate(r, 2, 365);
        assertThat(f.model()).isEqualTo("ewma");
        assertThat(f.warnings()).singleElement().asString().contains("got 99").contains("EWMA (lambda 0.94) used instead");
        assertThat(f.annualVol()).isEqualTo(new EwmaVol(0.94).forecastAnnualVol(r, 2, 365));
        assertThat(model.forecastAnnualVol(r, 2, 365)).isEqualTo(f.annualVol());
        assertThat(model.conditionalDailyVols(r)).containsExactly(new EwmaVol(0.94).conditionalDailyVols(r));
    }

    @Test
    void constantSeriesCannotBeFitted() {
        GarchFit fit = new GarchVol().fit(new double[200]);
        assertThat(fit.usable()).isFalse();
        assertThat(fit.note()).contains("do not vary");
    }
}
