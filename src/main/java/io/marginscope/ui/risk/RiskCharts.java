package io.marginscope.ui.risk;

import io.marginscope.risk.ParametricRisk;
import io.marginscope.risk.PositionRisk;
import io.marginscope.risk.RiskResult;
import io.marginscope.ui.control.ComponentEsChart;
import io.marginscope.ui.control.CorrelationHeatmap;
import io.marginscope.ui.control.PnlHistogram;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

import java.util.ArrayList;
import java.util.List;
import io.marginscope.ui.control.Formats;

/**
 * The charts of the last risk run, one tab each: the scenario P&L histogram with VaR and ES
 * marked (simulation methods only; parametric has no scenario vector, which the tab says), the
 * component ES of each position, and the correlation matrix of the risk factors (the analyst's
 * overridden pairs framed). While the
 * charts are stale a veil is laid over them (cheaper to draw than fading the charts, and no CSS
 * pass through them at every run).
 */
public final class RiskCharts extends StackPane {

    private final TabPane tabs = new TabPane();
    private final Region veil = new Region();
    private final PnlHistogram histogram = new PnlHistogram(Formats::compactMoney);
    private final Label histogramNote = new Label();
    private final ComponentEsChart components = new ComponentEsChart(Formats::compactMoney);
    private final CorrelationHeatmap correlation = new CorrelationHeatmap();

    public RiskCharts(RiskViewModel risk) {
        setId("riskCharts");
        tabs.getStyleClass().add("risk-charts");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        veil.getStyleClass().add("chart-veil");
        veil.setMouseTransparent(true);
        veil.setVisible(false);
        getChildren().addAll(tabs, veil);
        histogram.setId("pnlHistogram");
        histogramNote.setId("histogramNote");
        histogramNote.getStyleClass().add("chart-note");
        histogramNote.setWrapText(true);
        components.setId("componentEsChart");
        correlation.setId("correlationHeatmap");

        StackPane distribution = new StackPane(histogram, histogramNote);
        StackPane heat = new StackPane(correlation);
        heat.getStyleClass().add("heatmap-pane");
        tabs.getTabs().addAll(
                new Tab("P&L distribution", distribution),
                new Tab("Component ES", components),
                new Tab("Correlation", heat));
        tabs.getTabs().get(0).setId("distributionTab");
        tabs.getTabs().get(1).setId("componentsTab");
        tabs.getTabs().get(2).setId("correlationTab");

        show(null);
        risk.runProperty().addListener((o, was, run) -> show(run));
        risk.staleProperty().addListener((o, was, stale) -> veil.setVisible(stale));
    }

    private void show(RiskRun run) {
        if (run == null) {
            histogram.clear();
            histogram.setVisible(false);
            histogramNote.setVisible(true);
            histogramNote.setText("No risk result.");
            components.clear();
            correlation.clear();
            return;
        }
        RiskResult r = run.result();
        if (run.bins() == null) {
            histogram.clear();
            histogram.setVisible(false);
            histogramNote.setVisible(true);
            histogramNote.setText(parametricNote(r.moments()));
        } else {
            histogram.show(run.bins(), r.var(), r.es(), "VaR " + Formats.money(r.var()), "ES " + Formats.money(r.es()));
            histogram.setVisible(true);
            histogramNote.setVisible(false);
        }
        List<ComponentEsChart.Bar> bars = new ArrayList<>();
        for (PositionRisk p : r.positions()) {
            bars.add(new ComponentEsChart.Bar(p.id(), p.componentEs()));
        }
        components.show(bars);
        List<String> assets = r.factors().assets();
        boolean[][] overridden = new boolean[assets.size()][assets.size()];
        for (var pair : run.request().correlationOverrides().keySet()) {
            int i = assets.indexOf(pair.first());
            int j = assets.indexOf(pair.second());
            if (i >= 0 && j >= 0) {
                overridden[i][j] = true;
                overridden[j][i] = true;
            }
        }
        correlation.show(assets, r.factors().correlation(), overridden);
    }

    private static String parametricNote(ParametricRisk.Measure m) {
        String moments = m == null ? "" : "\n\nP&L over the horizon (delta-gamma moments): mean "
                + Formats.money(m.mean()) + " USD, standard deviation " + Formats.money(m.stdev())
                + " USD, skewness " + Formats.number(m.skewness()) + ", excess kurtosis "
                + Formats.number(m.excessKurtosis()) + ".";
        return "Parametric VaR and ES come from a closed form (delta-normal, or delta-gamma with a "
                + "Cornish-Fisher quantile), not from scenarios, so there is no P&L vector to draw."
                + moments + "\n\nChoose Historical simulation, FHS or Monte Carlo to see the scenario P&L "
                + "distribution.";
    }

    PnlHistogram histogram() {
        return histogram;
    }

    ComponentEsChart components() {
        return components;
    }

    CorrelationHeatmap correlation() {
        return correlation;
    }
}
