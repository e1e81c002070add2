package io.marginscope.ui.control;

import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A book's stress P&amp;L over a grid of price moves (columns) times vol shocks (rows), drawn on one
 * {@link javafx.scene.canvas.Canvas}, each cell with its P&amp;L printed. Colours come from CSS: {@code -ms-heat-loss}
 * at the largest loss, {@code -ms-heat-zero} at 0, {@code -ms-heat-gain} at the largest gain (the
 * scale is symmetric), {@code -ms-heat-text} for labels and {@code -ms-heat-text-alt} in cells
 * where it contrasts more.
 */
public final class StressHeatmap extends CanvasChart {

    private static final StyleablePropertyFactory<StressHeatmap> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());

    private final StyleableProperty<Color> loss = CSS.createStyleableColorProperty(this, "heatLoss",
            "-ms-heat-loss", h -> h.loss, Color.RED);
    private final StyleableProperty<Color> zero = CSS.createStyleableColorProperty(this, "heatZero",
            "-ms-heat-zero", h -> h.zero, Color.WHITE);
    private final StyleableProperty<Color> gain = CSS.createStyleableColorProperty(this, "heatGain",
            "-ms-heat-gain", h -> h.gain, Color.GREEN);
    private final StyleableProperty<Color> text = CSS.createStyleableColorProperty(this, "heatText",
            "-ms-heat-text", h -> h.text, Color.BLACK);
    private final StyleableProperty<Color> textAlt = CSS.createStyleableColorProperty(this, "heatTextAlt",
            "-ms-heat-text-alt", h -> h.textAlt, Color.WHITE);

    private List<String> columns = List.of();
    private List<String> rows = List.of();
    private double[][] pnl = new double[0][0];
    private DoubleFunction<String> format = String::valueOf;

    public StressHeatmap() {
        super("stress-heatmap");
        redrawOn(loss, zero, gain, text, textAlt);
    }

    /**
     * @param columnLabels the price moves
     * @param rowLabels    the vol shocks
     * @param values       [row][column] P&amp;L, USD
     * @param cellFormat   how a cell prints its P&amp;L
     */
    public void show(List<String> columnLabels, List<String> rowLabels, double[][] values,
                     DoubleFunction<String> cellFormat) {
        this.columns = List.copyOf(columnLabels);
        this.rows = List.copyOf(rowLabels);
        this.pnl = values;
        this.format = cellFormat;
        draw();
    }

    public void clear() {
        show(List.of(), List.of(), new double[0][0], format);
    }

    /** The P&amp;L on show, [vol shock][price move]. */
    public double[][] values() {
        return pnl;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 520;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 260;
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        int nc = columns.size();
        int nr = rows.size();
        if (nc == 0 || nr == 0) {
            return;
        }
        double labelW = 78;
        double labelH = 34;
        double cw = Math.max(10, (w - labelW) / nc);
        double ch = Math.max(10, (h - labelH) / nr);
        double max = 0;
        for (double[] r : pnl) {
            for (double v : r) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        Color ink = text.getValue();
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        g.setFont(Font.font(null, FontWeight.BOLD, 11));
        g.setFill(ink);
        g.fillText("price move (x each asset's scan range)", labelW + (w - labelW) / 2, 8);
        for (int j = 0; j < nc; j++) {
            g.fillText(columns.get(j), labelW + (j + 0.5) * cw, labelH - 10);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        for (int i = 0; i < nr; i++) {
            g.fillText(rows.get(i), labelW - 8, labelH + (i + 0.5) * ch);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("vol", 4, 8);
        Font valueFont = Font.font(null, Math.max(8, Math.min(12.5, cw / 4.8)));
        g.setTextAlign(TextAlignment.CENTER);
        for (int i = 0; i < nr; i++) {
            for (int j = 0; j < nc; j++) {
                double v = pnl[i][j];
                double t = max == 0 || !Double.isFinite(v) ? 0 : Math.min(1, Math.abs(v) / max);
                Color fill = zero.getValue().interpolate(v < 0 ? loss.getValue() : gain.getValue(), t);
                double x = labelW + j * cw;
                double y = labelH + i * ch;
                g.setFill(fill);
                g.fillRect(x + 1, y + 1, cw - 2, ch - 2);
                g.setFill(contrasting(fill, ink, textAlt.getValue()));
                g.setFont(valueFont);
                g.fillText(format.apply(v), x + cw / 2, y + ch / 2);
            }
        }
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }
}
