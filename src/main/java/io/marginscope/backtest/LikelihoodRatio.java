package io.marginscope.backtest;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/** Shared arithmetic of the likelihood-ratio backtests: log-likelihood terms and chi-square p-values. */
final class LikelihoodRatio {

    private static final ChiSquaredDistribution CHI2_1 = new ChiSquaredDistribution((RandomGenerator) null, 1);
    private static final ChiSquaredDistribution CHI2_2 = new ChiSquaredDistribution((RandomGenerator) null, 2);

    private LikelihoodRatio() {
    }

    /**
     * {@code k * ln(q)} with the limit {@code 0 * ln 0 = 0}: a zero count contributes nothing, whatever
     * the probability (also when the probability is 0/0 because its row of counts is empty).
     */
    static double countLog(long k, double q) {
        return k == 0 ? 0.0 : k * Math.log(q);
    }

    /**
     * {@code -2 ln(L0) + 2 ln(L1)} from the two log-likelihoods, clamped at 0: mathematically the
     * ratio is never negative (L1 is the maximum), a tiny negative value is rounding.
     */
    static double statistic(double logL0, double logL1) {
        double lr = -2.0 * logL0 + 2.0 * logL1;
        return lr > 0 ? lr : 0.0;
    }

    /**
     * Upper-tail probability {@code P(chi2(df) >= lr)} for df 1 or 2, from Commons Math's
     * {@link ChiSquaredDistribution} as {@code 1 - cdf}; below about 1e-16 it reads 0.
     */
    static double pValue(double lr, int df) {
        ChiSquaredDistribution d = switch (df) {
            case 1 -> CHI2_1;
            case 2 -> CHI2_2;
            default -> throw new IllegalArgumentException("df must be 1 or 2: " + df);
        };
        if (lr <= 0) {
            return 1.0;
        }
        double p = 1.0 - d.cumulativeProbability(lr);
        return Math.min(1.0, Math.max(0.0, p));
    }

    /** Checks a VaR confidence level: strictly between 0 and 1. */
    static double checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be strictly between 0 and 1: " + confidence);
        }
        return confidence;
    }
}
