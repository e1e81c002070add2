package io.marginscope.ui.risk;

import io.marginscope.analysis.GreeksByExpiry;
import io.marginscope.analysis.GreeksByExpiry.Greeks;
import io.marginscope.analysis.GreeksByExpiry.TenorBucket;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.pricing.PortfolioValuation;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Orientation;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.text.DecimalFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.workbook.LoadedBook;

/**
 * The Greeks tab: the book's Greeks by underlying and expiry ({@link GreeksByExpiry#greeksByExpiry}, the
 * {@code greeksByExpiry} of {@code compute}) as a ladder with a subtotal row per underlying, and the vega of
 * each underlying by time to expiry ({@link GreeksByExpiry#vegaByTenor}, {@code vegaByTenor}) as bars. It
 * follows the book on show, what-if edits included; summing a valued book's Greeks is quick, so it runs
 * on the FX thread.
 */
public final class GreeksView extends VBox {

    /** Label of the bucket of positions without an expiry (the engine's {@link GreeksByExpiry#NO_EXPIRY}). */
    public static final String NO_EXPIRY_LABEL = "no expiry (spot, perp)";
    public static final String SUBTOTAL_LABEL = "Total";

    /**
     * One line of the ladder.
     *
     * @param underlying the asset
     * @param expiry     the engine's key: an ISO instant, {@link GreeksByExpiry#NO_EXPIRY}, or null on a subtotal
     * @param days       calendar days to expiry (NaN without one)
     * @param greeks     the summed Greeks
     * @param spot       the underlying's spot, USD, for delta in USD
     */
    public record LadderRow(String underlying, String expiry, double days, Greeks greeks, double spot) {
        public boolean subtotal() {
            return expiry == null;
        }

        double deltaUsd() {
            return greeks.delta() * spot;
        }

        String expiryLabel() {
            if (expiry == null) {
                return SUBTOTAL_LABEL;
            }
            return expiry.equals(GreeksByExpiry.NO_EXPIRY) ? NO_EXPIRY_LABEL : expiry.substring(0, 10);
        }

        String tenor() {
            return Double.isNaN(days) ? "" : TenorBucket.of(days).label();
        }
    }

    private final ObservableList<LadderRow> rows = FXCollections.observableArrayList();
    private final TableView<LadderRow> ladder = new TableView<>(rows);
    private final BarChart<String, Number> bars;
    private final Label caption = new Label();
    private final Label noVega = new Label("No options in this book: no vega to bucket.");
    private Map<String, Map<TenorBucket, Double>> tenor = Map.of();

    public GreeksView(ReadOnlyObjectProperty<LoadedBook> book) {
        super(8);
        setId("greeksView");
        getStyleClass().addAll("results", "greeks-view");
        caption.getStyleClass().add("caption");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);

        ladder.setId("greeksLadder");
        ladder.getStyleClass().add("greeks-ladder");
        ladder.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        ladder.setPlaceholder(new Label("Open a portfolio to see its Greeks"));
        ladder.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(LadderRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("subtotal-row");
                if (!empty && item != null && item.subtotal()) {
                    getStyleClass().add("subtotal-row");
                }
            }
        });
        ladder.getColumns().add(text("Underlying", "underlyingColumn", r -> r.underlying(), "The underlying asset", 90));
        ladder.getColumns().add(text("Expiry", "expiryColumn", LadderRow::expiryLabel,
                "Expiry date (08:00 UTC); spot and perpetuals have none; Total: every expiry of the underlying", 150));
        ladder.getColumns().add(number("Days", "daysColumn", LadderRow::days, d -> new DecimalFormat("0.0").format(d),
                "Calendar days to expiry (years to expiry x days per year of the snapshot)", 60));
        ladder.getColumns().add(text("Tenor", "tenorColumn", LadderRow::tenor,
                "The bucket of vega by tenor the expiry falls in", 70));
        ladder.getColumns().add(number("Delta (coins)", "deltaColumn", r -> r.greeks().delta(), Formats::number,
                "Delta in coins of the underlying: dValue/dSpot", 95));
        ladder.getColumns().add(number("Delta (USD)", "deltaUsdColumn", LadderRow::deltaUsd, Formats::money,
                "Delta x spot, USD", 105));
        ladder.getColumns().add(number("Gamma", "gammaColumn", r -> r.greeks().gamma(), Formats::number,
                "Gamma, coins per USD: d²Value/dSpot²", 105));
        ladder.getColumns().add(number("Vega (USD/vol pt)", "vegaColumn", r -> r.greeks().vega(), GreeksView::usd,
                "Vega, USD per vol point (0.01)", 100));
        ladder.getColumns().add(number("Theta (USD/day)", "thetaColumn", r -> r.greeks().theta(), GreeksView::usd,
                "Theta, USD per calendar day", 100));

        CategoryAxis x = new CategoryAxis();
        x.setLabel("days to expiry");
        List<String> labels = new ArrayList<>();
        for (TenorBucket b : TenorBucket.values()) {
            labels.add(b.label());
        }
        x.setCategories(FXCollections.observableArrayList(labels));
        x.setAutoRanging(false);
        NumberAxis y = new NumberAxis();
        y.setLabel("vega (USD per vol point)");
        y.setTickLabelFormatter(Formats.compactMoneyTicks());
        bars = new BarChart<>(x, y);
        bars.setId("vegaByTenorChart");
        bars.getStyleClass().add("vega-tenor-chart");
        bars.setAnimated(false);
        bars.setTitle("Vega by tenor");
        bars.setCategoryGap(18);
        noVega.getStyleClass().add("chart-note");
        noVega.setVisible(false);
        StackPane chartPane = new StackPane(bars, noVega);

        SplitPane split = new SplitPane(ladder, chartPane);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.48);
        split.getStyleClass().add("center-split");
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(caption, split);

        book.addListener((o, was, now) -> show(now));
        show(book.get());
    }

    /** Fills the ladder and the bars from the engine's sums for this book. */
    private void show(LoadedBook b) {
        if (b == null) {
            rows.clear();
            bars.getData().clear();
            tenor = Map.of();
            caption.setText("");
            return;
        }
        PortfolioValuation v = b.valuation();
        MarketSnapshot m = b.market();
        Map<String, Map<String, Greeks>> byExpiry = GreeksByExpiry.greeksByExpiry(v);
        Map<String, Greeks> totals = GreeksByExpiry.totals(byExpiry);
        List<LadderRow> out = new ArrayList<>();
        byExpiry.forEach((u, e) -> {
            double spot = m.asset(u).spot();
            e.forEach((key, g) -> out.add(new LadderRow(u, key, days(m, key), g, spot)));
            out.add(new LadderRow(u, null, Double.NaN, totals.get(u), spot));
        });
        rows.setAll(out);

        tenor = GreeksByExpiry.vegaByTenor(v, m.daysPerYear());
        List<XYChart.Series<String, Number>> series = new ArrayList<>();
        tenor.forEach((u, buckets) -> {
            if (buckets.values().stream().allMatch(x -> x == 0)) {
                return; // no options on this underlying: nothing to draw
            }
            XYChart.Series<String, Number> s = new XYChart.Series<>();
            s.setName(u);
            buckets.forEach((bucket, vega) -> s.getData().add(new XYChart.Data<>(bucket.label(), vega)));
            series.add(s);
        });
        bars.getData().setAll(series);
        noVega.setVisible(series.isEmpty());
        int n = v.positions().size();
        caption.setText(b.book().name() + ": " + n + " position" + (n == 1 ? "" : "s") + " as of " + m.asOf()
                + (v.errors().isEmpty() ? "" : "; " + v.errors().size() + " not valued, left out")
                + ". Greeks summed by underlying and expiry, as the compute command prints them (greeksByExpiry, "
                + "vegaByTenor).");
    }

    private static double days(MarketSnapshot m, String key) {
        if (key.equals(GreeksByExpiry.NO_EXPIRY)) {
            return Double.NaN;
        }
        return m.yearsTo(Instant.parse(key)) * m.daysPerYear();
    }

    /** USD with cents: vega and theta are small enough for them to matter. */
    static String usd(double v) {
        return Double.isFinite(v) ? new DecimalFormat("#,##0.00").format(v) : "";
    }

    private static TableColumn<LadderRow, String> text(String title, String id, Function<LadderRow, String> f,
                                                       String help, double width) {
        TableColumn<LadderRow, String> c = new TableColumn<>();
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        header(c, id, title, help);
        return c;
    }

    private static TableColumn<LadderRow, Double> number(String title, String id, ToDoubleFunction<LadderRow> f,
                                                         DoubleFunction<String> fmt, String help, double width) {
        TableColumn<LadderRow, Double> c = new TableColumn<>();
        c.setCellValueFactory(cd -> {
            double v = f.applyAsDouble(cd.getValue());
            return new ReadOnlyObjectWrapper<>(Double.isNaN(v) ? null : v);
        });
        c.setCellFactory(col -> new NumberCell<>(fmt));
        c.setPrefWidth(width);
        header(c, id, title, help);
        return c;
    }

    public static void header(TableColumn<?, ?> c, String id, String title, String help) {
        Label l = new Label(title);
        l.setTooltip(new Tooltip(help));
        c.setGraphic(l);
        c.setId(id);
        c.setSortable(false);
        c.setReorderable(false);
    }

    /** A right-aligned number, negatives styled as in the positions table; null is an empty cell. */
    public static class NumberCell<S> extends TableCell<S, Double> {
        private final DoubleFunction<String> fmt;
        private final boolean signStyled;

        public NumberCell(DoubleFunction<String> fmt) {
            this(fmt, true);
        }

        /** @param signStyled whether a negative value is styled (not for a sign that is only a direction) */
        public NumberCell(DoubleFunction<String> fmt, boolean signStyled) {
            this.fmt = fmt;
            this.signStyled = signStyled;
            getStyleClass().add("number-cell");
        }

        @Override
        protected void updateItem(Double item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("negative");
            if (empty || item == null) {
                setText(null);
            } else {
                setText(fmt.apply(item));
                if (item < 0 && signStyled) {
                    getStyleClass().add("negative");
                }
            }
        }
    }

    public TableView<LadderRow> ladder() {
        return ladder;
    }

    public BarChart<String, Number> bars() {
        return bars;
    }

    Label caption() {
        return caption;
    }
}
