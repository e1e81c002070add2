package io.marginscope.ui.margin;

import io.marginscope.analysis.LiquidationSurface;
import io.marginscope.analysis.LiquidationSurface.Cell;
import io.marginscope.analysis.LiquidationSurface.Crossing;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.risk.GreeksView;
import io.marginscope.ui.control.RunBar;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.control.NumberText;
import java.text.ParseException;

/**
 * The Liquidation tab: the liquidation surface ({@link LiquidationSurface}, {@code marginscope surface}) of
 * the book on show under the margin policy on show, with the margin's vol overrides, history and Monte Carlo
 * settings: for each underlying (the others fixed), all of them together, and each relative vol shock, the
 * smallest down and up spot moves at which MM reaches the adjusted equity. A chart of those moves against
 * the vol shock and a table of the same numbers. Computed off the FX thread while the tab is on show, again
 * (coalesced) after each new margin run; the vol shocks are typed as for the command ({@code -0.3, 0, 0.3}),
 * and a token that is not a shock above -1 is reported by name, the surface on show kept.
 */
public final class LiquidationView extends VBox {

    static final String NONE = "none within the scan";
    static final String BREACHED = "breached at today's spot";

    /** One line of the table: a row of the surface at one vol shock. */
    record SurfaceRow(String underlying, double spot, Cell cell) {
        Double downPct() {
            return pct(cell.down());
        }

        Double upPct() {
            return pct(cell.up());
        }

        Double downPrice() {
            return price(cell.down());
        }

        Double upPrice() {
            return price(cell.up());
        }

        private static Double pct(Crossing c) {
            return c == null ? null : c.move() * 100;
        }

        private static Double price(Crossing c) {
            return c == null || Double.isNaN(c.price()) ? null : c.price();
        }
    }

    private final MarginViewModel margin;
    private final LiquidationService service = new LiquidationService();
    private final PauseTransition debounce = new PauseTransition(Duration.millis(RiskViewModel.DEBOUNCE_MS));
    private final TextField shocksField = new TextField();
    private final CheckBox together = new CheckBox("All together only");
    private final Label error = new Label();
    private final Label caption = new Label();
    private final Label notice = new Label();
    private final Label chartNote = new Label();
    private final LineChart<Number, Number> chart;
    private final ObservableList<SurfaceRow> rows = FXCollections.observableArrayList();
    private final TableView<SurfaceRow> table = new TableView<>(rows);
    private List<Double> shocks;
    private boolean showing;
    private LiquidationService.Request done;
    private LiquidationService.Run shown;

    public LiquidationView(MarginViewModel margin) {
        super(8);
        this.margin = margin;
        setId("liquidationView");
        getStyleClass().addAll("results", "liquidation-view");

        shocks = new ArrayList<>();
        for (double k : LiquidationSurface.DEFAULT_SHOCKS) {
            shocks.add(k);
        }
        shocksField.setId("volShocksField");
        shocksField.setText(format(shocks));
        shocksField.setPrefColumnCount(16);
        shocksField.setTooltip(new Tooltip("Relative vol shocks k, separated by commas: every vol and implied vol "
                + "times 1 + k (-0.3 is 30% lower, 1 is doubled; 30% is read as 0.3). Each k above -1. Enter applies."));
        shocksField.setOnAction(e -> apply());
        together.setId("togetherBox");
        together.setTooltip(new Tooltip("Only the row of every underlying moved by the same relative move "
                + "(the command's --together); else one row per underlying as well"));
        together.setOnAction(e -> apply());
        Label shocksLabel = new Label("Vol shocks");
        HBox bar = RunBar.of(service, this::apply, service::cancel);
        bar.getChildren().addAll(0, List.of(shocksLabel, shocksField, together));

        error.setId("volShocksError");
        error.getStyleClass().addAll("notice", "input-error");
        error.setWrapText(true);
        show(error, "");
        notice.setId("liquidationNotice");
        notice.getStyleClass().add("notice");
        notice.setWrapText(true);
        show(notice, "");
        caption.setId("liquidationCaption");
        caption.getStyleClass().add("caption");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        error.setMinHeight(Region.USE_PREF_SIZE);
        notice.setMinHeight(Region.USE_PREF_SIZE);

        NumberAxis x = new NumberAxis();
        x.setLabel("vol shock k, % (every vol times 1 + k)");
        x.setForceZeroInRange(false);
        x.setTickLabelFormatter(percentTicks(true));
        NumberAxis y = new NumberAxis();
        y.setLabel("move to liquidation, %");
        y.setTickLabelFormatter(percentTicks(true));
        chart = new LineChart<>(x, y);
        chart.setId("liquidationChart");
        chart.getStyleClass().add("liquidation-chart");
        chart.setAnimated(false);
        chart.setTitle("Distance to liquidation against vol shock (down moves below zero, up moves above)");

        table.setId("liquidationTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("The surface appears here once computed"));
        table.getColumns().add(text("Underlying", "surfaceUnderlyingColumn", r -> r.underlying(),
                "The underlying moved (the others fixed); ALL: every underlying moved by the same relative move"));
        table.getColumns().add(number("Vol shock", "volShockColumn", r -> r.cell().volShock(),
                LiquidationView::shockLabel, false, "k: every vol and implied vol times 1 + k"));
        table.getColumns().add(number("Excess at spot", "excessColumn", r -> r.cell().excessAtSpot(), Formats::money,
                true, "Adjusted equity - MM at today's spots under the shock, USD (not positive: breached)"));
        table.getColumns().add(move("Down move", "downMoveColumn", SurfaceRow::downPct,
                "The smallest relative fall of spot at which MM reaches the adjusted equity (scan to -99%)"));
        table.getColumns().add(number("Price down", "downPriceColumn", r -> r.downPrice(), Formats::number, false,
                "The underlying's spot there, USD (none on the ALL row)"));
        table.getColumns().add(move("Up move", "upMoveColumn", SurfaceRow::upPct,
                "The smallest relative rise of spot at which MM reaches the adjusted equity (scan to +900%)"));
        table.getColumns().add(number("Price up", "upPriceColumn", r -> r.upPrice(), Formats::number, false,
                "The underlying's spot there, USD (none on the ALL row)"));

        chartNote.setId("liquidationChartNote");
        chartNote.getStyleClass().add("chart-note");
        chartNote.setWrapText(true);
        chartNote.setVisible(false);
        SplitPane split = new SplitPane(new StackPane(chart, chartNote), table);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        split.getStyleClass().add("center-split");
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(bar, error, notice, caption, split);

        service.setOnSucceeded(e -> show(service.getValue()));
        service.setOnFailed(e -> {
            done = null;
            show(notice, "Liquidation surface not computed: " + service.getException().getMessage());
        });
        debounce.setOnFinished(e -> startIfShowing());
        margin.runProperty().addListener((o, was, now) -> {
            if (now != null) {
                debounce.playFromStart();
            }
        });
        margin.policyProperty().addListener(o -> debounce.playFromStart());
    }

    /** The tab was selected or left: compute only while it is on show. */
    public void setShowing(boolean on) {
        showing = on;
        startIfShowing();
    }

    private void startIfShowing() {
        if (showing) {
            LiquidationService.Request r = request();
            if (r != null && !r.equals(done)) {
                start(r);
            }
        }
    }

    private LiquidationService.Request request() {
        MarginRequest m = margin.request();
        return m == null ? null : new LiquidationService.Request(m, shocks, together.isSelected());
    }

    /** Reads the vol shocks; on a bad token says which and keeps the surface on show, else recomputes. */
    void apply() {
        List<Double> next;
        try {
            next = parseShocks(shocksField.getText());
        } catch (IllegalArgumentException e) {
            show(error, e.getMessage());
            if (!shocksField.getStyleClass().contains("field-error")) {
                shocksField.getStyleClass().add("field-error");
            }
            return;
        }
        show(error, "");
        shocksField.getStyleClass().remove("field-error");
        shocks = next;
        LiquidationService.Request r = request();
        if (r != null) {
            start(r);
        }
    }

    private void start(LiquidationService.Request r) {
        debounce.stop();
        done = r;
        show(notice, "");
        service.submit(r);
    }

    /**
     * Relative vol shocks separated by commas (or spaces), as the command's {@code --vol-shocks}; a trailing
     * {@code %} divides by 100. Each must be a finite number above -1, written in the analyst's locale
     * ({@link NumberText}); where the comma is the decimal separator (de_DE) shocks are separated by
     * semicolons or spaces.
     *
     * @throws IllegalArgumentException naming the token that is not one
     */
    static List<Double> parseShocks(String text) {
        List<Double> out = new ArrayList<>();
        NumberText entry = NumberText.current();
        for (String raw : text.split(entry.decimalSeparator() == ',' ? "[;\\s]+" : "[,;\\s]+")) {
            String token = raw.strip();
            if (token.isEmpty()) {
                continue;
            }
            double k;
            try {
                k = entry.parsePercentOrPlain(token);
            } catch (ParseException e) {
                throw new IllegalArgumentException("Vol shocks: " + e.getMessage());
            }
            if (!Double.isFinite(k) || !(k > -1)) {
                throw new IllegalArgumentException("Vol shocks: '" + token
                        + "' is not above -1 (every vol is multiplied by 1 + shock)");
            }
            out.add(k);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Vol shocks: give at least one, e.g. -0.3, 0, 0.3");
        }
        return out;
    }

    private void show(LiquidationService.Run run) {
        if (run == null) {
            return;
        }
        shown = run;
        LiquidationSurface.Surface s = run.surface();
        List<SurfaceRow> table = new ArrayList<>();
        // the ALL row first: drawn underneath as a wide band, so that a single underlying's row (equal to
        // it) stays visible on top
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        for (LiquidationSurface.Row r : s.rows()) {
            XYChart.Series<Number, Number> down = new XYChart.Series<>();
            down.setName(r.underlying() + " down");
            XYChart.Series<Number, Number> up = new XYChart.Series<>();
            up.setName(r.underlying() + " up");
            for (Cell c : r.cells()) {
                table.add(new SurfaceRow(r.underlying(), r.spot(), c));
                if (c.down() != null) {
                    down.getData().add(new XYChart.Data<>(c.volShock() * 100, c.down().move() * 100));
                }
                if (c.up() != null) {
                    up.getData().add(new XYChart.Data<>(c.volShock() * 100, c.up().move() * 100));
                }
            }
            if (r.underlying().equals(LiquidationSurface.ALL)) {
                series.addAll(0, List.of(down, up));
            } else {
                series.add(down);
                series.add(up);
            }
        }
        rows.setAll(table);
        chart.getData().setAll(series);
        boolean anyPoint = series.stream().anyMatch(x -> !x.getData().isEmpty());
        boolean allBreached = s.rows().stream().allMatch(r -> r.cells().stream().allMatch(Cell::breached));
        chartNote.setText(allBreached
                ? "Breached at today's spot under every vol shock: MM is already at or above the adjusted equity, "
                        + "so there is no distance to liquidation to draw (the table gives the excess at spot)."
                : "No crossing within the scan (-99% to +900%) at any vol shock: nothing to draw.");
        chartNote.setVisible(!anyPoint);
        MarginRequest m = run.request().margin();
        caption.setText(m.book().name() + " under " + m.policy().name() + ", " + Formats.count(m.settings().scenarios())
                + " scenarios, seed " + m.settings().seed() + ": " + Formats.count(s.evaluations())
                + " margin evaluations in " + new DecimalFormat("0.0").format(s.elapsedNanos() / 1e9)
                + " s. Moved: " + (s.moved().isEmpty() ? "none (no underlying with a vol)" : String.join(", ", s.moved()))
                + ". No point: no crossing within the scan (-99% to +900%), or breached at today's spot.");
    }

    private static void show(Label l, String text) {
        l.setText(text);
        l.setVisible(!text.isEmpty());
        l.setManaged(!text.isEmpty());
    }

    /** A vol shock as the analyst reads it: -30%, 0%, +100%. */
    static String shockLabel(double k) {
        return (k > 0 ? "+" : "") + new DecimalFormat("0.##'%'").format(k * 100);
    }

    private static String format(List<Double> ks) {
        List<String> out = new ArrayList<>();
        DecimalFormat f = new DecimalFormat("0.####");
        for (double k : ks) {
            out.add(f.format(k));
        }
        return String.join(NumberText.current().decimalSeparator() == ',' ? "; " : ", ", out);
    }

    private static StringConverter<Number> percentTicks(boolean sign) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return (sign && v > 0 ? "+" : "") + new DecimalFormat("0.#").format(v) + "%";
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        };
    }

    private static TableColumn<SurfaceRow, String> text(String title, String id, Function<SurfaceRow, String> f,
                                                        String help) {
        TableColumn<SurfaceRow, String> c = new TableColumn<>();
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(90);
        GreeksView.header(c, id, title, help);
        return c;
    }

    private static TableColumn<SurfaceRow, Double> number(String title, String id, Function<SurfaceRow, Double> f,
                                                          DoubleFunction<String> fmt, boolean signStyled,
                                                          String help) {
        TableColumn<SurfaceRow, Double> c = new TableColumn<>();
        c.setCellValueFactory(cd -> {
            Double v = f.apply(cd.getValue());
            return new ReadOnlyObjectWrapper<>(v == null || v.isNaN() ? null : v);
        });
        c.setCellFactory(col -> new GreeksView.NumberCell<>(fmt, signStyled));
        c.setPrefWidth(110);
        GreeksView.header(c, id, title, help);
        return c;
    }

    /** A move in percent; without a crossing, why: breached already or none within the scan. */
    private static TableColumn<SurfaceRow, Double> move(String title, String id, Function<SurfaceRow, Double> f,
                                                        String help) {
        TableColumn<SurfaceRow, Double> c = new TableColumn<>();
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setCellFactory(col -> new GreeksView.NumberCell<>(v -> String.format("%+.2f%%", v), false) {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("no-crossing");
                SurfaceRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (row != null && item == null) {
                    setText(row.cell().breached() ? BREACHED : NONE);
                    getStyleClass().add("no-crossing");
                }
            }
        });
        c.setPrefWidth(150);
        GreeksView.header(c, id, title, help);
        return c;
    }

    LiquidationService service() {
        return service;
    }

    TableView<SurfaceRow> table() {
        return table;
    }

    LineChart<Number, Number> chart() {
        return chart;
    }

    TextField shocksField() {
        return shocksField;
    }

    CheckBox together() {
        return together;
    }

    Label error() {
        return error;
    }

    Label caption() {
        return caption;
    }

    Label chartNote() {
        return chartNote;
    }

    /** The surface on show and its inputs, null before the first. */
    LiquidationService.Run shown() {
        return shown;
    }

    List<Double> shocks() {
        return List.copyOf(shocks);
    }
}
