package io.marginscope.backtest;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * The Basel traffic light for VaR backtests, generalised to any sample size and confidence.
 *
 * <p>Under a correct model the exception count is {@code X ~ Binomial(n, p)}, {@code p = 1 - c}.
 * With {@code x} exceptions observed and {@code F(x) = P(X <= x)}:
 * <ul>
 *   <li>GREEN while {@code F(x) < 95%},</li>
 *   <li>RED once {@code F(x) >= 99.99%},</li>
 *   <li>YELLOW in between.</li>
 * </ul>
 * For the Basel case {@code n = 250}, {@code c = 99%} this gives GREEN 0-4, YELLOW 5-9, RED 10+
 * ({@code F(4) = 89.22%}, {@code F(5) = 95.88%}, {@code F(9) = 99.97%}, {@code F(10) = 99.99%}).
 *
 * <p><b>Plus factor.</b> The Basel table (added to the capital multiplier of 3): GREEN 0,
 * YELLOW 5: 0.40, 6: 0.50, 7: 0.65, 8: 0.75, 9: 0.85, RED 1.00. For {@code n = 250} at 99% it is
 * read from the table. For any other {@code n} or {@code c}, GREEN is 0 and RED 1.00, and a
 * YELLOW count gets the Basel factor interpolated by its cumulative probability: the table's rows
 * are placed at {@code z_k = N^-1(F_250,1%(k))}, k = 5..9, and the factor is linear in
 * {@code z = N^-1(F(x))} between them, flat (0.40 or 0.85) outside. A yellow count exactly as
 * unlikely as a Basel row gets that row's factor. {@link #plusFactorInterpolated()} says which
 * rule applied.
 *
 * <p>Reference: Basel Committee on Banking Supervision (1996), "Supervisory framework for the use
 * of 'backtesting' in conjunction with the internal models approach to market risk capital
 * requirements", Table 2.
 *
 * @param zone                   GREEN, YELLOW or RED
 * @param observations           n
 * @param exceptions             x
 * @param confidence             c
 * @param cumulativeProbability  F(x) = P(X &le; x) under Binomial(n, 1 - c)
 * @param plusFactor             the Basel plus factor (see above)
 * @param plusFactorInterpolated false when read from the Basel table (n = 250, c = 99%)
 */
public record TrafficLight(Zone zone, int observations, int exceptions, double confidence,
                           double cumulativeProbability, double plusFactor, boolean plusFactorInterpolated) {

    /** The zones, in order of concern. */
    public enum Zone { GREEN, YELLOW, RED }

    /** GREEN ends where the cumulative probability reaches this. */
    public static final double YELLOW_FROM = 0.95;
    /** RED starts where the cumulative probability reaches this. */
    public static final double RED_FROM = 0.9999;

    static final int BASEL_DAYS = 250;
    static final double BASEL_CONFIDENCE = 0.99;
    /** Basel plus factors for 5..9 exceptions (index 0 is 5). */
    private static final double[] BASEL_YELLOW = {0.40, 0.50, 0.65, 0.75, 0.85};
    private static final double RED_FACTOR = 1.0;
    private static final int BASEL_FIRST_YELLOW = 5;
    /** z = N^-1(F(k)) of the Basel rows k = 5..9 at n = 250, p = 1%. */
    private static final double[] BASEL_Z = baselZ();

    /** Classifies {@code exceptions} out of {@code observations} at VaR confidence {@code confidence}. */
    public static TrafficLight of(int observations, int exceptions, double confidence) {
        if (observations < 1) {
            throw new IllegalArgumentException("need at least one observation");
        }
        if (exceptions < 0 || exceptions > observations) {
            throw new IllegalArgumentException("exceptions must be in [0, " + observations + "]: " + exceptions);
        }
        double cdf = cumulative(observations, exceptions, LikelihoodRatio.checkConfidence(confidence));
        Zone zone = cdf >= RED_FROM ? Zone.RED : cdf >= YELLOW_FROM ? Zone.YELLOW : Zone.GREEN;
        boolean basel = isBasel(observations, confidence);
        double factor = switch (zone) {
            case GREEN -> 0.0;
            case RED -> RED_FACTOR;
            case YELLOW -> basel ? BASEL_YELLOW[exceptions - BASEL_FIRST_YELLOW] : interpolate(cdf);
        };
        return new TrafficLight(zone, observations, exceptions, confidence, cdf, factor, !basel);
    }

    /** The zone name, "GREEN", "YELLOW" or "RED". */
    public String zoneName() {
        return zone.name();
    }

    static boolean isBasel(int observations, double confidence) {
        return observations == BASEL_DAYS && Math.abs(confidence - BASEL_CONFIDENCE) < 1e-12;
    }

    /** P(X &le; x), X ~ Binomial(n, 1 - c). */
    static double cumulative(int n, int x, double confidence) {
        return new BinomialDistribution((RandomGenerator) null, n, 1.0 - confidence).cumulativeProbability(x);
    }

    /** The Basel yellow factor interpolated in z = N^-1(cdf), flat beyond the first and last rows. */
    static double interpolate(double cdf) {
        double z = normal().inverseCumulativeProbability(cdf);
        if (z <= BASEL_Z[0]) {
            return BASEL_YELLOW[0];
        }
        for (int k = 1; k < BASEL_Z.length; k++) {
            if (z <= BASEL_Z[k]) {
                double w = (z - BASEL_Z[k - 1]) / (BASEL_Z[k] - BASEL_Z[k - 1]);
                return BASEL_YELLOW[k - 1] + w * (BASEL_YELLOW[k] - BASEL_YELLOW[k - 1]);
            }
        }
        return BASEL_YELLOW[BASEL_YELLOW.length - 1];
    }

    private static double[] baselZ() {
        double[] z = new double[BASEL_YELLOW.length];
        for (int k = 0; k < z.length; k++) {
            double cdf = cumulative(BASEL_DAYS, BASEL_FIRST_YELLOW + k, BASEL_CONFIDENCE);
            z[k] = normal().inverseCumulativeProbability(cdf);
        }
        return z;
    }

    private static NormalDistribution normal() {
        return new NormalDistribution((RandomGenerator) null, 0, 1);
    }
}
