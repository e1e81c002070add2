package io.marginscope.ui.control;

import eu.hansolo.tilesfx.fonts.Fonts;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import java.text.DecimalFormat;
import java.util.List;

/**
 * A small line of the values given and nothing else (no padding points, no zero it starts from),
 * drawn on one {@link javafx.scene.canvas.Canvas} in the tiles' typeface: the last value printed large at the top right, the line scaled to
 * the values' own low and high (printed at the left, at their height), a dot on the last point, and the warning
 * and liquidation levels as dashed lines when they fall in that range. One value is a dot. Colours
 * from CSS: {@code -ms-spark-line}, {@code -ms-spark-text}, {@code -ms-spark-muted},
 * {@code -ms-spark-warning}, {@code -ms-spark-breach}.
 */
public final class Sparkline extends CanvasChart {

    private static final StyleablePropertyFactory<Sparkline> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());

    private final StyleableProperty<Color> line = CSS.createStyleableColorProperty(this, "sparkLine",
            "-ms-spark-line", s -> s.line, Color.STEELBLUE);
    private final StyleableProperty<Color> text = CSS.createStyleableColorProperty(this, "sparkText",
            "-ms-spark-text", s -> s.text, Color.BLACK);
    private final StyleableProperty<Color> muted = CSS.createStyleableColorProperty(this, "sparkMuted",
            "-ms-spark-muted", s -> s.muted, Color.GRAY);
    private final StyleableProperty<Color> warning = CSS.createStyleableColorProperty(this, "sparkWarning",
            "-ms-spark-warning", s -> s.warning, Color.ORANGE);
    private final StyleableProperty<Color> breach = CSS.createStyleableColorProperty(this, "sparkBreach",
            "-ms-spark-breach", s -> s.breach, Color.RED);
    private final DecimalFormat format;

    private List<Double> values = List.of();
    private double warningLevel = Double.NaN;
    private double breachLevel = Double.NaN;

    /** @param pattern how values are printed ({@link DecimalFormat}) */
    public Sparkline(String pattern) {
        super("sparkline");
        this.format = new DecimalFormat(pattern);
        redrawOn(line, text, muted, warning, breach);
    }

    /** The values to draw, oldest first (finite values only). */
    public void setValues(List<Double> next) {
        this.values = List.copyOf(next);
        draw();
    }

    public List<Double> values() {
        return values;
    }

    /** Levels drawn as dashed lines when inside the values' range (NaN for none). */
    public void setLevels(double warningAt, double breachAt) {
        this.warningLevel = warningAt;
        this.breachLevel = breachAt;
        draw();
    }

    /** The low and high of the drawn range: the values' own, widened a little (never to 0). */
    public double[] range() {
        if (values.isEmpty()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double pad = hi - lo > 1e-12 ? (hi - lo) * 0.08 : Math.max(1e-3, Math.abs(hi) * 0.02);
        return new double[] {lo - pad, hi + pad};
    }

    @Override
    protected double computePrefWidth(double height) {
        return 200;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 110;
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        if (values.isEmpty()) {
            return;
        }
        double last = values.getLast();
        double valueSize = Math.max(14, Math.min(40, h * 0.34));
        g.setFill(text.getValue());
        g.setFont(Fonts.latoRegular(valueSize));
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(format.format(last), w - 2, 0);

        double[] r = range();
        double top = valueSize + 10;
        double bottom = h - 6;
        double labelW = 40;
        double left = labelW;
        double right = w - 8;
        if (bottom - top < 10 || right - left < 10) {
            return;
        }
        g.setFont(Fonts.latoRegular(11));
        g.setFill(muted.getValue());
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        double lo = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        g.setTextBaseline(VPos.CENTER);
        g.fillText(format.format(hi), 0, y(hi, r, top, bottom));
        if (hi - lo > 1e-12) {
            g.fillText(format.format(lo), 0, y(lo, r, top, bottom));
        }

        g.setLineWidth(1.2);
        g.setLineDashes(4, 4);
        level(g, warningLevel, warning.getValue(), r, top, bottom, left, right);
        level(g, breachLevel, breach.getValue(), r, top, bottom, left, right);
        g.setLineDashes((double[]) null);

        int n = values.size();
        double step = n > 1 ? (right - left) / (n - 1) : 0;
        g.setStroke(line.getValue());
        g.setLineWidth(2);
        g.beginPath();
        for (int i = 0; i < n; i++) {
            double x = n > 1 ? left + i * step : right;
            double y = y(values.get(i), r, top, bottom);
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
        double ly = y(last, r, top, bottom);
        g.setFill(line.getValue());
        g.fillOval(right - 3.5, ly - 3.5, 7, 7);
    }

    private static void level(GraphicsContext g, double level, Color c, double[] r, double top, double bottom,
                              double left, double right) {
        if (!Double.isFinite(level) || level < r[0] || level > r[1]) {
            return;
        }
        double y = y(level, r, top, bottom);
        g.setStroke(c);
        g.strokeLine(left, y, right, y);
    }

    private static double y(double v, double[] r, double top, double bottom) {
        return bottom - (v - r[0]) / (r[1] - r[0]) * (bottom - top);
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }
}
