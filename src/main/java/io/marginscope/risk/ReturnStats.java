package io.marginscope.risk;

/** Small statistics on daily log returns shared by the vol and correlation models. */
final class ReturnStats {

    private ReturnStats() {
    }

    /**
     * Sample variance of r[from, to): sum (r - mean)^2 / (m - 1), m = to - from >= 2 (two-pass,
     * mean subtracted).
     */
    static double sampleVariance(double[] r, int from, int to) {
        int m = to - from;
        if (m < 2) {
            throw new IllegalArgumentException("a sample variance needs at least 2 returns, got " + m);
        }
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += r[i];
        }
        mean /= m;
        double ss = 0;
        for (int i = from; i < to; i++) {
            double d = r[i] - mean;
            ss += d * d;
        }
        return ss / (m - 1);
    }

    /** Rejects null, too short and non-finite return series. */
    static void check(double[] r, int minLength, String model) {
        if (r == null) {
            throw new IllegalArgumentException("no returns");
        }
        if (r.length < minLength) {
            throw new IllegalArgumentException(model + " needs at least " + minLength + " returns, got " + r.length);
        }
        for (int i = 0; i < r.length; i++) {
            if (!Double.isFinite(r[i])) {
                throw new IllegalArgumentException("return " + i + " is not finite: " + r[i]);
            }
        }
    }

    static void checkHorizon(int horizonDays, double daysPerYear) {
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizonDays must be at least 1, got " + horizonDays);
        }
        if (!(daysPerYear > 0) || !Double.isFinite(daysPerYear)) {
            throw new IllegalArgumentException("daysPerYear must be positive, got " + daysPerYear);
        }
    }
}
