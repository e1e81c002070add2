package io.marginscope.ui.control;

import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A waterfall from a start total to an end total through signed steps, drawn on one {@link javafx.scene.canvas.Canvas}:
 * the start bar, one floating bar per step from the running level before it to the level after it,
 * the end bar; dashed connectors at the running level, each bar's value printed above it, and a
 * tooltip with the step's full name, value and the levels it joins. Steps that raise the level use
 * {@code -ms-waterfall-raise}, steps that lower it {@code -ms-waterfall-lower} (for a margin: red
 * raises, green lowers), totals {@code -ms-waterfall-total}; text {@code -ms-waterfall-text} and
 * {@code -ms-waterfall-muted}, grid {@code -ms-waterfall-line}, the break mark {@code -ms-waterfall-surface}. The value axis
 * spans the levels shown (it need not start at 0: the totals are then cut at the bottom, which a
 * break mark shows).
 */
public final class WaterfallChart extends CanvasChart {

    /** One step: a short label for under the bar, a full name for the tooltip, and its signed size. */
    public record Step(String label, String name, double delta) {
        public Step(String label, double delta) {
            this(label, label, delta);
        }
    }

    /**
     * A bar as drawn.
     *
     * @param label  under the bar
     * @param name   in the tooltip
     * @param from   level at its bottom edge for a step, 0 for a total
     * @param to     level at its top (a total's value; a step's level after it)
     * @param total  a start or end bar
     */
    public record Bar(String label, String name, double from, double to, boolean total) {
        public double value() {
            return total ? to : to - from;
        }
    }

    private static final StyleablePropertyFactory<WaterfallChart> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());

    private final StyleableProperty<Color> totalColor = CSS.createStyleableColorProperty(this, "waterfallTotal",
            "-ms-waterfall-total", c -> c.totalColor, Color.STEELBLUE);
    private final StyleableProperty<Color> raiseColor = CSS.createStyleableColorProperty(this, "waterfallRaise",
            "-ms-waterfall-raise", c -> c.raiseColor, Color.FIREBRICK);
    private final StyleableProperty<Color> lowerColor = CSS.createStyleableColorProperty(this, "waterfallLower",
            "-ms-waterfall-lower", c -> c.lowerColor, Color.SEAGREEN);
    private final StyleableProperty<Color> textColor = CSS.createStyleableColorProperty(this, "waterfallText",
            "-ms-waterfall-text", c -> c.textColor, Color.BLACK);
    private final StyleableProperty<Color> mutedColor = CSS.createStyleableColorProperty(this, "waterfallMuted",
            "-ms-waterfall-muted", c -> c.mutedColor, Color.GRAY);
    private final StyleableProperty<Color> lineColor = CSS.createStyleableColorProperty(this, "waterfallLine",
            "-ms-waterfall-line", c -> c.lineColor, Color.LIGHTGRAY);
    private final StyleableProperty<Color> surfaceColor = CSS.createStyleableColorProperty(this, "waterfallSurface",
            "-ms-waterfall-surface", c -> c.surfaceColor, Color.WHITE);

    private final Tooltip tooltip = new Tooltip();
    private List<Bar> bars = List.of();
    private DoubleFunction<String> format = v -> String.format("%,.0f", v);
    private String title = "";
    private String empty = "";
    // layout of the last draw, for hit tests
    private double plotLeft;
    private double slot;

    public WaterfallChart() {
        super("waterfall-chart");
        redrawOn(totalColor, raiseColor, lowerColor, textColor, mutedColor, lineColor,
                surfaceColor);
        tooltip.setShowDelay(Duration.millis(150));
        Tooltip.install(this, tooltip);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            Bar b = barAt(e.getX());
            tooltip.setText(b == null ? title : describe(b));
        });
    }

    /**
     * @param startLabel the start total's label ("MM before")
     * @param start      its value
     * @param steps      the signed steps; start + their sum should be {@code end}
     * @param endLabel   the end total's label
     * @param end        its value
     * @param valueFormat how values print (steps get their sign added)
     */
    public void show(String startLabel, double start, List<Step> steps, String endLabel, double end,
                     DoubleFunction<String> valueFormat) {
        List<Bar> out = new ArrayList<>(steps.size() + 2);
        out.add(new Bar(startLabel, startLabel, 0, start, true));
        double level = start;
        for (Step s : steps) {
            out.add(new Bar(s.label(), s.name(), level, level + s.delta(), false));
            level += s.delta();
        }
        out.add(new Bar(endLabel, endLabel, 0, end, true));
        this.bars = List.copyOf(out);
        this.format = valueFormat;
        draw();
    }

    /** Removes the bars; {@code message} is shown in their place. */
    public void clear(String message) {
        bars = List.of();
        empty = message == null ? "" : message;
        draw();
    }

    /** A caption drawn at the top left (and the tooltip away from the bars). */
    public void setTitle(String text) {
        title = text == null ? "" : text;
        draw();
    }

    /** The bars on show: start total, steps, end total. */
    public List<Bar> bars() {
        return bars;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 560;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 280;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 160;
    }

    private String describe(Bar b) {
        if (b.total()) {
            return b.name() + ": " + format.apply(b.to());
        }
        return b.name() + ": " + signed(b.value()) + "  (" + format.apply(b.from()) + " → " + format.apply(b.to()) + ")";
    }

    private String signed(double v) {
        return (v > 0 ? "+" : v < 0 ? "−" : "±") + format.apply(Math.abs(v));
    }

    private Bar barAt(double x) {
        if (bars.isEmpty() || slot <= 0) {
            return null;
        }
        int i = (int) Math.floor((x - snappedLeftInset() - plotLeft) / slot);
        return i >= 0 && i < bars.size() ? bars.get(i) : null;
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        Color ink = textColor.getValue();
        Color muted = mutedColor.getValue();
        Color line = lineColor.getValue();
        Font small = Font.font(null, 11);
        Font bold = Font.font(null, FontWeight.BOLD, 12);
        g.setTextBaseline(VPos.CENTER);
        double top = 10;
        if (!title.isEmpty()) {
            g.setFont(bold);
            g.setFill(ink);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(title, 4, 10);
            top = 26;
        }
        if (bars.isEmpty()) {
            g.setFont(small);
            g.setFill(muted);
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(empty, w / 2, h / 2);
            slot = 0;
            return;
        }
        // value range over every level shown
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Bar b : bars) {
            double a = b.total() ? b.to() : b.from();
            lo = Math.min(lo, Math.min(a, b.to()));
            hi = Math.max(hi, Math.max(a, b.to()));
        }
        double stepsLo = Double.POSITIVE_INFINITY;
        double stepsHi = Double.NEGATIVE_INFINITY;
        for (Bar b : bars) {
            if (!b.total()) {
                stepsLo = Math.min(stepsLo, Math.min(b.from(), b.to()));
                stepsHi = Math.max(stepsHi, Math.max(b.from(), b.to()));
            } else {
                stepsLo = Math.min(stepsLo, b.to());
                stepsHi = Math.max(stepsHi, b.to());
            }
        }
        double span = Math.max(stepsHi - stepsLo, Math.abs(stepsHi) * 1e-6 + 1e-9);
        // start from 0 when the levels are not far above it; else zoom on the levels with a break
        boolean fromZero = stepsLo <= 0 || stepsLo < 2.5 * span;
        double axisLo = fromZero ? Math.min(0, lo) : stepsLo - 0.35 * span;
        double axisHi = hi + 0.12 * (hi - axisLo);
        double[] ticks = ticks(axisLo, axisHi, 5);
        axisLo = Math.min(axisLo, ticks[0]);
        axisHi = Math.max(axisHi, ticks[ticks.length - 1]);

        g.setFont(small);
        double labelW = 0;
        for (double t : ticks) {
            labelW = Math.max(labelW, textWidth(format.apply(t), small));
        }
        plotLeft = labelW + 12;
        double plotRight = w - 8;
        double labelH = 34;
        double plotTop = top + 8;
        double plotBottom = h - labelH;
        if (plotBottom - plotTop < 40 || plotRight - plotLeft < 60) {
            slot = 0;
            return;
        }
        final double yLo = axisLo;
        final double yHi = axisHi;
        final double pTop = plotTop;
        final double pBottom = plotBottom;
        java.util.function.DoubleUnaryOperator y = v -> pBottom - (v - yLo) / (yHi - yLo) * (pBottom - pTop);

        // grid and tick labels
        g.setLineWidth(1);
        g.setTextAlign(TextAlignment.RIGHT);
        for (double t : ticks) {
            if (t < axisLo || t > axisHi) {
                continue;
            }
            double py = Math.round(y.applyAsDouble(t)) + 0.5;
            g.setStroke(line);
            g.strokeLine(plotLeft, py, plotRight, py);
            g.setFill(muted);
            g.fillText(format.apply(t), plotLeft - 6, py);
        }

        int n = bars.size();
        slot = (plotRight - plotLeft) / n;
        double barW = Math.min(90, slot * 0.62);
        Font valueFont = Font.font(null, FontWeight.BOLD, Math.max(9, Math.min(12, slot / 7)));
        Font labelFont = Font.font(null, Math.max(9, Math.min(12, slot / 7.5)));
        for (int i = 0; i < n; i++) {
            Bar b = bars.get(i);
            double cx = plotLeft + (i + 0.5) * slot;
            double x0 = cx - barW / 2;
            double a = b.total() ? axisLo : b.from();
            double ya = y.applyAsDouble(a);
            double yb = y.applyAsDouble(b.to());
            double yTop = Math.min(ya, yb);
            double height = Math.max(1.5, Math.abs(ya - yb));
            Color fill = b.total() ? totalColor.getValue()
                    : b.value() > 0 ? raiseColor.getValue() : b.value() < 0 ? lowerColor.getValue() : muted;
            g.setFill(fill);
            g.fillRect(x0, yTop, barW, height);
            if (b.total() && !fromZero) {
                // break mark: the bar continues below the axis
                g.setStroke(surfaceColor.getValue());
                g.setLineWidth(2);
                double by = pBottom - 8;
                g.strokeLine(x0 - 2, by + 3, x0 + barW + 2, by - 3);
                g.strokeLine(x0 - 2, by + 7, x0 + barW + 2, by + 1);
                g.setLineWidth(1);
            }
            // connector to the next bar at the running level
            if (i + 1 < n) {
                double level = b.to();
                double py = Math.round(y.applyAsDouble(level)) + 0.5;
                g.setStroke(muted);
                g.setLineDashes(3, 3);
                g.strokeLine(x0 + barW, py, cx + slot - barW / 2, py);
                g.setLineDashes((double[]) null);
            }
            // value above (a lowering step's below its bar when that is clearer: keep it above the top edge)
            g.setFont(valueFont);
            g.setFill(ink);
            g.setTextAlign(TextAlignment.CENTER);
            String value = b.total() ? format.apply(b.to()) : signed(b.value());
            g.fillText(fit(value, valueFont, slot - 2), cx, yTop - 9);
            // label under the plot, up to two lines
            g.setFont(labelFont);
            g.setFill(b.total() ? ink : muted);
            List<String> lines = wrap(b.label(), labelFont, slot - 4);
            for (int k = 0; k < lines.size(); k++) {
                g.fillText(lines.get(k), cx, plotBottom + 10 + k * 13);
            }
        }
        // axis line
        g.setStroke(muted);
        g.strokeLine(plotLeft, Math.round(pBottom) + 0.5, plotRight, Math.round(pBottom) + 0.5);
    }

    private static double textWidth(String s, Font f) {
        Text t = new Text(s);
        t.setFont(f);
        return t.getLayoutBounds().getWidth();
    }

    private static String fit(String s, Font f, double width) {
        if (textWidth(s, f) <= width || s.length() <= 2) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && textWidth(t + "…", f) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    /** Two lines at most, split at a space (else a dot), the second shortened with an ellipsis. */
    static List<String> wrap(String s, Font f, double width) {
        if (textWidth(s, f) <= width) {
            return List.of(s);
        }
        // break at the last space that fits; a name without one (a field path) at the last dot
        int best = -1;
        for (char sep : new char[] {' ', '.'}) {
            for (int i = 1; i < s.length() && best < 0; i++) {
                int j = s.length() - i;
                if (s.charAt(j) == sep && textWidth(s.substring(0, sep == '.' ? j + 1 : j), f) <= width) {
                    best = j;
                }
            }
            if (best >= 0) {
                break;
            }
        }
        if (best < 0) {
            return List.of(fit(s, f, width));
        }
        String first = s.substring(0, s.charAt(best) == '.' ? best + 1 : best);
        String rest = s.substring(best + 1);
        return List.of(first, fit(rest, f, width));
    }

    /** About {@code count} round tick values covering [lo, hi]. */
    static double[] ticks(double lo, double hi, int count) {
        double range = hi - lo;
        if (!(range > 0)) {
            return new double[] {lo};
        }
        double raw = range / count;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        double first = Math.floor(lo / step) * step;
        List<Double> out = new ArrayList<>();
        for (double t = first; t <= hi + step * 0.5 && out.size() < 50; t += step) {
            out.add(t);
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }
}
