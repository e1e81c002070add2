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

import java.text.DecimalFormat;
import java.util.List;

/**
 * The correlation matrix of a run's risk factors as a heat map drawn on one {@link javafx.scene.canvas.Canvas} (not a
 * node per cell), each cell with its value printed. Colours come from CSS:
 * {@code -ms-heat-negative} at -1, {@code -ms-heat-zero} at 0, {@code -ms-heat-positive} at +1,
 * {@code -ms-heat-text} for labels, and in a cell whichever of it and {@code -ms-heat-text-alt}
 * contrasts more with the cell. Cells marked (the analyst's overrides) get a frame in
 * {@code -ms-heat-mark}.
 */
public final class CorrelationHeatmap extends CanvasChart {

    private static final StyleablePropertyFactory<CorrelationHeatmap> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());
    private static final DecimalFormat VALUE = new DecimalFormat("0.00");

    private final StyleableProperty<Color> negative = CSS.createStyleableColorProperty(this, "heatNegative",
            "-ms-heat-negative", h -> h.negative, Color.BLUE);
    private final StyleableProperty<Color> zero = CSS.createStyleableColorProperty(this, "heatZero",
            "-ms-heat-zero", h -> h.zero, Color.WHITE);
    private final StyleableProperty<Color> positive = CSS.createStyleableColorProperty(this, "heatPositive",
            "-ms-heat-positive", h -> h.positive, Color.RED);
    private final StyleableProperty<Color> text = CSS.createStyleableColorProperty(this, "heatText",
            "-ms-heat-text", h -> h.text, Color.BLACK);
    private final StyleableProperty<Color> textAlt = CSS.createStyleableColorProperty(this, "heatTextAlt",
            "-ms-heat-text-alt", h -> h.textAlt, Color.WHITE);
    private final StyleableProperty<Color> mark = CSS.createStyleableColorProperty(this, "heatMark",
            "-ms-heat-mark", h -> h.mark, Color.BLACK);

    private List<String> assets = List.of();
    private double[][] matrix = new double[0][0];
    private boolean[][] marked = new boolean[0][0];

    public CorrelationHeatmap() {
        super("correlation-heatmap");
        redrawOn(negative, zero, positive, text, textAlt, mark);
    }

    /** Shows a matrix (square, the size of the asset list). */
    public void show(List<String> names, double[][] values) {
        show(names, values, new boolean[values.length][values.length]);
    }

    /** Shows a matrix with some cells framed ({@code marked[i][j]}, same size). */
    public void show(List<String> names, double[][] values, boolean[][] marked) {
        this.assets = List.copyOf(names);
        this.matrix = values;
        this.marked = marked;
        draw();
    }

    /** Whether cell (i, j) is framed. */
    public boolean isMarked(int i, int j) {
        return marked[i][j];
    }

    /** The value shown in cell (i, j). */
    public double value(int i, int j) {
        return matrix[i][j];
    }

    public void clear() {
        show(List.of(), new double[0][0]);
    }

    public int size() {
        return assets.size();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 320;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 240;
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        int n = assets.size();
        if (n == 0) {
            return;
        }
        double labelW = 56;
        double labelH = 22;
        double legend = anyMarked() ? 18 : 0;
        double cell = Math.max(8, Math.min((w - labelW) / n, (h - labelH - legend) / n));
        Color ink = text.getValue();
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.CENTER);
        g.setFont(Font.font(null, FontWeight.BOLD, 12));
        g.setFill(ink);
        for (int j = 0; j < n; j++) {
            g.fillText(assets.get(j), labelW + (j + 0.5) * cell, labelH / 2);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        for (int i = 0; i < n; i++) {
            g.setFill(ink);
            g.fillText(assets.get(i), labelW - 8, labelH + (i + 0.5) * cell);
        }
        Font valueFont = Font.font(null, Math.max(9, Math.min(14, cell / 4.5)));
        g.setTextAlign(TextAlignment.CENTER);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double rho = matrix[i][j];
                Color fill = colour(rho);
                double x = labelW + j * cell;
                double y = labelH + i * cell;
                g.setFill(fill);
                g.fillRect(x + 1, y + 1, cell - 2, cell - 2);
                if (marked[i][j]) {
                    g.setStroke(mark.getValue());
                    g.setLineWidth(3);
                    g.strokeRect(x + 2.5, y + 2.5, cell - 5, cell - 5);
                }
                g.setFill(contrasting(fill, ink, textAlt.getValue()));
                g.setFont(valueFont);
                g.fillText(VALUE.format(rho), x + cell / 2, y + cell / 2);
            }
        }
        if (legend > 0 && labelH + n * cell + legend <= h) {
            g.setFill(ink);
            g.setFont(Font.font(null, 11));
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText("Framed: the analyst's override", labelW, labelH + n * cell + 10);
        }
    }

    private boolean anyMarked() {
        for (boolean[] row : marked) {
            for (boolean m : row) {
                if (m) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Linear between the zero colour and the sign's colour by |rho|. */
    private Color colour(double rho) {
        double t = Math.min(1, Math.abs(rho));
        Color end = rho < 0 ? negative.getValue() : positive.getValue();
        return zero.getValue().interpolate(end, t);
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CSS.getCssMetaData();
    }
}
