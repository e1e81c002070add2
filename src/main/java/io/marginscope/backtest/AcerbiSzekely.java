package io.marginscope.backtest;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

import java.util.function.DoubleSupplier;

/**
 * The Acerbi-Szekely "Z2" backtest of expected shortfall:
 *
 * <pre>
 *   Z2 = sum_t X_t I_t / (T alpha ES_t) + 1,     I_t = 1{X_t &lt; -VaR_t},  alpha = 1 - c
 * </pre>
 *
 * with {@code X_t} the day's P&L (losses negative) and {@code VaR_t}, {@code ES_t} positive.
 * Since {@code E[X_t I_t] = -alpha ES_t} when the model is right, {@code E[Z2] = 0} under H0;
 * a negative Z2 means risk is underestimated (too many or too deep exceptions), a positive one
 * that it is overestimated.
 *
 * <p><b>p-value.</b> By simulation under H0 with the {@link Predictive} distribution: each
 * day {@code X_t = sigma_t D_t}, {@code sigma_t = VaR_t / q} so that VaR is right (normal:
 * {@code q = z_c}). Z2 is recomputed on M simulated samples with the same VaR and ES and
 * {@code p = #{simulated Z2 <= observed Z2} / M} (one-sided: small p rejects for underestimated
 * risk). The ES in the statistic is the input ES when given, else the ES the predictive
 * distribution implies from VaR ({@code sigma_t phi(z_c) / alpha} for the normal).
 *
 * <p>Reference: C. Acerbi, B. Szekely (2014), "Backtesting expected shortfall", Risk, December,
 * test 2.
 *
 * @param z2          the observed statistic
 * @param pValue      fraction of simulated Z2 at or below the observed one
 * @param simulations M
 * @param seed        the generator's seed
 * @param predictive  the distribution simulated under H0
 * @param esFromInput true when ES came with the data, false when implied by VaR
 */
public record AcerbiSzekely(double z2, double pValue, int simulations, long seed, Predictive predictive,
                            boolean esFromInput) {

    /**
     * The statistic Z2 for P&L {@code pnl}, positive {@code var} and {@code es}, all of one length T.
     */
    public static double z2(double[] pnl, double[] var, double[] es, double confidence) {
        checkLengths(pnl, var, es);
        double[] weight = weights(es, 1.0 - LikelihoodRatio.checkConfidence(confidence));
        double sum = 0;
        for (int t = 0; t < pnl.length; t++) {
            if (pnl[t] < -var[t]) {
                sum += pnl[t] * weight[t];
            }
        }
        return sum + 1.0;
    }

    /** 1 / (T alpha ES_t): the same arithmetic for the observed and the simulated statistic. */
    private static double[] weights(double[] es, double alpha) {
        double[] w = new double[es.length];
        for (int t = 0; t < es.length; t++) {
            w[t] = 1.0 / (es.length * alpha * es[t]);
        }
        return w;
    }

    /** The ES per day implied by VaR under {@code predictive}: {@code VaR_t / q * es_D(alpha)}. */
    public static double[] impliedEs(double[] var, double confidence, Predictive predictive) {
        double alpha = 1.0 - LikelihoodRatio.checkConfidence(confidence);
        double ratio = predictive.standardEs(alpha) / predictive.standardVar(alpha);
        double[] es = new double[var.length];
        for (int t = 0; t < var.length; t++) {
            es[t] = var[t] * ratio;
        }
        return es;
    }

    /**
     * Runs the test. {@code es} may be null: the VaR-implied ES of the simulation's predictive
     * distribution is used then.
     */
    public static AcerbiSzekely test(double[] pnl, double[] var, double[] es, double confidence, EsSimulation sim) {
        boolean fromInput = es != null;
        double[] shortfall = fromInput ? es : impliedEs(var, confidence, sim.predictive());
        double observed = z2(pnl, var, shortfall, confidence);
        double p = simulate(observed, var, shortfall, confidence, sim);
        return new AcerbiSzekely(observed, p, sim.simulations(), sim.seed(), sim.predictive(), fromInput);
    }

    /** Runs the test on a series, with its ES column when it has one. */
    public static AcerbiSzekely test(BacktestSeries series, double confidence, EsSimulation sim) {
        return test(series.pnl(), series.var(), series.hasEs() ? series.es() : null, confidence, sim);
    }

    private static double simulate(double observed, double[] var, double[] es, double confidence, EsSimulation sim) {
        double alpha = 1.0 - confidence;
        int n = var.length;
        double q = sim.predictive().standardVar(alpha);
        double[] sigma = new double[n];
        for (int t = 0; t < n; t++) {
            sigma[t] = var[t] / q;
        }
        double[] weight = weights(es, alpha);
        RandomGenerator rng = new Well19937c(sim.seed());
        DoubleSupplier draw = sim.predictive().sampler(rng);
        int atOrBelow = 0;
        for (int m = 0; m < sim.simulations(); m++) {
            double sum = 0;
            for (int t = 0; t < n; t++) {
                double x = sigma[t] * draw.getAsDouble();
                if (x < -var[t]) {
                    sum += x * weight[t];
                }
            }
            if (sum + 1.0 <= observed) {
                atOrBelow++;
            }
        }
        return (double) atOrBelow / sim.simulations();
    }

    private static int checkLengths(double[] pnl, double[] var, double[] es) {
        int n = pnl.length;
        if (n == 0) {
            throw new IllegalArgumentException("need at least one observation");
        }
        if (var.length != n || es.length != n) {
            throw new IllegalArgumentException("pnl, var and es must have the same length");
        }
        for (int t = 0; t < n; t++) {
            if (!(var[t] > 0) || !(es[t] > 0)) {
                throw new IllegalArgumentException("var and es must be positive (day " + t + ")");
            }
        }
        return n;
    }
}
