package io.marginscope.ui.ticket;

import io.marginscope.analysis.BookFigures;
import io.marginscope.analysis.GreeksByExpiry;
import io.marginscope.analysis.WhatIf;
import io.marginscope.margin.LiquidationPrice;
import io.marginscope.margin.MarginResult;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.pricing.PositionValuation;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.control.NumberText;

/**
 * The trade ticket beside the positions table: an instrument, a signed quantity and a price; as the
 * analyst types, the book's equity, VaR, ES, MM, IM, margin ratio, free margin, liquidation price and
 * distance, delta and vega before and after the trade and the change, with the trade's marginal margin
 * in front ("uses" / "frees"); "Add to book" makes the trade part of the book (Edit > Undo takes it back).
 * A fixed narrow column that folds to a strip, so the table keeps its width at 1366 px. Every number is
 * the {@link TradeTicketModel}'s last {@link WhatIf} run.
 */
public final class TradeTicket extends StackPane {

    /** Width of the open ticket, px. */
    static final double WIDTH = 330;

    private static final String[] COLUMNS = {"Before", "After", "Change"};

    private final TradeTicketModel model;
    private final BooleanProperty open = new SimpleBooleanProperty(this, "open", true);
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing", true);
    private final Map<TradeTicketModel.Field, Control> fields = new EnumMap<>(TradeTicketModel.Field.class);
    private final GridPane results = new GridPane();
    private final Label marginal = new Label();
    private final Label marginalDetail = new Label();
    private final Label summary = new Label();
    private VBox marginalBox;
    private final Label status = new Label();

    public TradeTicket(TradeTicketModel model) {
        this.model = model;
        setId("tradeTicket");
        getStyleClass().add("trade-ticket");

        VBox content = new VBox(6, header(), inputs(), summaryLine(), heldLine(), errorLine(), noticeLine(),
                marginalLine(), actions(), resultsBox());
        content.getStyleClass().add("trade-ticket-content");
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("trade-ticket-scroll");
        scroll.setMinWidth(WIDTH);
        scroll.setPrefWidth(WIDTH);
        scroll.setMaxWidth(WIDTH);

        Label stripText = new Label("Trade ticket");
        stripText.setRotate(-90);
        Button strip = new Button(null, new Group(stripText));
        strip.setId("ticketExpand");
        strip.getStyleClass().add("trade-ticket-strip");
        strip.setTooltip(new Tooltip("Show the trade ticket (View > Trade Ticket)"));
        strip.setMaxHeight(Double.MAX_VALUE);
        strip.setOnAction(e -> open.set(true));
        StackPane.setAlignment(strip, Pos.TOP_CENTER);

        scroll.visibleProperty().bind(open);
        strip.visibleProperty().bind(open.not());
        getChildren().addAll(scroll, strip);
        open.addListener((o, was, on) -> {
            scroll.setManaged(on);
            strip.setManaged(!on);
        });
        strip.setManaged(false);
        model.activeProperty().bind(open.and(showing));
        // the ticket computes once the analyst turns to it: a click or a key in it (not the window's
        // initial focus, which may land in a field of the ticket)
        content.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> model.engage());
        content.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> model.engage());

        model.runProperty().addListener(o -> showResults());
        model.engagedProperty().addListener(o -> showResults());
        model.draftProperty().addListener(o -> showSummary());
        model.staleProperty().addListener((o, was, now) -> {
            results.getStyleClass().remove("stale");
            marginalBox.getStyleClass().remove("stale");
            if (now) {
                results.getStyleClass().add("stale");
                marginalBox.getStyleClass().add("stale");
            }
        });
        model.errorFieldProperty().addListener((o, was, now) -> {
            fields.values().forEach(c -> c.getStyleClass().remove("field-error"));
            if (now != null && fields.containsKey(now)) {
                fields.get(now).getStyleClass().add("field-error");
            }
        });
        showResults();
        showSummary();
    }

    private Node header() {
        Label title = new Label("Trade ticket");
        title.getStyleClass().add("trade-ticket-title");
        Button hide = new Button("Hide");
        hide.setId("ticketCollapse");
        hide.getStyleClass().add("small-button");
        hide.setTooltip(new Tooltip("Fold the ticket to a strip beside the table (View > Trade Ticket)"));
        hide.setOnAction(e -> open.set(false));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox h = new HBox(6, title, spacer, hide);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private Node inputs() {
        ComboBox<String> underlying = new ComboBox<>(model.underlyings());
        underlying.setId("ticketUnderlying");
        underlying.valueProperty().bindBidirectional(model.underlyingProperty());
        underlying.setTooltip(new Tooltip("Underlying: an asset of the market snapshot"));

        ComboBox<InstrumentType> type = new ComboBox<>(FXCollections.observableArrayList(InstrumentType.PERP,
                InstrumentType.FUTURE, InstrumentType.CALL, InstrumentType.PUT, InstrumentType.SPOT));
        type.setId("ticketType");
        type.valueProperty().bindBidirectional(model.typeProperty());

        ComboBox<String> expiry = new ComboBox<>(model.expiries());
        expiry.setId("ticketExpiry");
        expiry.setEditable(true);
        expiry.setTooltip(new Tooltip("Expiry: a date (08:00 UTC settlement); the list has the snapshot's and the "
                + "book's expiries"));
        expiry.getEditor().setText(model.expiryProperty().get());
        expiry.getEditor().textProperty().addListener((o, was, t) -> {
            if (t != null && !t.equals(model.expiryProperty().get())) {
                model.expiryProperty().set(t);
            }
        });
        expiry.valueProperty().addListener((o, was, v) -> {
            if (v != null && !v.equals(model.expiryProperty().get())) {
                model.expiryProperty().set(v);
            }
        });
        model.expiryProperty().addListener((o, was, t) -> {
            if (!t.equals(expiry.getEditor().getText())) {
                expiry.setValue(t);
                expiry.getEditor().setText(t);
            }
        });
        expiry.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.typeProperty().get() == null || !model.typeProperty().get().hasExpiry(),
                model.typeProperty()));

        TextField strike = field("ticketStrike", model.strikeProperty(), "USD");
        strike.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.typeProperty().get() == null || !model.typeProperty().get().isOption(),
                model.typeProperty()));

        ComboBox<Settlement> settlement = new ComboBox<>(FXCollections.observableArrayList(Settlement.values()));
        settlement.setId("ticketSettlement");
        settlement.valueProperty().bindBidirectional(model.settlementProperty());
        settlement.disableProperty().bind(model.typeProperty().isEqualTo(InstrumentType.SPOT));
        settlement.setTooltip(new Tooltip("LINEAR (USD, USDC) or INVERSE (coin-settled)"));

        TextField quantity = field("ticketQuantity", model.quantityProperty(), "+ buy / − sell");
        quantity.setTooltip(new Tooltip("Signed quantity in coins of the underlying: positive buys, negative sells"));
        TextField price = field("ticketPrice", model.priceProperty(), "mark");
        price.setPrefColumnCount(6);
        price.setTooltip(new Tooltip("USD per coin; empty trades at the model mark (spot, forward or Black-76)"));

        fields.put(TradeTicketModel.Field.UNDERLYING, underlying);
        fields.put(TradeTicketModel.Field.TYPE, type);
        fields.put(TradeTicketModel.Field.EXPIRY, expiry);
        fields.put(TradeTicketModel.Field.STRIKE, strike);
        fields.put(TradeTicketModel.Field.SETTLEMENT, settlement);
        fields.put(TradeTicketModel.Field.QUANTITY, quantity);
        fields.put(TradeTicketModel.Field.PRICE, price);

        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(5);
        g.getStyleClass().add("trade-ticket-inputs");
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints control = new ColumnConstraints();
        control.setHgrow(Priority.ALWAYS);
        control.setFillWidth(true);
        control.setPrefWidth(100);
        g.getColumnConstraints().addAll(label, control, label, control);
        // the instrument's kind on one line (the values name themselves), then expiry and strike, then size and price
        HBox kind = new HBox(6, underlying, type, settlement);
        for (ComboBox<?> c : java.util.List.of(underlying, type, settlement)) {
            c.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(c, Priority.ALWAYS);
        }
        underlying.setPromptText("Asset");
        type.setPromptText("Type");
        type.setTooltip(new Tooltip("PERP, FUTURE, CALL, PUT or SPOT"));
        g.add(kind, 0, 0, 4, 1);
        add(g, 1, "Expiry", expiry, "Strike", strike);
        add(g, 2, "Qty", quantity, "Price", price);
        return g;
    }

    private static void add(GridPane g, int row, String l1, Control c1, String l2, Control c2) {
        g.add(new Label(l1), 0, row);
        c1.setMaxWidth(Double.MAX_VALUE);
        g.add(c1, 1, row);
        if (c2 != null) {
            g.add(new Label(l2), 2, row);
            c2.setMaxWidth(Double.MAX_VALUE);
            g.add(c2, 3, row);
        }
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(7);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private Node summaryLine() {
        summary.setId("ticketSummary");
        summary.getStyleClass().add("caption");
        summary.setWrapText(true);
        return summary;
    }

    private void showSummary() {
        TradeTicketModel.Draft d = model.draftProperty().get();
        if (d == null) {
            summary.setText("");
            return;
        }
        String mark = Double.isFinite(d.mark()) ? "mark " + Formats.price(d.mark()) : "no mark";
        if (d.quantity() == 0) {
            summary.setText(d.id() + " · " + mark);
        } else {
            summary.setText((d.quantity() > 0 ? "Buy " : "Sell ") + NumberText.current().format(Math.abs(d.quantity()))
                    + " " + d.id() + " at " + Formats.price(d.price()) + (d.price() == d.mark() ? " (mark)" : " · " + mark));
        }
    }

    private Node heldLine() {
        Label text = new Label();
        text.setId("ticketHeld");
        text.getStyleClass().add("caption");
        Hyperlink close = new Hyperlink("Close it");
        close.setId("ticketClose");
        close.setTooltip(new Tooltip("Quantity that closes the position"));
        close.setOnAction(e -> model.closeHeld());
        HBox h = new HBox(4, text, close);
        h.setAlignment(Pos.CENTER_LEFT);
        h.visibleProperty().bind(model.heldProperty().isNotNull());
        h.managedProperty().bind(h.visibleProperty());
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            Position p = model.heldProperty().get();
            return p == null ? "" : "In book: " + p.id() + " " + Formats.number(p.quantity());
        }, model.heldProperty()));
        return h;
    }

    private Node errorLine() {
        Label l = new Label();
        l.setId("ticketError");
        l.getStyleClass().add("ticket-error");
        l.setWrapText(true);
        l.textProperty().bind(model.errorProperty());
        l.visibleProperty().bind(model.errorProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private Node noticeLine() {
        Label l = new Label();
        l.setId("ticketNotice");
        l.getStyleClass().add("notice");
        l.setWrapText(true);
        l.textProperty().bind(model.noticeProperty());
        l.visibleProperty().bind(model.noticeProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private Node marginalLine() {
        marginal.setId("marginalMargin");
        marginal.getStyleClass().add("marginal-headline");
        marginal.setWrapText(true);
        marginalDetail.setId("marginalDetail");
        marginalDetail.getStyleClass().add("marginal-detail");
        marginalDetail.setWrapText(true);
        VBox box = new VBox(1, marginal, marginalDetail);
        box.getStyleClass().add("marginal-margin");
        box.setMaxWidth(Double.MAX_VALUE);
        box.visibleProperty().bind(marginal.textProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        Tooltip.install(box, new Tooltip("Marginal margin: MM after the trade - MM before, under the margin policy; "
                + "negative (frees) for a hedge"));
        marginalBox = box;
        return box;
    }

    private Node actions() {
        Button add = new Button("Add to book");
        add.setId("ticketConfirm");
        add.getStyleClass().add("accent-button");
        add.disableProperty().bind(model.canConfirmProperty().not());
        add.setOnAction(e -> model.confirm());
        add.setTooltip(new Tooltip("Net the trade into the book on show (Edit > Undo takes it back)"));
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("ticketBusy");
        busy.setPrefSize(16, 16);
        busy.setMaxSize(16, 16);
        busy.visibleProperty().bind(model.service().runningProperty().or(model.staleProperty()));
        status.setId("ticketStatus");
        status.getStyleClass().add("caption");
        status.textProperty().bind(Bindings.createStringBinding(() -> {
            if (model.staleProperty().get() || model.service().isRunning()) {
                return "computing …";
            }
            TradeTicketService.Run r = model.runProperty().get();
            return r == null ? "" : "under " + r.request().policy().name() + " · " + r.elapsedMs() + " ms";
        }, model.staleProperty(), model.service().runningProperty(), model.runProperty()));
        HBox h = new HBox(8, add, busy, status);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private Node resultsBox() {
        results.setId("ticketResults");
        results.getStyleClass().add("trade-ticket-results");
        results.setHgap(4);
        results.setVgap(3);
        ColumnConstraints label = new ColumnConstraints();
        label.setHgrow(Priority.ALWAYS);
        label.setMinWidth(70);
        results.getColumnConstraints().add(label);
        for (int i = 0; i < COLUMNS.length; i++) {
            ColumnConstraints c = new ColumnConstraints();
            c.setMinWidth(66);
            c.setHalignment(HPos.RIGHT);
            results.getColumnConstraints().add(c);
        }
        Label note = baseNote;
        note.setId("ticketBaseNote");
        note.getStyleClass().add("caption");
        note.setWrapText(true);
        note.visibleProperty().bind(model.runProperty().isNotNull());
        note.managedProperty().bind(note.visibleProperty());
        VBox box = new VBox(4, results, note);
        return box;
    }

    /** Which run the ticket's VaR and ES come from: the policy's base, not the Risk tab's settings. */
    private final Label baseNote = new Label();

    /** Fills the before / after / change grid and the marginal margin line from the last run. */
    private void showResults() {
        results.getChildren().clear();
        marginalBox.getStyleClass().removeAll("uses", "frees", "idle");
        TradeTicketService.Run run = model.runProperty().get();
        if (run == null) {
            boolean waiting = !model.engagedProperty().get() && model.errorProperty().get().isEmpty();
            marginal.setText(waiting ? "Pick a position in the table or type a trade: its margin before and after "
                    + "shows here as you type." : "");
            marginalDetail.setText("");
            if (waiting) {
                marginalBox.getStyleClass().add("idle");
            }
            return;
        }
        WhatIf.Result w = run.whatIf();
        if (w == null) {
            marginal.setText("Type a quantity: the trade's before, after and change show here as you type.");
            marginalDetail.setText("");
            marginalBox.getStyleClass().add("idle");
        } else {
            double mm = w.marginalMargin();
            marginalDetail.setText("MM " + Formats.money(w.before().maintenanceMargin()) + " → "
                    + Formats.money(w.after().maintenanceMargin()) + " (" + run.request().policy().name() + ")");
            if (mm > 0) {
                marginal.setText("Uses " + Formats.money(mm) + " USD of margin");
                marginalBox.getStyleClass().add("uses");
            } else if (mm < 0) {
                marginal.setText("Frees " + Formats.money(-mm) + " USD of margin");
                marginalBox.getStyleClass().add("frees");
            } else {
                marginal.setText("Leaves the margin unchanged");
            }
        }
        for (int i = 0; i < COLUMNS.length; i++) {
            Label h = new Label(COLUMNS[i]);
            h.getStyleClass().add("card-title");
            results.add(h, i + 1, 0);
        }
        var policy = run.request().policy();
        baseNote.setText("VaR and ES: policy base of " + policy.name() + ": "
                + io.marginscope.report.ComponentShares.baseText(policy) + " (not the Risk tab's settings); the "
                + "same numbers as marginscope whatif on this trade. USD; delta in coins, vega in USD per vol point.");
        BookFigures b = run.before();
        BookFigures a = w == null ? null : w.after();
        MarginResult mb = b.margin();
        MarginResult ma = a == null ? null : a.margin();
        int[] row = {1};
        java.util.function.BiConsumer<String[], double[]> money = (names, v) -> addRow(row, names, v,
                Formats::money, Formats::signedMoney);
        money.accept(new String[] {"mm", "MM", "Maintenance margin under the policy, USD"},
                new double[] {mb.maintenanceMargin(), ma == null ? Double.NaN : ma.maintenanceMargin()});
        money.accept(new String[] {"im", "IM", "Initial margin under the policy, USD"},
                new double[] {mb.initialMargin(), ma == null ? Double.NaN : ma.initialMargin()});
        addRow(row, new String[] {"ratio", "Margin ratio", "MM / adjusted equity: the policy warns and liquidates "
                + "at its thresholds"}, new double[] {mb.marginRatio(), ma == null ? Double.NaN : ma.marginRatio()},
                Formats::ratio, Formats::signedRatio);
        money.accept(new String[] {"free", "Free margin", "Adjusted equity - IM, USD"},
                new double[] {mb.freeMargin(), ma == null ? Double.NaN : ma.freeMargin()});
        money.accept(new String[] {"equity", "Equity", "Equity, USD: the book marked to market"},
                new double[] {b.equity(), a == null ? Double.NaN : a.equity()});
        money.accept(new String[] {"var", "Base VaR", "VaR of the policy's base run, USD"},
                new double[] {b.var(), a == null ? Double.NaN : a.var()});
        money.accept(new String[] {"es", "Base ES", "Expected shortfall of the policy's base run, USD"},
                new double[] {b.es(), a == null ? Double.NaN : a.es()});
        Set<String> underlyings = new LinkedHashSet<>(b.liquidation().keySet());
        if (a != null) {
            underlyings.addAll(a.liquidation().keySet());
        }
        var gb = GreeksByExpiry.totals(b.greeksByExpiry());
        var ga = a == null ? null : GreeksByExpiry.totals(a.greeksByExpiry());
        for (String u : underlyings) {
            LiquidationPrice lb = b.liquidation().get(u);
            LiquidationPrice la = a == null ? null : a.liquidation().get(u);
            addRow(row, new String[] {"liq-" + u, u + " liq. price", "Liquidation price of " + u + ", USD: the spot "
                    + "(the other assets fixed) at which the adjusted equity meets MM; empty when there is none"},
                    new double[] {liq(lb, false), a == null ? Double.NaN : liq(la, false)},
                    Formats::money, Formats::signedMoney);
            addRow(row, new String[] {"dist-" + u, u + " distance", "Liquidation price / spot - 1; the change in "
                    + "percentage points"},
                    new double[] {liq(lb, true), a == null ? Double.NaN : liq(la, true)},
                    Formats::distancePct, Formats::signedPoints);
            GreeksByExpiry.Greeks g0 = gb.getOrDefault(u, GreeksByExpiry.Greeks.ZERO);
            GreeksByExpiry.Greeks g1 = ga == null ? null : ga.getOrDefault(u, GreeksByExpiry.Greeks.ZERO);
            addRow(row, new String[] {"delta-" + u, u + " delta", "Net delta of " + u + ", coins"},
                    new double[] {g0.delta(), g1 == null ? Double.NaN : g1.delta()},
                    Formats::quantity, Formats::signedQuantity);
            addRow(row, new String[] {"vega-" + u, u + " vega", "Net vega of " + u + ", USD per vol point"},
                    new double[] {g0.vega(), g1 == null ? Double.NaN : g1.vega()},
                    Formats::money, Formats::signedMoney);
        }
    }

    /** Price or distance in percent of a liquidation price; NaN when there is none. */
    private static double liq(LiquidationPrice l, boolean distance) {
        if (l == null || !l.exists()) {
            return Double.NaN;
        }
        return distance ? l.distancePct() : l.price();
    }

    private void addRow(int[] row, String[] names, double[] v, java.util.function.DoubleFunction<String> fmt,
                        java.util.function.DoubleFunction<String> change) {
        Label name = new Label(names[1]);
        name.setTooltip(new Tooltip(names[2]));
        name.getStyleClass().add("trade-ticket-row");
        results.add(name, 0, row[0]);
        String[] texts = {fmt.apply(v[0]), fmt.apply(v[1]),
                Double.isNaN(v[0]) || Double.isNaN(v[1]) ? "" : change.apply(v[1] - v[0])};
        for (int i = 0; i < 3; i++) {
            Label l = new Label(texts[i]);
            l.setId("ticket-" + names[0] + "-" + COLUMNS[i].toLowerCase());
            l.getStyleClass().add("trade-ticket-number");
            if (i == 2) {
                l.getStyleClass().add("trade-ticket-change");
            }
            results.add(l, i + 1, row[0]);
        }
        row[0]++;
    }

    /** Pre-fills the ticket with the instrument of the row picked in the positions table. */
    public void follow(TableView<PositionValuation> table) {
        table.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            if (row != null) {
                model.prefill(row.position());
            }
        });
    }

    public TradeTicketModel model() {
        return model;
    }

    /** True while the ticket's tab is on show (bound by the window); runs wait while false. */
    public BooleanProperty showingProperty() {
        return showing;
    }

    /** True while the ticket is open; false folds it to a strip. */
    public BooleanProperty openProperty() {
        return open;
    }
}
