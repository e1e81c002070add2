package io.marginscope.ui.backtest;

import io.marginscope.backtest.BacktestReport;
import io.marginscope.backtest.BacktestSeries;
import io.marginscope.backtest.RollingBacktest;
import javafx.concurrent.Worker;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.text.DecimalFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.control.RunBar;

/**
 * The Backtest tab: the rolling backtest of the risk settings on the book as held today, against
 * the price history opened in the settings panel (without one it says so). A chart of the realised
 * P&amp;L against -VaR with the exceptions marked, and the Kupiec, Christoffersen, traffic light and
 * ES test results: layout and bindings; the state and the runs are the {@link BacktestViewModel}'s.
 */
public final class BacktestView extends VBox {

    private final BacktestViewModel model;
    private final LineChart<Number, Number> chart;
    private final GridPane stats = new GridPane();
    private final Label notice = new Label();
    private final Label settings = new Label();

    public BacktestView(BacktestViewModel model) {
        super(8);
        this.model = model;
        getStyleClass().addAll("results", "backtest");
        setId("backtestView");
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setAutoRanging(true);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return LocalDate.ofEpochDay(n.longValue()).toString();
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        });
        NumberAxis y = new NumberAxis();
        y.setLabel("USD");
        y.setTickLabelFormatter(Formats.compactMoneyTicks());
        chart = new LineChart<>(x, y);
        chart.setId("backtestChart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setTitle("Realised P&L against -VaR, exceptions marked");
        VBox.setVgrow(chart, Priority.ALWAYS);

        notice.getStyleClass().add("notice");
        notice.setWrapText(true);
        // the notice wraps; the chart gives way to it, never the notice to the chart
        notice.setMinHeight(Region.USE_PREF_SIZE);
        notice.setId("backtestNotice");
        // the chart takes the height; the lines above it keep every line of their text
        notice.setMinHeight(Region.USE_PREF_SIZE);
        stats.getStyleClass().add("backtest-stats");
        stats.setHgap(18);
        stats.setVgap(4);
        HBox bar = RunBar.of(model.worker(), model::start, model::cancel);
        settings.setId("backtestSettings");
        settings.getStyleClass().add("caption");
        settings.setWrapText(true);
        settings.setMinHeight(Region.USE_PREF_SIZE);
        getChildren().addAll(bar, settings, notice, stats, chart);
        showChart(false);

        model.resultProperty().addListener((o, was, r) -> show(r));
        model.noticeProperty().addListener((o, was, text) -> say(text));
        say(model.noticeProperty().get());
    }

    /** The tab was selected or left: run only while it is on show. */
    public void setShowing(boolean on) {
        model.setShowing(on);
    }

    /** Without a series there is no chart (an empty date axis would start in 1970). */
    private void showChart(boolean on) {
        chart.setVisible(on);
        chart.setManaged(on);
    }

    private void say(String text) {
        notice.setText(text);
        notice.setVisible(!text.isEmpty());
        notice.setManaged(!text.isEmpty());
    }

    private void show(RollingBacktest.Result result) {
        if (result == null) {
            chart.getData().clear();
            showChart(false);
            settings.setText("");
            stats.getChildren().clear();
            return;
        }
        settings.setText(model.settingsText());
        BacktestSeries s = result.series();
        XYChart.Series<Number, Number> pnl = new XYChart.Series<>();
        pnl.setName("P&L");
        XYChart.Series<Number, Number> var = new XYChart.Series<>();
        var.setName("-VaR");
        XYChart.Series<Number, Number> hits = new XYChart.Series<>();
        hits.setName("Exceptions");
        boolean[] ex = s.exceptions();
        // each series' points set at once: a series checks every point added for a duplicate against those it
        // holds, so adding 3,700 points (the bundled closes since 2014) one by one held the FX thread for seconds
        List<XYChart.Data<Number, Number>> pnlPoints = new ArrayList<>(s.size());
        List<XYChart.Data<Number, Number>> varPoints = new ArrayList<>(s.size());
        List<XYChart.Data<Number, Number>> hitPoints = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            long day = s.dates().get(i).toEpochDay();
            pnlPoints.add(new XYChart.Data<>(day, s.pnl()[i]));
            varPoints.add(new XYChart.Data<>(day, -s.var()[i]));
            if (ex[i]) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(day, s.pnl()[i]);
                d.setNode(new Region());
                hitPoints.add(d);
            }
        }
        pnl.getData().setAll(pnlPoints);
        var.getData().setAll(varPoints);
        hits.getData().setAll(hitPoints);
        chart.getData().setAll(List.of(pnl, var, hits));
        showChart(s.size() > 0);
        showStats(result.report(), result.warnings());
    }

    private void showStats(BacktestReport r, List<String> warnings) {
        stats.getChildren().clear();
        DecimalFormat p = new DecimalFormat("0.0000");
        DecimalFormat lr = new DecimalFormat("0.00");
        int row = 0;
        row(row++, "Observations", Formats.count(r.observations()), "Confidence " + Formats.confidence(r.confidence()));
        row(row++, "Exceptions", r.exceptions() + " (expected " + lr.format(r.expectedExceptions()) + ")", "");
        row(row++, "Kupiec (coverage)", "LR " + lr.format(r.kupiec().lr()), "p = " + p.format(r.kupiec().pValue()));
        row(row++, "Christoffersen (independence)", "LR " + lr.format(r.christoffersen().lrInd()),
                "p = " + p.format(r.christoffersen().pValueInd()));
        row(row++, "Christoffersen (conditional coverage)", "LR " + lr.format(r.christoffersen().lrCc()),
                "p = " + p.format(r.christoffersen().pValueCc()));
        Label zone = new Label(r.trafficLight().zoneName());
        zone.setId("trafficLight");
        zone.getStyleClass().addAll("traffic-light", "traffic-" + r.trafficLight().zone().name().toLowerCase());
        stats.addRow(row++, caption("Traffic light"), zone,
                caption("plus factor " + lr.format(r.trafficLight().plusFactor())));
        if (r.esTest() != null) {
            row(row++, "ES test (Acerbi-Szekely Z2)", lr.format(r.esTest().z2()),
                    "p = " + p.format(r.esTest().pValue()) + (r.esTest().esFromInput() ? "" : " (ES implied by VaR)"));
        }
        if (!warnings.isEmpty()) {
            say(String.join("\n", warnings));
        }
    }

    private void row(int i, String name, String value, String note) {
        Label v = new Label(value);
        v.getStyleClass().add("panel-value");
        stats.addRow(i, caption(name), v, caption(note));
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("caption");
        return l;
    }

    /** The backtest runs (progress, running, the last value). */
    public Worker<RollingBacktest.Result> service() {
        return model.worker();
    }

    public BacktestViewModel model() {
        return model;
    }

    public LineChart<Number, Number> chart() {
        return chart;
    }

    public Label notice() {
        return notice;
    }
}
