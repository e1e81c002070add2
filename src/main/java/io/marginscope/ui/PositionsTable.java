package io.marginscope.ui;

import io.marginscope.model.Position;
import io.marginscope.pricing.PositionValuation;
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
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The positions of the book with their value and Greeks; sortable by any column. */
public final class PositionsTable extends TableView<PositionValuation> {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    public PositionsTable(ObservableList<PositionValuation> rows) {
        setId("positionsTable");
        getStyleClass().add("positions-table");
        SortedList<PositionValuation> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new Label("Open a portfolio (File > Open, or drop a file here)"));

        getColumns().add(text("ID", v -> v.position().id(), "Position id from the file", 150));
        getColumns().add(text("Underlying", v -> v.position().underlying(), "Asset symbol", 85));
        getColumns().add(text("Type", PositionsTable::typeLabel, "SPOT, PERP, FUTURE, CALL or PUT; INVERSE when coin-settled", 80));
        getColumns().add(text("Expiry", v -> v.position().instrument().expiry() == null ? ""
                : DATE.format(v.position().instrument().expiry()), "Expiry date (08:00 UTC)", 85));
        getColumns().add(number("Strike", v -> v.position().instrument().strike(), Formats::number, "Strike, USD"));
        getColumns().add(number("Quantity", v -> v.position().quantity(), Formats::number,
                "Coins of the underlying; negative is short"));
        getColumns().add(number("Entry", v -> v.position().entryPrice(), Formats::number, "Entry price, USD per coin"));
        getColumns().add(number("Mark", PositionValuation::price, Formats::number,
                "Spot for SPOT and PERP, model forward for FUTURE, Black-76 price for options; USD per coin"));
        getColumns().add(number("Vol", PositionValuation::vol, Formats::percent,
                "Implied vol used for an option (quoted, interpolated in strike, or the asset's vol)"));
        getColumns().add(number("Value", PositionValuation::value, Formats::money,
                "USD: quantity x spot for collateral, unrealised P&L for perps and futures, quantity x price for options"));
        getColumns().add(number("Unreal. P&L", PositionValuation::unrealizedPnl, Formats::money,
                "USD against the entry price"));
        getColumns().add(number("Delta", PositionValuation::delta, Formats::number, "Coins: dValue/dSpot"));
        getColumns().add(number("Gamma", PositionValuation::gamma, Formats::number, "Coins per USD: d²Value/dSpot²"));
        getColumns().add(number("Vega", PositionValuation::vega, Formats::money, "USD per vol point (0.01)"));
        getColumns().add(number("Theta", PositionValuation::theta, Formats::money, "USD per calendar day"));
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
                                                                DoubleFunction<String> fmt, String help) {
        TableColumn<PositionValuation, Double> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> {
            double v = f.applyAsDouble(cd.getValue());
            return new ReadOnlyObjectWrapper<>(Double.isNaN(v) ? null : v);
        });
        c.setCellFactory(col -> new NumberCell(fmt));
        c.setPrefWidth(90);
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
