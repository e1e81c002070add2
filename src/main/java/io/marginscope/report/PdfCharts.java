package io.marginscope.report;

import java.awt.Color;
import java.util.Arrays;
import java.util.List;

/** Charts drawn as PDF vector graphics (lines and rectangles), so the command line needs no graphics toolkit. */
final class PdfCharts {

    static final Color BAR = new Color(0x5B, 0x8D, 0xBE);
    static final Color LOSS = new Color(0xC0, 0x39, 0x2B);
    static final Color GAIN = new Color(0x2E, 0x7D, 0x32);
    static final Color VAR = new Color(0xE6, 0x7E, 0x22);
    static final Color AXIS = new Color(0x44, 0x44, 0x44);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);

    /** The most bars a chart draws (they fit on an A4 or Letter page). */
    static final int MAX_BARS = 40;

    /** The height a bar chart of {@code n} rows takes. */
    static float barsHeight(int n) {
        return n * 13 + 30;
    }

    /** Share of scenarios in each tail gathered into the end bins, so that a few outliers do not squash the rest. */
    static final double TAIL = 0.0005;

    private PdfCharts() {
    }

    /**
     * A histogram of scenario P&amp;L with VaR and ES marked at -VaR and -ES.
     *
     * @return the caption's note on the range shown
     */
    static void histogram(PdfLayout l, double[] pnl, double var, double es, int bins) {
        double[] sorted = pnl.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double lo = sorted[(int) Math.floor(TAIL * (n - 1))];
        double hi = sorted[(int) Math.ceil((1 - TAIL) * (n - 1))];
        lo = Math.min(lo, -es - 0.02 * Math.abs(es));
        hi = Math.max(hi, lo + 1e-9);
        int[] counts = new int[bins];
        double step = (hi - lo) / bins;
        for (double v : pnl) {
            int b = (int) Math.floor((v - lo) / step);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
        }
        int max = Arrays.stream(counts).max().orElse(1);

        float chartH = 200;
        l.ensure(chartH + 30);
        float x0 = l.left() + 44;
        float w = l.width() - 54;
        float plotH = 150;
        float base = l.y - 20 - plotH;
        // grid and y axis
        for (int k = 0; k <= 4; k++) {
            float gy = base + plotH * k / 4f;
            l.line(x0, gy, x0 + w, gy, GRID, 0.4f);
            l.textRight(x0 - 4, gy - 2.5f, Fmt.fixed(max * k / 4.0, 0), l.fonts.regular, 7, AXIS);
        }
        float bw = w / bins;
        for (int b = 0; b < bins; b++) {
            float h = plotH * counts[b] / (float) max;
            if (h > 0) {
                double mid = lo + (b + 0.5) * step;
                l.fill(x0 + b * bw + 0.4f, base, bw - 0.8f, h, mid < -var ? LOSS : BAR);
            }
        }
        l.line(x0, base, x0 + w, base, AXIS, 0.8f);
        l.line(x0, base, x0, base + plotH, AXIS, 0.8f);
        // x ticks
        double[] ticks = niceTicks(lo, hi, 6);
        for (double t : ticks) {
            float tx = (float) (x0 + (t - lo) / (hi - lo) * w);
            if (tx < x0 - 0.5f || tx > x0 + w + 0.5f) {
                continue;
            }
            l.line(tx, base, tx, base - 3, AXIS, 0.6f);
            l.textCentered(tx, base - 12, Fmt.compact(t), l.fonts.regular, 7, AXIS);
        }
        mark(l, x0 + (float) ((-var - lo) / (hi - lo) * w), base, plotH, VAR, "VaR " + Fmt.compact(var), 0);
        mark(l, x0 + (float) ((-es - lo) / (hi - lo) * w), base, plotH, LOSS, "ES " + Fmt.compact(es), 1);
        l.textCentered(x0 + w / 2, base - 23, "P&L over the horizon, USD", l.fonts.regular, 7.5f, PdfLayout.MUTED);
        l.text(x0 + 4, base + plotH + 8, "scenarios per bin", l.fonts.regular, 7, PdfLayout.MUTED);
        l.y = base - 30;
    }

    private static void mark(PdfLayout l, float x, float base, float plotH, Color color, String label, int row) {
        l.dashed(x, base, x, base + plotH, color, 1.1f);
        float ty = base + plotH - 10 - row * 11;
        float tw = l.fonts.width(l.fonts.bold, 7.5f, label);
        // labels go left of the line (the loss side), unless there is no room
        float tx = x - tw - 3 < l.left() + 46 ? x + 3 : x - tw - 3;
        l.fill(tx - 1, ty - 2, tw + 2, 10, Color.WHITE);
        l.text(tx, ty, label, l.fonts.bold, 7.5f, color);
    }

    /** Round tick values covering [lo, hi]. */
    static double[] niceTicks(double lo, double hi, int target) {
        double span = hi - lo;
        double raw = span / target;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / mag;
        double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
        double first = Math.ceil(lo / step) * step;
        int count = (int) Math.floor((hi - first) / step) + 1;
        double[] out = new double[Math.max(0, count)];
        for (int i = 0; i < out.length; i++) {
            out[i] = first + i * step;
            if (Math.abs(out[i]) < step * 1e-9) {
                out[i] = 0;
            }
        }
        return out;
    }

    /**
     * Horizontal bars from a zero line, one per label; negative values red (losses) when
     * {@code signColours}, else all in the bar colour.
     */
    static void bars(PdfLayout l, List<String> labels, double[] values, boolean signColours) {
        int n = labels.size();
        float rowH = 13;
        float fs = 7.5f;
        float labelW = 0;
        for (String s : labels) {
            labelW = Math.max(labelW, l.fonts.width(l.fonts.regular, fs, l.fonts.safe(s)));
        }
        labelW = Math.min(labelW + 6, l.width() * 0.42f);
        double min = 0;
        double max = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (max == min) {
            max = min + 1;
        }
        float valueRoom = 52;
        float x0 = l.left() + labelW + (min < 0 ? valueRoom : 4);
        float w = l.left() + l.width() - (max > 0 ? valueRoom : 4) - x0;
        float zero = (float) (x0 + (0 - min) / (max - min) * w);
        // callers keep charts to at most MAX_BARS rows, which fit on any page
        l.ensure(n * rowH + 26);
        float top = l.y - 4;
        double[] ticks = niceTicks(min, max, 5);
        for (int i = 0; i < n; i++) {
            float ry = top - (i + 1) * rowH;
            String label = fit(l, labels.get(i), fs, labelW - 6);
            l.textRight(l.left() + labelW - 4, ry + 3.5f, label, l.fonts.regular, fs, PdfLayout.TEXT);
            double v = values[i];
            if (Double.isNaN(v)) {
                continue;
            }
            float bx = (float) (x0 + (v - min) / (max - min) * w);
            float left = Math.min(zero, bx);
            float bwid = Math.max(0.6f, Math.abs(bx - zero));
            l.fill(left, ry + 2, bwid, rowH - 4, signColours ? (v < 0 ? LOSS : GAIN) : BAR);
            String vt = Fmt.compact(v);
            if (v < 0) {
                l.textRight(left - 3, ry + 3.5f, vt, l.fonts.regular, 7, PdfLayout.MUTED);
            } else {
                l.text(left + bwid + 3, ry + 3.5f, vt, l.fonts.regular, 7, PdfLayout.MUTED);
            }
        }
        float bottom = top - n * rowH;
        l.line(zero, top, zero, bottom, AXIS, 0.7f);
        l.line(x0, bottom, x0 + w, bottom, AXIS, 0.5f);
        for (double t : ticks) {
            float tx = (float) (x0 + (t - min) / (max - min) * w);
            l.line(tx, bottom, tx, bottom - 3, AXIS, 0.5f);
            l.textCentered(tx, bottom - 11, Fmt.compact(t), l.fonts.regular, 7, AXIS);
        }
        l.y = bottom - 20;
    }

    private static String fit(PdfLayout l, String s, float fs, float w) {
        String t = l.fonts.safe(s);
        if (l.fonts.width(l.fonts.regular, fs, t) <= w) {
            return t;
        }
        while (t.length() > 1 && l.fonts.width(l.fonts.regular, fs, t + "...") > w) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }
}
