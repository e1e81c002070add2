package io.marginscope.ui.control;

import javafx.collections.FXCollections;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.shape.Line;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Histogram of the scenario P&L of a simulation run, drawn as one stepped area (one node for the
 * whole shape, not one per bin), with the VaR and ES of the run marked as vertical lines at
 * P&L = -VaR and P&L = -ES. Colours come from CSS ({@code .var-marker}, {@code .es-marker}).
 */
public final class PnlHistogram extends AreaChart<Number, Number> {

    private final XYChart.Series<Number, Number> series = new XYChart.Series<>();
    private final Line varLine = marker("var-marker");
    private final Line esLine = marker("es-marker");
    private final Label varLabel = markerLabel("var-marker-label");
    private final Label esLabel = markerLabel("es-marker-label");
    private double var = Double.NaN;
    private double es = Double.NaN;

    public PnlHistogram(DoubleFunction<String> tickFormat) {
        super(new NumberAxis(), new NumberAxis());
        getStyleClass().add("pnl-histogram");
        setAnimated(false);
        setCreateSymbols(false);
        setLegendVisible(false);
        NumberAxis x = (NumberAxis) getXAxis();
        x.setForceZeroInRange(false);
        x.setLabel("P&L over the horizon (USD)");
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return tickFormat.apply(n.doubleValue());
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        });
        NumberAxis y = (NumberAxis) getYAxis();
        y.setLabel("scenarios");
        y.setMinorTickVisible(false);
        setData(FXCollections.observableArrayList(List.of(series)));
        getPlotChildren().addAll(varLine, esLine, varLabel, esLabel);
    }

    private static Line marker(String styleClass) {
        Line l = new Line();
        l.getStyleClass().add(styleClass);
        l.setManaged(false);
        return l;
    }

    private static Label markerLabel(String styleClass) {
        Label l = new Label();
        l.getStyleClass().addAll("marker-label", styleClass);
        l.setManaged(false);
        return l;
    }

    /** Shows the bins and marks VaR and ES (losses, positive USD) with the given labels. */
    public void show(PnlBins bins, double var, double es, String varText, String esText) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(2 * bins.size() + 2);
        points.add(new XYChart.Data<>(bins.edge(0), 0));
        for (int i = 0; i < bins.size(); i++) {
            points.add(new XYChart.Data<>(bins.edge(i), bins.counts()[i]));
            points.add(new XYChart.Data<>(bins.edge(i + 1), bins.counts()[i]));
        }
        points.add(new XYChart.Data<>(bins.edge(bins.size()), 0));
        this.var = var;
        this.es = es;
        varLabel.setText(varText);
        esLabel.setText(esText);
        series.getData().setAll(points);
        requestChartLayout();
    }

    /** Removes the bins and markers. */
    public void clear() {
        var = Double.NaN;
        es = Double.NaN;
        series.getData().clear();
        requestChartLayout();
    }

    /** The number of bins on show (0 when empty). */
    public int binCount() {
        return Math.max(0, (series.getData().size() - 2) / 2);
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        NumberAxis x = (NumberAxis) getXAxis();
        double height = getYAxis().getHeight();
        place(x, -var, varLine, varLabel, height, 2);
        place(x, -es, esLine, esLabel, height, 20);
        varLine.toFront();
        esLine.toFront();
        varLabel.toFront();
        esLabel.toFront();
    }

    private static void place(NumberAxis x, double pnl, Line line, Label label, double height, double labelY) {
        boolean visible = Double.isFinite(pnl);
        line.setVisible(visible);
        label.setVisible(visible);
        if (!visible) {
            return;
        }
        double px = x.getDisplayPosition(pnl);
        line.setStartX(px);
        line.setEndX(px);
        line.setStartY(0);
        line.setEndY(height);
        label.autosize();
        double w = label.prefWidth(-1);
        double lx = px - w - 4 < 0 ? px + 4 : px - w - 4;
        label.resizeRelocate(lx, labelY, w, label.prefHeight(-1));
    }
}
