package io.marginscope.report;

import java.awt.Color;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A line chart drawn as PDF vector graphics: several series over one x axis, a legend, optional
 * marked points (backtest exceptions) and vertical markers (today's spot, the liquidation price).
 */
final class PdfLineChart {

    /** A series: its name, its y at each x, its colour; dashed for a level rather than a path. */
    record Series(String name, double[] y, Color color, boolean dashed) {
    }

    /** A vertical line at x with a label. */
    record Marker(double x, String label, Color color) {
    }

    static final float HEIGHT = 210;

    private PdfLineChart() {
    }

    /**
     * @param x      ascending x values, shared by the series
     * @param points x indexes to mark with a dot on the first series (may be empty)
     * @param xText  the x axis tick labels
     */
    static void draw(PdfLayout l, double[] x, List<Series> series, List<Integer> points, List<Marker> markers,
                     DoubleFunction<String> xText) {
        l.ensure(HEIGHT + 10);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        double[] yt = PdfCharts.niceTicks(lo, hi, 5);
        lo = Math.min(lo, yt[0]);
        hi = Math.max(hi, yt[yt.length - 1]);
        float x0 = l.left() + 46;
        float w = l.width() - 56;
        float plotH = 150;
        float top = l.y - 22;
        float base = top - plotH;
        double xlo = x[0];
        double xhi = x[x.length - 1] > xlo ? x[x.length - 1] : xlo + 1;
        // legend
        float lx = x0;
        for (Series s : series) {
            l.line(lx, top + 12, lx + 14, top + 12, s.color(), 1.5f);
            l.text(lx + 18, top + 9.5f, s.name(), l.fonts.regular, 7.5f, PdfLayout.TEXT);
            lx += 30 + l.fonts.width(l.fonts.regular, 7.5f, l.fonts.safe(s.name()));
        }
        if (!points.isEmpty()) {
            l.fill(lx, top + 10, 4, 4, PdfCharts.LOSS);
            l.text(lx + 8, top + 9.5f, "exception (" + points.size() + ")", l.fonts.regular, 7.5f, PdfLayout.TEXT);
        }
        for (double t : yt) {
            float gy = (float) (base + (t - lo) / (hi - lo) * plotH);
            l.line(x0, gy, x0 + w, gy, PdfCharts.GRID, 0.4f);
            l.textRight(x0 - 4, gy - 2.5f, Fmt.compact(t), l.fonts.regular, 7, PdfCharts.AXIS);
        }
        if (lo < 0 && hi > 0) {
            float zy = (float) (base + (0 - lo) / (hi - lo) * plotH);
            l.line(x0, zy, x0 + w, zy, PdfCharts.AXIS, 0.6f);
        }
        for (Marker m : markers) {
            if (m.x() >= xlo && m.x() <= xhi) {
                float mx = (float) (x0 + (m.x() - xlo) / (xhi - xlo) * w);
                l.dashed(mx, base, mx, top, m.color(), 0.7f);
                l.text(mx + 2, top - 8, m.label(), l.fonts.regular, 7, m.color());
            }
        }
        for (Series s : series) {
            float px = Float.NaN;
            float py = Float.NaN;
            for (int i = 0; i < x.length; i++) {
                double v = s.y()[i];
                if (!Double.isFinite(v)) {
                    px = Float.NaN;
                    continue;
                }
                float cx = (float) (x0 + (x[i] - xlo) / (xhi - xlo) * w);
                float cy = (float) (base + (v - lo) / (hi - lo) * plotH);
                if (!Float.isNaN(px)) {
                    if (s.dashed()) {
                        l.dashed(px, py, cx, cy, s.color(), 1f);
                    } else {
                        l.line(px, py, cx, cy, s.color(), 1f);
                    }
                }
                px = cx;
                py = cy;
            }
        }
        Series first = series.get(0);
        for (int i : points) {
            float cx = (float) (x0 + (x[i] - xlo) / (xhi - xlo) * w);
            float cy = (float) (base + (first.y()[i] - lo) / (hi - lo) * plotH);
            l.fill(cx - 2, cy - 2, 4, 4, PdfCharts.LOSS);
        }
        l.line(x0, base, x0 + w, base, PdfCharts.AXIS, 0.6f);
        for (int k = 0; k <= 4; k++) {
            double xv = xlo + (xhi - xlo) * k / 4;
            float tx = x0 + w * k / 4f;
            l.line(tx, base, tx, base - 3, PdfCharts.AXIS, 0.5f);
            l.textCentered(tx, base - 11, xText.apply(xv), l.fonts.regular, 7, PdfCharts.AXIS);
        }
        l.y = base - 24;
    }
}
