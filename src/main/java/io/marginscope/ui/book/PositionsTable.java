package io.marginscope.ui.book;

import io.marginscope.analysis.PositionMargins;
import io.marginscope.model.Position;
import io.marginscope.pricing.PositionValuation;
import io.marginscope.risk.PositionRisk;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.margin.MarginRun;
import io.marginscope.ui.risk.RiskRun;

/**
 * The positions of the book with their value, Greeks and share of the last risk run (component
 * ES, share of ES, incremental VaR) and of the last margin run (incremental MM, share of the margin's
 * base measure); sortable by any column. Risk and margin cells are empty until a run for this book has
 * finished.
 */
public final class PositionsTable extends TableView<PositionValuation> {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private Map<String, PositionRisk> risk = Map.of();
    private double es = Double.NaN;
    private Map<String, PositionMargins.PositionMargin> margins = Map.of();
    private final Label incrementalMmHeader;

    static final String INCREMENTAL_MM_HELP =
            "MM of the book minus MM of the book without this position, under the policy on show";

    public PositionsTable(ObservableList<PositionValuation> rows, ReadOnlyObjectProperty<RiskRun> runs,
                          ReadOnlyObjectProperty<MarginRun> marginRuns) {
        setId("positionsTable");
        getStyleClass().add("positions-table");
        SortedList<PositionValuation> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        setTableMenuButtonVisible(true);
        setPlaceholder(new Label("Open a portfolio (File > Open, or drop a file here)"));

        // Risk columns follow Value so that they stay in view at 1366 px; entry price and P&L against it
        // come after them. The table menu (+) hides and shows columns.
        getColumns().add(text("ID", v -> v.position().id(), "Position id from the file", 150));
        getColumns().add(text("Asset", v -> v.position().underlying(), "Underlying asset symbol", 55));
        getColumns().add(text("Type", PositionsTable::typeLabel, "SPOT, PERP, FUTURE, CALL or PUT; INVERSE when coin-settled", 78));
        getColumns().add(text("Expiry", v -> v.position().instrument().expiry() == null ? ""
                : DATE.format(v.position().instrument().expiry()), "Expiry date (08:00 UTC)", 84));
        getColumns().add(number("Strike", v -> v.position().instrument().strike(), Formats::number, "Strike, USD", 72));
        getColumns().add(number("Qty", v -> v.position().quantity(), Formats::number,
                "Quantity: coins of the underlying; negative is short", 72));
        getColumns().add(number("Mark", PositionValuation::price, Formats::number,
                "Spot for SPOT and PERP, model forward for FUTURE, Black-76 price for options; USD per coin", 76));
        getColumns().add(number("Vol", PositionValuation::vol, Formats::percent,
                "Implied vol used for an option (quoted, interpolated in strike, or the asset's vol)", 58));
        getColumns().add(number("Value", PositionValuation::value, Formats::money,
                "USD: quantity x spot for collateral, unrealised P&L for perps and futures, quantity x price for options", 86));
        getColumns().add(number("Comp. ES", v -> risk(v, PositionRisk::componentEs), Formats::money,
                "Component ES, USD: the position's share of the book's expected shortfall (Euler allocation; "
                        + "the components add up to ES). Negative: the position lowers the book's ES", 80));
        getColumns().add(number("ES share", v -> risk(v, PositionRisk::componentEs) / es, Formats::percent,
                "Component ES / ES of the book", 70));
        getColumns().add(number("Incr. VaR", v -> risk(v, PositionRisk::incrementalVar), Formats::money,
                "Incremental VaR, USD: VaR of the book minus VaR of the book without this position", 80));
        TableColumn<PositionValuation, Double> incrMm = number("Incr. MM",
                v -> margin(v, PositionMargins.PositionMargin::incrementalMargin), Formats::money,
                INCREMENTAL_MM_HELP, 80);
        incrementalMmHeader = (Label) incrMm.getGraphic();
        getColumns().add(incrMm);
        getColumns().add(number("MM share", v -> margin(v, PositionMargins.PositionMargin::baseMarginShare),
                Formats::percent, "The position's Euler share of the margin's base risk measure "
                        + "(component ES / ES of the policy's base run)", 72));
        getColumns().add(number("Entry", v -> v.position().entryPrice(), Formats::number, "Entry price, USD per coin", 72));
        getColumns().add(number("Unreal. P&L", PositionValuation::unrealizedPnl, Formats::money,
                "USD against the entry price", 90));
        getColumns().add(number("Delta", PositionValuation::delta, Formats::number, "Coins: dValue/dSpot", 80));
        getColumns().add(number("Gamma", PositionValuation::gamma, Formats::number, "Coins per USD: d²Value/dSpot²", 96));
        getColumns().add(number("Vega", PositionValuation::vega, Formats::money, "USD per vol point (0.01)", 70));
        getColumns().add(number("Theta", PositionValuation::theta, Formats::money, "USD per calendar day", 70));

        runs.addListener((o, was, run) -> {
            risk = run == null ? Map.of() : run.byPosition();
            es = run == null ? Double.NaN : run.result().es();
            refresh();
        });
        marginRuns.addListener((o, was, run) -> {
            PositionMargins.Result r = run == null ? null : run.positions();
            margins = r == null ? Map.of() : r.byId();
            String warning = r == null ? "" : String.join("\n", r.warnings());
            incrementalMmHeader.getTooltip().setText(INCREMENTAL_MM_HELP + (warning.isEmpty() ? "" : "\n" + warning));
            refresh();
        });
    }

    private double margin(PositionValuation v, ToDoubleFunction<PositionMargins.PositionMargin> f) {
        PositionMargins.PositionMargin m = margins.get(v.position().id());
        return m == null ? Double.NaN : f.applyAsDouble(m);
    }

    private double risk(PositionValuation v, ToDoubleFunction<PositionRisk> f) {
        PositionRisk r = risk.get(v.position().id());
        return r == null ? Double.NaN : f.applyAsDouble(r);
    }

    private static String typeLabel(PositionValuation v) {
        Position p = v.position();
        return p.type().name() + (p.instrument().settlement().name().equals("INVERSE") ? " inv" : "");
    }

    private static TableColumn<PositionValuation, String> text(String title, Function<PositionValuation, String> f,
                                                              String help, double width) {
        TableColumn<PositionValuation, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(f.apply(cd.getValue())));
        c.setPrefWidth(width);
        header(c, title, help);
        return c;
    }

    private static TableColumn<PositionValuation, Double> number(String title, ToDoubleFunction<PositionValuation> f,
                                                                DoubleFunction<String> fmt, String help,
                                                                double width) {
        TableColumn<PositionValuation, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> {
            double v = f.applyAsDouble(cd.getValue());
            return new ReadOnlyObjectWrapper<>(Double.isNaN(v) ? null : v);
        });
        c.setCellFactory(col -> new NumberCell(fmt));
        c.setPrefWidth(width);
        header(c, title, help);
        return c;
    }

    private static void header(TableColumn<?, ?> c, String title, String help) {
        Label l = new Label(title);
        l.setTooltip(new Tooltip(help));
        c.setGraphic(l);
        c.setText("");
        c.setId("col-" + title.toLowerCase().replaceAll("[^a-z]+", "-"));
    }

    /** A right-aligned number; negative values styled; a position that failed shows its error. */
    private static final class NumberCell extends TableCell<PositionValuation, Double> {
        private final DoubleFunction<String> fmt;

        NumberCell(DoubleFunction<String> fmt) {
            this.fmt = fmt;
            getStyleClass().add("number-cell");
        }

        @Override
        protected void updateItem(Double item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("negative", "error-cell");
            setTooltip(null);
            PositionValuation row = empty || getTableRow() == null ? null : getTableRow().getItem();
            if (empty || row == null) {
                setText(null);
            } else if (!row.ok()) {
                setText("error");
                getStyleClass().add("error-cell");
                setTooltip(new Tooltip(row.error()));
            } else if (item == null) {
                setText("");
            } else {
                setText(fmt.apply(item));
                if (item < 0) {
                    getStyleClass().add("negative");
                }
            }
        }
    }
}
