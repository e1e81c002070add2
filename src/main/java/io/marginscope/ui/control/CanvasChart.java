package io.marginscope.ui.control;

import javafx.beans.value.ObservableValue;
import javafx.css.StyleableProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A chart drawn on one {@link Canvas} that fills the region inside its insets, with its colours from CSS:
 * the canvas is resized with the region and redrawn then, and whenever one of the colours changes (a theme
 * switch). Subclasses paint in {@link #paint} and call {@link #draw} when their data changes.
 */
abstract class CanvasChart extends Region {

    private final Canvas canvas = new Canvas();

    protected CanvasChart(String styleClass) {
        getStyleClass().add(styleClass);
        getChildren().add(canvas);
    }

    /** Redraws whenever one of these colours changes. */
    @SafeVarargs
    protected final void redrawOn(StyleableProperty<Color>... colours) {
        for (StyleableProperty<Color> p : colours) {
            ((ObservableValue<?>) p).addListener(o -> draw());
        }
    }

    /** Clears the canvas and, when it has an area, paints on it. */
    protected final void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (w <= 0 || h <= 0) {
            return;
        }
        paint(g, w, h);
    }

    /** Paints the chart on a cleared canvas of this size (both above 0). */
    protected abstract void paint(GraphicsContext g, double w, double h);

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth() - snappedLeftInset() - snappedRightInset());
        double h = snapSizeY(getHeight() - snappedTopInset() - snappedBottomInset());
        canvas.relocate(snappedLeftInset(), snappedTopInset());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(Math.max(0, w));
            canvas.setHeight(Math.max(0, h));
            draw();
        }
    }

    /** Whichever of the two text colours differs more in luminance from the fill. */
    static Color contrasting(Color fill, Color a, Color b) {
        double l = luminance(fill);
        return Math.abs(luminance(a) - l) >= Math.abs(luminance(b) - l) ? a : b;
    }

    private static double luminance(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }
}
