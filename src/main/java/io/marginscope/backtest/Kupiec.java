package io.marginscope.backtest;

/**
 * Kupiec's proportion-of-failures (POF) test of unconditional coverage: does the VaR model's
 * exception count {@code x} over {@code n} days agree with the expected rate {@code p = 1 - c}?
 *
 * <pre>
 *   LR_pof = -2 ln[(1-p)^(n-x) p^x] + 2 ln[(1-x/n)^(n-x) (x/n)^x]   ~ chi-square(1) under H0
 * </pre>
 *
 * The second term is the likelihood at the observed rate {@code x/n}. With {@code 0 ln 0 = 0}
 * the statistic is finite at both ends: {@code x = 0} gives {@code -2 n ln(1-p)} and
 * {@code x = n} gives {@code -2 n ln p}. Large LR (small p-value) rejects the model, in either
 * direction (too many or too few exceptions).
 *
 * <p>Reference: P. Kupiec (1995), "Techniques for verifying the accuracy of risk measurement
 * models", Journal of Derivatives 3(2), 73-84.
 *
 * @param observations n, the number of days
 * @param exceptions   x, the days with a loss beyond VaR
 * @param confidence   the VaR confidence c (0.99); p = 1 - c
 * @param lr           LR_pof, never negative, never NaN
 * @param pValue       P(chi-square(1) &ge; LR_pof)
 */
public record Kupiec(int observations, int exceptions, double confidence, double lr, double pValue) {

    /** Runs the test. */
    public static Kupiec test(int observations, int exceptions, double confidence) {
        if (observations < 1) {
            throw new IllegalArgumentException("need at least one observation");
        }
        if (exceptions < 0 || exceptions > observations) {
            throw new IllegalArgumentException("exceptions must be in [0, " + observations + "]: " + exceptions);
        }
        double p = 1.0 - LikelihoodRatio.checkConfidence(confidence);
        int n = observations;
        int x = exceptions;
        double rate = (double) x / n;
        double logL0 = LikelihoodRatio.countLog(n - x, 1 - p) + LikelihoodRatio.countLog(x, p);
        double logL1 = LikelihoodRatio.countLog(n - x, 1 - rate) + LikelihoodRatio.countLog(x, rate);
        double lr = LikelihoodRatio.statistic(logL0, logL1);
        return new Kupiec(n, x, confidence, lr, LikelihoodRatio.pValue(lr, 1));
    }

    /** Runs the test on an exception indicator sequence. */
    public static Kupiec test(boolean[] exceptionDays, double confidence) {
        int x = 0;
        for (boolean e : exceptionDays) {
            if (e) {
                x++;
            }
        }
        return test(exceptionDays.length, x, confidence);
    }

    /** Whether H0 (correct coverage) is rejected at significance level {@code level} (0.05). */
    public boolean rejects(double level) {
        return pValue < level;
    }
}
