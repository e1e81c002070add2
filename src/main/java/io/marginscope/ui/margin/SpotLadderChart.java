package io.marginscope.ui.margin;

import javafx.collections.FXCollections;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.List;
import io.marginscope.ui.control.Formats;

/**
 * Adjusted equity and maintenance margin against one underlying's price, ±50% of today's spot,
 * with the liquidation point (where they meet) marked. Recomputed after each margin run and when
 * the underlying is changed.
 */
public final class SpotLadderChart extends VBox {

    private final SpotLadderService service = new SpotLadderService();
    private final ComboBox<String> asset = new ComboBox<>();
    private final LineChart<Number, Number> chart;
    private final Label liquidation = new Label();
    private MarginRun run;

    public SpotLadderChart(MarginViewModel margin) {
        super(6);
        getStyleClass().add("spot-ladder");
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setLabel("underlying price (USD)");
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        y.setLabel("USD");
        StringConverter<Number> compact = Formats.compactMoneyTicks();
        x.setTickLabelFormatter(compact);
        y.setTickLabelFormatter(compact);
        chart = new LineChart<>(x, y);
        chart.setId("spotLadderChart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setTitle("Adjusted equity and MM against the price");
        VBox.setVgrow(chart, Priority.ALWAYS);

        asset.setId("ladderAsset");
        asset.valueProperty().addListener((o, a, now) -> start());
        Label pick = new Label("Underlying");
        liquidation.getStyleClass().add("caption");
        HBox head = new HBox(8, pick, asset, liquidation);
        head.getStyleClass().add("tab-toolbar");
        getChildren().addAll(head, chart);

        service.setOnSucceeded(e -> show(service.getValue()));
        margin.runProperty().addListener((o, was, r) -> {
            run = r;
            if (r == null) {
                return;
            }
            List<String> assets = r.liquidation().keySet().stream().sorted().toList();
            if (!asset.getItems().equals(assets)) {
                String keep = asset.getValue();
                asset.setItems(FXCollections.observableArrayList(assets));
                asset.setValue(assets.contains(keep) ? keep : assets.isEmpty() ? null : assets.getFirst());
            }
            start();
        });
    }

    private void start() {
        if (run != null && asset.getValue() != null && run.liquidation().containsKey(asset.getValue())) {
            service.submit(run, asset.getValue());
        }
    }

    private void show(SpotLadderService.Ladder l) {
        if (l == null) {
            return;
        }
        XYChart.Series<Number, Number> equity = new XYChart.Series<>();
        equity.setName("Adjusted equity");
        XYChart.Series<Number, Number> mm = new XYChart.Series<>();
        mm.setName("Maintenance margin");
        for (int i = 0; i < l.spots().length; i++) {
            equity.getData().add(new XYChart.Data<>(l.spots()[i], l.equity()[i]));
            mm.getData().add(new XYChart.Data<>(l.spots()[i], l.mm()[i]));
        }
        XYChart.Series<Number, Number> liq = new XYChart.Series<>();
        liq.setName("Liquidation");
        var lp = l.liquidation();
        double lo = l.spots()[0];
        double hi = l.spots()[l.spots().length - 1];
        if (lp != null && lp.exists() && lp.price() >= lo && lp.price() <= hi) {
            double yMin = Double.POSITIVE_INFINITY;
            double yMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < l.spots().length; i++) {
                yMin = Math.min(yMin, Math.min(l.equity()[i], l.mm()[i]));
                yMax = Math.max(yMax, Math.max(l.equity()[i], l.mm()[i]));
            }
            liq.getData().add(new XYChart.Data<>(lp.price(), yMin));
            liq.getData().add(new XYChart.Data<>(lp.price(), yMax));
        }
        chart.getData().setAll(List.of(equity, mm, liq));
        liquidation.setText(lp == null ? "" : lp.breached() ? "Already below MM at today's spot"
                : !lp.exists() ? "No liquidation price between -98% and x10 of spot"
                : "Liquidation at " + Formats.money(lp.price()) + " ("
                + new java.text.DecimalFormat("+0.0;-0.0").format(lp.distancePct()) + "% from "
                + Formats.money(l.spot()) + ")" + (lp.price() < lo || lp.price() > hi ? ", off this chart" : ""));
    }

    SpotLadderService service() {
        return service;
    }

    LineChart<Number, Number> chart() {
        return chart;
    }
}
