package io.marginscope.backtest;

/**
 * Christoffersen's independence and conditional-coverage tests on the exception indicator
 * sequence {@code I_1..I_n} (1 on an exception day).
 *
 * <p>Transition counts over the {@code n - 1} consecutive pairs: {@code n_ij} = number of days
 * {@code t} with {@code I_(t-1) = i} and {@code I_t = j}. With
 * {@code pi = (n01 + n11) / (n00 + n01 + n10 + n11)}, {@code pi0 = n01 / (n00 + n01)} (exception
 * after a quiet day) and {@code pi1 = n11 / (n10 + n11)} (exception after an exception):
 *
 * <pre>
 *   LR_ind = -2 ln[(1-pi)^(n00+n10) pi^(n01+n11)]
 *            + 2 ln[(1-pi0)^n00 pi0^n01 (1-pi1)^n10 pi1^n11]   ~ chi-square(1)
 *   LR_cc  = LR_pof + LR_ind                                   ~ chi-square(2)
 * </pre>
 *
 * LR_pof is {@link Kupiec} on all {@code n} days (Christoffersen's decomposition uses the same
 * sample; conditioning on the first day changes it by one observation). With {@code 0 ln 0 = 0}
 * every term of a zero count vanishes, so the statistics are finite for no exceptions, only
 * exceptions, a single observation (no transitions: LR_ind = 0) and an empty row of the
 * transition matrix (its probability 0/0 is never used).
 *
 * <p>Reference: P. Christoffersen (1998), "Evaluating interval forecasts", International
 * Economic Review 39(4), 841-862.
 *
 * @param n00       quiet day followed by a quiet day
 * @param n01       quiet day followed by an exception
 * @param n10       exception followed by a quiet day
 * @param n11       exception followed by an exception
 * @param lrInd     LR_ind, never negative, never NaN
 * @param pValueInd P(chi-square(1) &ge; LR_ind)
 * @param lrCc      LR_cc = LR_pof + LR_ind
 * @param pValueCc  P(chi-square(2) &ge; LR_cc)
 */
public record Christoffersen(int n00, int n01, int n10, int n11,
                             double lrInd, double pValueInd, double lrCc, double pValueCc) {

    /** Runs both tests; {@code confidence} is the VaR confidence c, used by the coverage part. */
    public static Christoffersen test(boolean[] exceptionDays, double confidence) {
        Kupiec pof = Kupiec.test(exceptionDays, confidence);
        int[][] c = new int[2][2];
        for (int t = 1; t < exceptionDays.length; t++) {
            c[exceptionDays[t - 1] ? 1 : 0][exceptionDays[t] ? 1 : 0]++;
        }
        int n00 = c[0][0];
        int n01 = c[0][1];
        int n10 = c[1][0];
        int n11 = c[1][1];
        double lrInd = independence(n00, n01, n10, n11);
        double lrCc = pof.lr() + lrInd;
        return new Christoffersen(n00, n01, n10, n11, lrInd, LikelihoodRatio.pValue(lrInd, 1),
                lrCc, LikelihoodRatio.pValue(lrCc, 2));
    }

    /** LR_ind from the transition counts; 0 when there are no transitions. */
    static double independence(int n00, int n01, int n10, int n11) {
        int transitions = n00 + n01 + n10 + n11;
        if (transitions == 0) {
            return 0.0;
        }
        double pi = (double) (n01 + n11) / transitions;
        double pi0 = n00 + n01 == 0 ? 0.0 : (double) n01 / (n00 + n01);
        double pi1 = n10 + n11 == 0 ? 0.0 : (double) n11 / (n10 + n11);
        double logL0 = LikelihoodRatio.countLog(n00 + n10, 1 - pi) + LikelihoodRatio.countLog(n01 + n11, pi);
        double logL1 = LikelihoodRatio.countLog(n00, 1 - pi0) + LikelihoodRatio.countLog(n01, pi0)
                + LikelihoodRatio.countLog(n10, 1 - pi1) + LikelihoodRatio.countLog(n11, pi1);
        return LikelihoodRatio.statistic(logL0, logL1);
    }
}
