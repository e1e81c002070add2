package io.marginscope.ui.control;

import javafx.collections.FXCollections;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Horizontal bars of each position's component ES (USD), largest at the top. A position that
 * lowers the book's ES (a hedge) has a negative component; BarChart gives its bar the style class
 * {@code negative}, which the theme colours apart.
 */
public final class ComponentEsChart extends BarChart<Number, String> {

    /** One bar: a position and its component ES. */
    public record Bar(String position, double componentEs) {
    }

    private final XYChart.Series<Number, String> series = new XYChart.Series<>();
    private final CategoryAxis positions;

    public ComponentEsChart(DoubleFunction<String> tickFormat) {
        super(new NumberAxis(), new CategoryAxis());
        getStyleClass().add("component-es-chart");
        positions = (CategoryAxis) getYAxis();
        positions.setAutoRanging(false);
        setAnimated(false);
        setLegendVisible(false);
        setCategoryGap(4);
        NumberAxis x = (NumberAxis) getXAxis();
        x.setLabel("component ES (USD)");
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
        setData(FXCollections.observableArrayList(List.of(series)));
    }

    public void show(List<Bar> bars) {
        List<Bar> sorted = new ArrayList<>(bars);
        sorted.sort(Comparator.comparingDouble(Bar::componentEs));
        List<XYChart.Data<Number, String>> data = new ArrayList<>(sorted.size());
        List<String> names = new ArrayList<>(sorted.size());
        for (Bar b : sorted) {
            data.add(new XYChart.Data<>(b.componentEs(), b.position()));
            names.add(b.position());
        }
        series.getData().clear();
        positions.getCategories().setAll(names);
        series.getData().setAll(data);
    }

    public void clear() {
        series.getData().clear();
        positions.getCategories().clear();
    }

    public int barCount() {
        return series.getData().size();
    }
}
