package io.marginscope.ui.control;

/**
 * The scenario P&L vector of a risk run sorted into equal-width bins for the histogram
 * (presentation only: the VaR and ES shown come from the engine, not from these bins).
 *
 * @param min    left edge of the first bin, USD
 * @param width  width of each bin, USD
 * @param counts scenarios per bin
 * @param total  number of scenarios
 */
public record PnlBins(double min, double width, int[] counts, int total) {

    /** Bins spanning the smallest to the largest P&L (a constant vector gets one bin of width 1). */
    public static PnlBins of(double[] pnl, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : pnl) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (!(hi > lo)) {
            return new PnlBins(lo - 0.5, 1, new int[] {pnl.length}, pnl.length);
        }
        double width = (hi - lo) / bins;
        int[] counts = new int[bins];
        for (double x : pnl) {
            counts[Math.min(bins - 1, (int) ((x - lo) / width))]++;
        }
        return new PnlBins(lo, width, counts, pnl.length);
    }

    public int size() {
        return counts.length;
    }

    public double edge(int i) {
        return min + i * width;
    }
}
