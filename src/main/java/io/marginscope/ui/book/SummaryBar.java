package io.marginscope.ui.book;

import io.marginscope.pricing.PortfolioValuation.UnderlyingGreeks;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.workbook.LoadedBook;

/** Equity and the net Greeks per underlying of the book on show. */
public final class SummaryBar extends HBox {

    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Label book = new Label();
    private final Label asOf = new Label();
    private final Label equity = new Label();
    private final HBox underlyings = new HBox();
    private final Label whatIf = new Label("what-if");

    public SummaryBar(ReadOnlyObjectProperty<LoadedBook> current) {
        getStyleClass().add("summary-bar");
        setAlignment(Pos.CENTER_LEFT);
        equity.setId("equityValue");
        equity.getStyleClass().add("big-number");
        book.getStyleClass().add("book-name");
        asOf.getStyleClass().add("caption");
        underlyings.getStyleClass().add("underlyings");

        whatIf.setId("summaryWhatIf");
        whatIf.getStyleClass().add("whatif-badge");
        whatIf.setVisible(false);
        whatIf.managedProperty().bind(whatIf.visibleProperty());
        whatIf.setTooltip(new Tooltip("The positions on show are edited (a what-if): they differ from those loaded"));
        HBox name = new HBox(8, book, whatIf);
        name.setAlignment(Pos.CENTER_LEFT);
        VBox title = new VBox(name, asOf);
        title.getStyleClass().add("card");
        VBox eq = card("Equity (USD)", equity,
                "Sum of the positions' values: collateral at spot, perps and futures at their unrealised P&L, "
                        + "options at quantity x model price");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(title, eq, underlyings, spacer);
        current.addListener((obs, old, now) -> show(now));
    }

    /**
     * While live mode runs, the equity shown is the live one ({@code liveEquity} not NaN), marked
     * live; the book's own equity comes back when it stops.
     */
    public void followLive(javafx.beans.value.ObservableDoubleValue liveEquity, ReadOnlyObjectProperty<LoadedBook> current) {
        liveEquity.addListener((o, was, now) -> {
            double v = now.doubleValue();
            equity.getStyleClass().remove("live-figure");
            if (Double.isNaN(v)) {
                LoadedBook b = current.get();
                equity.setText(b == null ? "" : Formats.money(b.valuation().equity()));
            } else {
                equity.setText(Formats.money(v) + " live");
                equity.getStyleClass().add("live-figure");
            }
        });
    }

    /** Marks the book as a what-if while {@code edited} is true. */
    public void showWhatIf(ObservableBooleanValue edited) {
        whatIf.visibleProperty().bind(edited);
    }

    private void show(LoadedBook b) {
        book.setText(b.book().name());
        asOf.setText("as of " + AS_OF.format(b.market().asOf()) + " · " + b.book().size() + " positions");
        equity.setText(Formats.money(b.valuation().equity()));
        underlyings.getChildren().clear();
        b.valuation().byUnderlying().forEach((u, g) -> underlyings.getChildren().add(underlyingCard(u, g)));
    }

    private static VBox underlyingCard(String symbol, UnderlyingGreeks g) {
        Label head = new Label(symbol + "  " + Formats.number(g.spot()));
        head.getStyleClass().add("card-title");
        Label delta = new Label("Δ " + Formats.number(g.delta()) + " " + symbol + "  (" + Formats.money(g.deltaUsd()) + " USD)");
        delta.getStyleClass().add(g.delta() < 0 ? "negative" : "positive");
        boolean linearOnly = g.gamma() == 0 && g.vega() == 0 && g.theta() == 0;
        Label other = new Label(linearOnly ? "Value " + Formats.money(g.value()) + " USD"
                : "Γ " + Formats.number(g.gamma()) + "   Vega " + Formats.money(g.vega())
                + "   Θ " + Formats.money(g.theta()) + "/day");
        other.getStyleClass().add("caption");
        VBox box = new VBox(head, delta, other);
        box.getStyleClass().add("card");
        box.setId("underlying-" + symbol);
        Tooltip.install(box, new Tooltip("Net Greeks of all " + symbol + " positions: delta in coins and in USD "
                + "(delta x spot), gamma in coins per USD, vega in USD per vol point, theta in USD per calendar day"));
        return box;
    }

    private static VBox card(String title, Label value, String help) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        VBox box = new VBox(t, value);
        box.getStyleClass().add("card");
        Tooltip.install(box, new Tooltip(help));
        return box;
    }
}
