package io.marginscope.ui.live;

import eu.hansolo.tilesfx.Tile;
import eu.hansolo.tilesfx.TileBuilder;
import io.marginscope.feed.LiveState;
import io.marginscope.io.BundledHistory;
import io.marginscope.io.InputException;
import io.marginscope.feed.MarginAlert;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.store.TimelinePoint;
import io.marginscope.ui.workbook.LoadedHistory;
import io.marginscope.ui.control.TileFrame;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import io.marginscope.ui.risk.RiskTiles;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.sessions.SessionActions;
import io.marginscope.ui.workbook.WorkbookViewModel;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.sessions.SessionInputs;
import io.marginscope.ui.control.Formats;

/**
 * Live mode: a toggle (View > Live, Ctrl+L) with a source chooser, pause/resume, the equity, MM
 * and margin ratio of the feed's market, a margin-ratio tile coloured by the policy's zone and a
 * chart of the ratio with the warning and liquidation lines. The engine runs in a {@link LiveSession};
 * the FX thread takes its latest state every {@value #FRAME_MS} ms (one repaint however many ticks
 * came). Zone changes show as notifications owned by the main window. When a saved session is
 * open, the timeline observed is recorded into it on stop.
 */
public final class LivePanel extends VBox {

    static final int FRAME_MS = 150;
    /** Points the chart keeps (older ones scroll out). */
    static final int CHART_POINTS = 600;
    static final String DEFAULT_WINDOW = "2020-03-09..2020-03-16";

    private final Stage stage;
    private final WorkbookViewModel model;
    private final RiskViewModel risk;
    private final RiskTiles tiles;
    private final SessionActions sessions;

    private final ToggleButton toggle = new ToggleButton("Live");
    private final CheckMenuItem menuItem = new CheckMenuItem("Live");
    private final ChoiceBox<LiveSource> source = new ChoiceBox<>();
    private final ChoiceBox<Integer> speed = new ChoiceBox<>();
    private final TextField window = new TextField(DEFAULT_WINDOW);
    private final TextField historyPath = new TextField();
    private final TextField endpoint = new TextField("wss://www.deribit.com/ws/api/v2");
    private final Button pause = new Button("Pause");
    private final Label equity = new Label("—");
    private final Label mm = new Label("—");
    private final Label ratio = new Label("—");
    private final Label asOf = new Label("");
    private final Label message = new Label("");
    /** After Stop: hides the stopped session's figures. */
    private final javafx.scene.control.Button dismiss = new javafx.scene.control.Button("Dismiss");
    /** The live equity while live, NaN otherwise (the header follows it). */
    private final javafx.beans.property.ReadOnlyDoubleWrapper liveEquity =
            new javafx.beans.property.ReadOnlyDoubleWrapper(this, "liveEquity", Double.NaN);
    /** One notification on show at a time, the others counted. */
    private final AlertCoalescer alerts = new AlertCoalescer(NOTICE_MS);
    static final long NOTICE_MS = 6_500;
    private final Tile ratioTile;
    private final TileFrame ratioFrame;
    private final XYChart.Series<Number, Number> ratioSeries = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> warningLine = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> liquidationLine = new XYChart.Series<>();
    private final NumberAxis xAxis = new NumberAxis();
    private final LineChart<Number, Number> chart;
    private final HBox gauges;
    /** The chart's points (update, ratio); new Data objects each frame: a chart does not take back removed ones. */
    private final ArrayDeque<LiveSession.Point> window_ = new ArrayDeque<>();
    private final Timeline frames = new Timeline(new KeyFrame(Duration.millis(FRAME_MS), e -> frame()));
    private final ReadOnlyObjectWrapper<MarginResult.Zone> zone = new ReadOnlyObjectWrapper<>(this, "zone");
    private LiveSession session;
    private boolean paused;

    public LivePanel(Stage stage, WorkbookViewModel model, RiskViewModel risk, RiskTiles tiles, SessionActions sessions) {
        this.stage = stage;
        this.model = model;
        this.risk = risk;
        this.tiles = tiles;
        this.sessions = sessions;
        getStyleClass().add("live-panel");
        setSpacing(6);

        toggle.setId("liveToggle");
        toggle.getStyleClass().add("live-toggle");
        toggle.setOnAction(e -> setLive(toggle.isSelected()));
        menuItem.setId("liveItem");
        menuItem.setAccelerator(KeyCombination.keyCombination("Shortcut+L"));
        menuItem.setOnAction(e -> setLive(menuItem.isSelected()));
        source.setId("liveSource");
        source.getItems().setAll(LiveSource.values());
        source.setValue(LiveSource.SIMULATED_CRASH);
        speed.setId("liveSpeed");
        speed.getItems().setAll(2, 5, 20, 50, 200);
        speed.setValue(20);
        window.setId("replayWindow");
        window.setPrefColumnCount(16);
        historyPath.setId("replayHistory");
        historyPath.setPromptText("price history folder (blank: the bundled closes)");
        historyPath.setPrefColumnCount(18);
        endpoint.setId("deribitEndpoint");
        endpoint.setPrefColumnCount(20);
        window.visibleProperty().bind(source.valueProperty().isEqualTo(LiveSource.REPLAY));
        window.managedProperty().bind(window.visibleProperty());
        historyPath.visibleProperty().bind(window.visibleProperty().and(risk.historyProperty().isNull()));
        historyPath.managedProperty().bind(historyPath.visibleProperty());
        endpoint.visibleProperty().bind(source.valueProperty().isEqualTo(LiveSource.DERIBIT));
        endpoint.managedProperty().bind(endpoint.visibleProperty());
        dismiss.setId("liveDismiss");
        dismiss.setVisible(false);
        dismiss.managedProperty().bind(dismiss.visibleProperty());
        dismiss.setOnAction(e -> dismissStopped());
        pause.setId("livePause");
        pause.setDisable(true);
        pause.setOnAction(e -> togglePause());
        equity.setId("liveEquity");
        mm.setId("liveMM");
        ratio.setId("liveRatio");
        ratio.getStyleClass().add("live-ratio");
        asOf.setId("liveAsOf");
        message.setId("liveMessage");
        message.getStyleClass().add("live-message");
        HBox bar = new HBox(8, toggle, new Label("Source"), source, window, historyPath, endpoint,
                new Label("Updates/s"), speed, pause, message, dismiss);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("live-bar");

        ratioTile = TileBuilder.create().skinType(Tile.SkinType.NUMBER).prefSize(220, 120).title("Margin ratio")
                .unit("%").decimals(1).animated(false).roundedCorners(true).textVisible(true)
                .minValue(0).maxValue(10_000).build();
        ratioTile.setId("liveRatioTile");
        ratioFrame = new TileFrame(ratioTile);
        ratioFrame.getStyleClass().add("live-ratio-frame");
        ratioFrame.setPrefSize(220, 120);
        ratioFrame.setMinSize(200, 120);

        NumberAxis yAxis = new NumberAxis();
        yAxis.setLabel("margin ratio");
        yAxis.setForceZeroInRange(true);
        xAxis.setLabel("update");
        xAxis.setForceZeroInRange(false);
        chart = new LineChart<>(xAxis, yAxis);
        chart.setId("liveChart");
        chart.getStyleClass().add("live-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(true);
        chart.setPrefHeight(170);
        chart.setMinHeight(140);
        ratioSeries.setName("margin ratio");
        warningLine.setName("warning");
        liquidationLine.setName("liquidation");
        chart.getData().setAll(List.of(ratioSeries, warningLine, liquidationLine));
        HBox.setHgrow(chart, Priority.ALWAYS);

        VBox numbers = new VBox(4, row("Equity", equity), row("MM", mm), row("Margin ratio", ratio), asOf);
        numbers.getStyleClass().add("live-numbers");
        numbers.setMinWidth(200);
        gauges = new HBox(10, ratioFrame, numbers, chart);
        gauges.setAlignment(Pos.CENTER_LEFT);
        gauges.setVisible(false);
        gauges.managedProperty().bind(gauges.visibleProperty());
        getChildren().setAll(bar, gauges);
        frames.setCycleCount(Timeline.INDEFINITE);
        model.currentProperty().addListener((o, a, b) -> {
            if (session != null) {
                setLive(false);
            }
        });
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> setLive(false));
    }

    private static HBox row(String name, Label value) {
        Label n = new Label(name);
        n.getStyleClass().add("live-name");
        n.setMinWidth(90);
        value.getStyleClass().add("live-value");
        return new HBox(6, n, value);
    }

    public CheckMenuItem menuItem() {
        return menuItem;
    }

    public ReadOnlyObjectProperty<MarginResult.Zone> zoneProperty() {
        return zone.getReadOnlyProperty();
    }

    public ChoiceBox<LiveSource> source() {
        return source;
    }

    public ChoiceBox<Integer> speed() {
        return speed;
    }

    TextField replayWindow() {
        return window;
    }

    /** The last state of the running session, or null. */
    public LiveState latestState() {
        LiveSession s = session;
        return s == null ? null : s.latest();
    }

    public boolean isLive() {
        return session != null;
    }

    /** Starts (preparing the policy off the FX thread) or stops live mode. */
    public void setLive(boolean on) {
        toggle.setSelected(on);
        menuItem.setSelected(on);
        if (on && session == null) {
            start();
        } else if (!on && session != null) {
            stop();
        }
    }

    private void start() {
        shownState = null;
        LoadedBook b = model.current();
        if (b == null) {
            toggle.setSelected(false);
            menuItem.setSelected(false);
            return;
        }
        LiveSession.Config c;
        try {
            c = config(b);
        } catch (RuntimeException ex) {
            message.setText(ex.getMessage());
            toggle.setSelected(false);
            menuItem.setSelected(false);
            return;
        }
        source.setDisable(true);
        message.setText("Preparing the " + SessionInputs.POLICY + " margin of " + b.book().name() + " …");
        Task<LiveSession> t = new Task<>() {
            @Override
            protected LiveSession call() throws Exception {
                return LiveSession.start(withBundledHistory(c));
            }
        };
        t.setOnSucceeded(e -> {
            LiveSession s = t.getValue();
            if (!toggle.isSelected()) {
                stopInBackground(s);
                return;
            }
            session = s;
            paused = false;
            dismiss.setVisible(false);
            alerts.reset();
            pause.setText("Pause");
            pause.setDisable(false);
            window_.clear();
            ratioSeries.getData().clear();
            message.setText("Live: " + s.description());
            gauges.setVisible(true);
            frames.play();
            frame();
        });
        t.setOnFailed(e -> {
            message.setText("Live not started: " + t.getException().getMessage());
            source.setDisable(false);
            toggle.setSelected(false);
            menuItem.setSelected(false);
        });
        Thread th = new Thread(t, "live-start");
        th.setDaemon(true);
        th.start();
    }

    /**
     * A replay with no history opened and no folder given replays the program's own closes
     * ({@link BundledHistory}), which then are the policy's history too. Reads them: call off the FX thread.
     */
    static LiveSession.Config withBundledHistory(LiveSession.Config c) throws InputException {
        if (c.source() != LiveSource.REPLAY || c.history() != null || c.historyPath() != null) {
            return c;
        }
        LoadedHistory bundled = LoadedHistory.bundled();
        return new LiveSession.Config(c.source(), c.book(), bundled, null, c.from(), c.to(), c.speed(), c.endpoint(),
                c.scenarios(), c.seed());
    }

    private LiveSession.Config config(LoadedBook b) {
        LocalDate from = null;
        LocalDate to = null;
        Path hist = null;
        if (source.getValue() == LiveSource.REPLAY) {
            String[] parts = window.getText().strip().split("\\.\\.");
            if (parts.length != 2) {
                throw new IllegalArgumentException("replay window: FROM..TO, e.g. " + DEFAULT_WINDOW);
            }
            from = LocalDate.parse(parts[0].strip());
            to = LocalDate.parse(parts[1].strip());
            if (risk.historyProperty().get() == null && !historyPath.getText().isBlank()) {
                hist = Path.of(historyPath.getText().strip());
            }
        }
        URI uri = source.getValue() == LiveSource.DERIBIT && !endpoint.getText().isBlank()
                ? URI.create(endpoint.getText().strip()) : null;
        var p = risk.parameters();
        return new LiveSession.Config(source.getValue(), b, risk.historyProperty().get(), hist, from, to,
                speed.getValue(), uri, p.scenarios(), p.seed());
    }

    private void togglePause() {
        if (session == null) {
            return;
        }
        paused = !paused;
        if (paused) {
            session.pause();
        } else {
            session.resume();
        }
        pause.setText(paused ? "Resume" : "Pause");
        message.setText((paused ? "Paused: " : "Live: ") + session.description());
    }

    private void stop() {
        LiveSession s = session;
        session = null;
        frames.stop();
        frame(s);
        pause.setDisable(true);
        source.setDisable(false);
        // the state the panel shows (the session may have moved on since the frame drew it: one number)
        LiveState last = shownState;
        String at = java.time.LocalTime.now(ZoneOffset.UTC).withNano(0) + " UTC";
        message.setText("Stopped at " + at + (last == null ? "" : ", last ratio " + (Double.isNaN(last.marginRatio())
                ? "n/a" : Formats.ratio(last.marginRatio())) + " (" + last.zone() + ")") + " · " + s.description());
        // a calm state: the figures stay for reference, without the zone's alarm colours, until dismissed
        zone.set(null);
        for (javafx.scene.Node n : List.of(ratio, ratioFrame)) {
            n.getStyleClass().removeAll("zone-ok", "zone-warning", "zone-liquidation");
        }
        dismiss.setVisible(true);
        alerts.reset();
        liveEquity.set(Double.NaN);
        tiles.endLive(model.current());
        stopInBackground(s);
    }

    /** Hides the stopped session's gauges and message. */
    private void dismissStopped() {
        if (session != null) {
            return;
        }
        gauges.setVisible(false);
        message.setText("");
        dismiss.setVisible(false);
    }

    /** The live equity while live; NaN when not live. */
    public javafx.beans.property.ReadOnlyDoubleProperty liveEquityProperty() {
        return liveEquity.getReadOnlyProperty();
    }

    public Button dismissButton() {
        return dismiss;
    }

    private void stopInBackground(LiveSession s) {
        Task<List<TimelinePoint>> t = new Task<>() {
            @Override
            protected List<TimelinePoint> call() {
                return s.stop();
            }
        };
        t.setOnSucceeded(e -> sessions.appendTimeline(t.getValue()));
        Thread th = new Thread(t, "live-stop");
        th.setDaemon(true);
        th.start();
    }

    private void frame() {
        if (session != null) {
            frame(session);
        }
    }

    /** The live state the panel last drew. */
    private LiveState shownState;

    /** One repaint: the latest state, the new chart points, the alerts. */
    private void frame(LiveSession s) {
        Throwable error = s.pollError();
        if (error != null) {
            message.setText("Live: " + error.getMessage());
        }
        LiveState st = s.latest();
        Policy.Thresholds th = s.thresholds();
        if (st != null) {
            shownState = st;
            equity.setText(Formats.money(st.equity()));
            mm.setText(Formats.money(st.maintenanceMargin()));
            String r = Double.isNaN(st.marginRatio()) ? "n/a (no equity)"
                    : Formats.ratio(st.marginRatio());
            ratio.setText(r + " · " + st.zone());
            asOf.setText("as of " + st.instant().atZone(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ')
                    + " · " + Formats.count(st.tickCount()) + " updates" + (st.full() ? "" : " · MM held"));
            setZone(st.zone());
            ratioTile.setValue(Double.isNaN(st.marginRatio()) ? 0 : st.marginRatio() * 100);
            ratioTile.setText("warning " + pct(th.warning()) + " · liquidation " + pct(th.liquidation()));
            tiles.showLive(st.equity(), "live · " + st.zone());
            if (session == s) {
                liveEquity.set(st.equity());
            }
        }
        List<LiveSession.Point> pts = s.drainPoints();
        if (!pts.isEmpty()) {
            for (LiveSession.Point p : pts) {
                if (!Double.isNaN(p.ratio())) {
                    window_.addLast(p);
                }
            }
            while (window_.size() > CHART_POINTS) {
                window_.removeFirst();
            }
            List<XYChart.Data<Number, Number>> data = new ArrayList<>(window_.size());
            for (LiveSession.Point p : window_) {
                data.add(new XYChart.Data<>(p.update(), p.ratio()));
            }
            ratioSeries.getData().setAll(data);
            if (!window_.isEmpty()) {
                Number x0 = window_.getFirst().update();
                Number x1 = window_.getLast().update();
                warningLine.getData().setAll(List.of(new XYChart.Data<>(x0, th.warning()),
                        new XYChart.Data<>(x1, th.warning())));
                liquidationLine.getData().setAll(List.of(new XYChart.Data<>(x0, th.liquidation()),
                        new XYChart.Data<>(x1, th.liquidation())));
            }
        }
        long now = System.currentTimeMillis();
        for (MarginAlert a : s.drainAlerts()) {
            AlertCoalescer.Notice n = alerts.offer(a, now);
            if (n != null) {
                notify(n);
            }
        }
        AlertCoalescer.Notice folded = alerts.poll(now);
        if (folded != null && session == s) {
            notify(folded);
        }
    }

    private void setZone(MarginResult.Zone z) {
        if (z == zone.get()) {
            return;
        }
        zone.set(z);
        for (javafx.scene.Node n : List.of(ratio, ratioFrame)) {
            n.getStyleClass().removeAll("zone-ok", "zone-warning", "zone-liquidation");
            n.getStyleClass().add("zone-" + z.name().toLowerCase(Locale.ROOT));
        }
    }

    private void notify(AlertCoalescer.Notice notice) {
        if (!stage.isShowing()) {
            return;
        }
        MarginAlert a = notice.alert();
        String text = a.from() + " -> " + a.to() + ": margin ratio " + Formats.ratio(a.marginRatio()) + " (threshold "
                + Formats.ratio(a.threshold()) + ")";
        Notifications n = Notifications.create().owner(stage).title(notice.title())
                .text(text).hideAfter(Duration.millis(NOTICE_MS - 500));
        if (a.to() == MarginResult.Zone.LIQUIDATION) {
            n.showError();
        } else if (a.to() == MarginResult.Zone.WARNING) {
            n.showWarning();
        } else {
            n.showInformation();
        }
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.0f%%", v * 100);
    }
}
