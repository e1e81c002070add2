package io.marginscope.ui.ticket;

import io.marginscope.analysis.WhatIf;
import io.marginscope.io.Expiries;
import io.marginscope.model.Instrument;
import io.marginscope.model.InstrumentType;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.Portfolio;
import io.marginscope.model.Position;
import io.marginscope.model.Settlement;
import io.marginscope.model.VolSurface;
import io.marginscope.pricing.PositionPricer;
import io.marginscope.pricing.PositionValuation;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;
import javafx.util.Duration;

import java.math.BigDecimal;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import io.marginscope.ui.risk.AssetVolRow;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.margin.MarginRequest;
import io.marginscope.ui.margin.MarginViewModel;
import io.marginscope.ui.risk.RiskViewModel;
import io.marginscope.ui.workbook.WorkbookViewModel;
import io.marginscope.ui.control.NumberText;

/**
 * The trade ticket's inputs and its last what-if run, which the {@link TradeTicket} binds to.
 *
 * <p>The analyst types an instrument (underlying, type, expiry, strike, settlement), a signed quantity
 * and a price (empty: the instrument's model mark on the snapshot). Every change is read at once: an
 * input that does not make a trade names its field ({@link #errorFieldProperty()}, {@link
 * #errorProperty()}) and clears the numbers. A valid ticket asks for a run of {@link WhatIf#run} with the
 * workstation's margin policy, price history, vol overrides and Monte Carlo settings (the inputs of the
 * Margin tab); requests are coalesced as the risk runs are (a pause of {@value RiskViewModel#DEBOUNCE_MS}
 * ms, latest inputs win, the run in flight is cancelled) and the numbers on show are marked stale until
 * the run for the latest inputs has landed. Without a quantity the ticket shows the book's figures (the
 * "before" of any trade).
 *
 * <p>{@link #confirm()} puts the netted book on show through {@link WorkbookViewModel#edit}, one undoable
 * step ("Trade +1 BTC-PERP"), and clears the quantity.
 */
public final class TradeTicketModel {

    /** The ticket's input fields, to name the one in error. */
    public enum Field {
        UNDERLYING("Underlying"), TYPE("Type"), EXPIRY("Expiry"), STRIKE("Strike"), SETTLEMENT("Settlement"),
        QUANTITY("Quantity"), PRICE("Price");

        private final String label;

        Field(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** An input that does not make a trade: which field, and why. */
    static final class InputError extends Exception {
        private final Field field;

        InputError(Field field, String message) {
            super(field.label() + ": " + message);
            this.field = field;
        }

        Field field() {
            return field;
        }
    }

    /**
     * The ticket read.
     *
     * @param instrument what is traded
     * @param id         its name ("BTC-PERP", "BTC-27DEC24-80000-P"): the trade row's id
     * @param quantity   signed coins, 0 when none typed yet
     * @param price      the trade's price: the typed one, or the mark
     * @param mark       the instrument's model mark on the snapshot (spot, forward or Black-76), NaN if none
     */
    public record Draft(Instrument instrument, String id, double quantity, double price, double mark) {

        /** The one-row trade, in the form {@code whatif --trade} reads; null without a quantity. */
        public Portfolio trade() {
            if (quantity == 0) {
                return null;
            }
            return new Portfolio("ticket", "trade ticket", List.of(new Position(id, instrument, quantity, price)));
        }

        /** The name of the undoable step: "Trade +1 BTC-PERP". */
        public String label() {
            return "Trade " + (quantity > 0 ? "+" : "") + NumberText.current().format(quantity) + " " + id;
        }
    }

    private static final DateTimeFormatter DERIBIT_DATE = DateTimeFormatter.ofPattern("dMMMyy", Locale.ENGLISH);

    private final WorkbookViewModel workbook;
    private final RiskViewModel risk;
    private final MarginViewModel margin;
    private final TradeTicketService service = new TradeTicketService();
    private final PauseTransition debounce = new PauseTransition(Duration.millis(RiskViewModel.DEBOUNCE_MS));

    private final ObjectProperty<String> underlying = new SimpleObjectProperty<>(this, "underlying");
    private final ObjectProperty<InstrumentType> type = new SimpleObjectProperty<>(this, "type", InstrumentType.PERP);
    private final StringProperty expiry = new SimpleStringProperty(this, "expiry", "");
    private final StringProperty strike = new SimpleStringProperty(this, "strike", "");
    private final ObjectProperty<Settlement> settlement = new SimpleObjectProperty<>(this, "settlement",
            Settlement.LINEAR);
    private final StringProperty quantity = new SimpleStringProperty(this, "quantity", "");
    private final StringProperty price = new SimpleStringProperty(this, "price", "");
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", true);
    private final ReadOnlyBooleanWrapper engaged = new ReadOnlyBooleanWrapper(this, "engaged", false);

    private final ObservableList<String> underlyings = FXCollections.observableArrayList();
    private final ObservableList<String> expiries = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Draft> draft = new ReadOnlyObjectWrapper<>(this, "draft");
    private final ReadOnlyObjectWrapper<Position> held = new ReadOnlyObjectWrapper<>(this, "held");
    private final ReadOnlyObjectWrapper<Field> errorField = new ReadOnlyObjectWrapper<>(this, "errorField");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyObjectWrapper<TradeTicketService.Run> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale", false);
    private final BooleanBinding canConfirm;
    private boolean awaitingBook;
    private int runsStarted;

    public TradeTicketModel(WorkbookViewModel workbook, RiskViewModel risk, MarginViewModel margin) {
        this.workbook = workbook;
        this.risk = risk;
        this.margin = margin;
        debounce.setOnFinished(e -> start());

        type.addListener((o, was, now) -> typeChanged(now));
        underlying.addListener((o, was, now) -> refreshExpiries());
        for (ObservableValue<?> input : List.of(underlying, type, expiry, strike, settlement, quantity, price)) {
            input.addListener(o -> inputsChanged());
        }
        workbook.currentProperty().addListener((o, was, now) -> bookChanged(now));
        workbook.service().stateProperty().addListener((o, was, now) -> {
            if (awaitingBook && (now == Worker.State.FAILED || now == Worker.State.CANCELLED)) {
                awaitingBook = false;
                inputsChanged();
            }
        });
        margin.policyProperty().addListener(o -> inputsChanged());
        risk.historyProperty().addListener(o -> inputsChanged());
        risk.scenariosProperty().addListener(o -> inputsChanged());
        risk.seedProperty().addListener(o -> inputsChanged());
        risk.assetVols().addListener((ListChangeListener<AssetVolRow>) c -> {
            while (c.next()) {
                for (AssetVolRow row : c.getAddedSubList()) {
                    row.overrideProperty().addListener(o -> inputsChanged());
                }
            }
        });
        for (AssetVolRow row : risk.assetVols()) {
            row.overrideProperty().addListener(o -> inputsChanged());
        }
        active.addListener((o, was, on) -> {
            if (on) {
                recompute();
            } else {
                debounce.stop();
                if (service.isRunning()) {
                    service.cancel();
                }
                stale.set(run.get() != null);
            }
        });

        service.setOnSucceeded(e -> {
            run.set(service.getValue());
            notice.set("");
            stale.set(debounce.getStatus() == Animation.Status.RUNNING || awaitingBook);
        });
        service.setOnFailed(e -> {
            run.set(null);
            stale.set(false);
            Throwable ex = service.getException();
            notice.set("Not computed: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
        });

        canConfirm = Bindings.createBooleanBinding(() -> {
            TradeTicketService.Run r = run.get();
            LoadedBook b = workbook.current();
            return r != null && r.whatIf() != null && !stale.get() && draft.get() != null && b != null
                    && r.request().book() == b.book();
        }, run, stale, draft, workbook.currentProperty());

        if (workbook.current() != null) {
            bookChanged(workbook.current());
        }
    }

    // ---- reading the inputs -------------------------------------------------------------------

    /** Reads the ticket against a snapshot; the first field that does not make a trade is the error. */
    static Draft read(MarketSnapshot market, String underlying, InstrumentType type, String expiryText,
                      String strikeText, Settlement settlement, String quantityText, String priceText)
            throws InputError {
        if (underlying == null || underlying.isBlank()) {
            throw new InputError(Field.UNDERLYING, "choose an asset of the snapshot");
        }
        if (!market.has(underlying)) {
            throw new InputError(Field.UNDERLYING, underlying + " is not in the market snapshot");
        }
        if (type == null) {
            throw new InputError(Field.TYPE, "choose PERP, FUTURE, CALL, PUT or SPOT");
        }
        Instant expiry = null;
        if (type.hasExpiry()) {
            String t = expiryText == null ? "" : expiryText.trim();
            if (t.isEmpty()) {
                throw new InputError(Field.EXPIRY, type + " needs an expiry (a date like 2024-12-27)");
            }
            try {
                expiry = Expiries.parse(t);
            } catch (DateTimeException e) {
                throw new InputError(Field.EXPIRY, "'" + t + "' is not a date (2024-12-27) or an ISO instant");
            }
            if (!expiry.isAfter(market.asOf())) {
                throw new InputError(Field.EXPIRY, t + " is not after the snapshot ("
                        + DateTimeFormatter.ISO_LOCAL_DATE.format(market.asOf().atOffset(ZoneOffset.UTC)) + ")");
            }
        }
        double k = Double.NaN;
        if (type.isOption()) {
            k = number(strikeText, Field.STRIKE, "the option's strike in USD");
            if (!(k > 0)) {
                throw new InputError(Field.STRIKE, "must be positive");
            }
        }
        Settlement s = type == InstrumentType.SPOT ? Settlement.LINEAR : settlement;
        if (s == null) {
            throw new InputError(Field.SETTLEMENT, "choose LINEAR or INVERSE");
        }
        Instrument instrument = new Instrument(underlying, type, expiry, k, s);
        double mark = mark(instrument, market);
        double q = quantityText == null || quantityText.isBlank() ? 0
                : number(quantityText, Field.QUANTITY, "signed coins: positive buys, negative sells");
        double p;
        if (priceText == null || priceText.isBlank()) {
            if (!Double.isFinite(mark)) {
                throw new InputError(Field.PRICE, "the instrument has no mark on the snapshot; type a price");
            }
            p = mark;
        } else {
            p = number(priceText, Field.PRICE, "USD per coin");
            if (p < 0) {
                throw new InputError(Field.PRICE, "must not be negative");
            }
        }
        return new Draft(instrument, name(instrument), q, p, mark);
    }

    /** A finite number as typed in the analyst's locale ({@link NumberText}), or the field's error. */
    static double number(String text, Field field, String what) throws InputError {
        if (text == null || text.isBlank()) {
            throw new InputError(field, "enter " + what);
        }
        try {
            return NumberText.current().parse(text);
        } catch (ParseException e) {
            throw new InputError(field, e.getMessage());
        }
    }

    /** The instrument's model mark: spot (SPOT, PERP), forward (FUTURE), Black-76 price (options). */
    static double mark(Instrument instrument, MarketSnapshot market) {
        double entry = instrument.type().isFutureLike() ? 0 : Double.NaN;
        PositionValuation v = PositionPricer.value(new Position("mark", instrument, 1, entry), market);
        return v.ok() ? v.price() : Double.NaN;
    }

    /** BTC-PERP, BTC-27DEC24, BTC-27DEC24-80000-P, BTC-SPOT; "-INV" for an inverse contract. */
    static String name(Instrument i) {
        StringBuilder b = new StringBuilder(i.underlying());
        switch (i.type()) {
            case SPOT -> b.append("-SPOT");
            case PERP -> b.append("-PERP");
            default -> {
                b.append('-').append(DERIBIT_DATE.format(i.expiry().atOffset(ZoneOffset.UTC)).toUpperCase(Locale.ROOT));
                if (i.type().isOption()) {
                    b.append('-').append(plain(i.strike())).append(i.type() == InstrumentType.CALL ? "-C" : "-P");
                }
            }
        }
        if (i.settlement() == Settlement.INVERSE) {
            b.append("-INV");
        }
        return b.toString();
    }

    /** A number in an instrument's name, whatever the locale: 80000, 0.5. */
    static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** An expiry as the field shows it: the date when at the 08:00 UTC settlement, else the instant. */
    static String expiryText(Instant expiry) {
        LocalDate d = LocalDate.ofInstant(expiry, ZoneOffset.UTC);
        return Expiries.atSettlement(d).equals(expiry) ? d.toString() : expiry.toString();
    }

    // ---- state --------------------------------------------------------------------------------

    private void bookChanged(LoadedBook b) {
        awaitingBook = false;
        if (b == null) {
            return;
        }
        List<String> assets = new ArrayList<>(b.market().assets().keySet());
        if (!underlyings.equals(assets)) {
            underlyings.setAll(assets);
        }
        if (underlying.get() == null || !b.market().has(underlying.get())) {
            underlying.set(defaultUnderlying(b));
        }
        refreshExpiries();
        run.set(null);
        read();
        recompute();
    }

    /** The book's first underlying that moves (not a stablecoin), else the snapshot's first asset. */
    private static String defaultUnderlying(LoadedBook b) {
        for (String u : b.book().underlyings()) {
            if (b.market().has(u) && b.market().asset(u).vol() > 0) {
                return u;
            }
        }
        return b.market().assets().keySet().iterator().next();
    }

    /** The expiries offered for the underlying: the snapshot's vol surface and the book's, after the snapshot. */
    private void refreshExpiries() {
        LoadedBook b = workbook.current();
        String u = underlying.get();
        TreeSet<Instant> all = new TreeSet<>();
        if (b != null && u != null) {
            VolSurface surface = b.market().impliedVols().get(u);
            if (surface != null) {
                all.addAll(surface.smiles().keySet());
            }
            for (Position p : b.book().positions()) {
                if (p.underlying().equals(u) && p.instrument().expiry() != null) {
                    all.add(p.instrument().expiry());
                }
            }
            all.removeIf(e -> !e.isAfter(b.market().asOf()));
        }
        List<String> texts = all.stream().map(TradeTicketModel::expiryText).toList();
        if (!expiries.equals(texts)) {
            expiries.setAll(texts);
        }
    }

    /** An option or a future chosen with an empty expiry or strike: the first expiry, the strike nearest spot. */
    private void typeChanged(InstrumentType t) {
        if (t == null) {
            return;
        }
        if (t.hasExpiry() && expiry.get().isBlank() && !expiries.isEmpty()) {
            expiry.set(expiries.getFirst());
        }
        if (t.isOption() && strike.get().isBlank()) {
            double k = nearestStrike();
            if (Double.isFinite(k)) {
                strike.set(NumberText.current().format(k));
            }
        }
    }

    private double nearestStrike() {
        LoadedBook b = workbook.current();
        String u = underlying.get();
        if (b == null || u == null || !b.market().has(u)) {
            return Double.NaN;
        }
        double spot = b.market().asset(u).spot();
        VolSurface surface = b.market().impliedVols().get(u);
        double best = Double.NaN;
        if (surface != null) {
            Instant e = null;
            try {
                e = Expiries.parse(expiry.get());
            } catch (DateTimeException ignored) {
                // no expiry typed: any smile
            }
            var smiles = e != null && surface.smiles().containsKey(e) ? List.of(surface.smiles().get(e))
                    : surface.smiles().values();
            for (VolSurface.Smile s : smiles) {
                for (double k : s.strikes()) {
                    if (Double.isNaN(best) || Math.abs(k - spot) < Math.abs(best - spot)) {
                        best = k;
                    }
                }
            }
        }
        if (Double.isNaN(best)) {
            double step = Math.pow(10, Math.floor(Math.log10(spot)) - 1);
            best = Math.round(spot / step) * step;
        }
        return best;
    }

    /** Reads the inputs into {@link #draftProperty()} or the error; true when they make a ticket. */
    private boolean read() {
        LoadedBook b = workbook.current();
        if (b == null) {
            draft.set(null);
            return false;
        }
        try {
            Draft d = read(b.market(), underlying.get(), type.get(), expiry.get(), strike.get(), settlement.get(),
                    quantity.get(), price.get());
            draft.set(d);
            errorField.set(null);
            error.set("");
            held.set(b.book().positions().stream().filter(p -> p.instrument().equals(d.instrument())).findFirst()
                    .orElse(null));
            return true;
        } catch (InputError e) {
            draft.set(null);
            held.set(null);
            errorField.set(e.field());
            error.set(e.getMessage());
            return false;
        }
    }

    /** An input changed: read it; a valid ticket runs once the inputs have been still for the pause. */
    void inputsChanged() {
        if (!read()) {
            debounce.stop();
            if (service.isRunning()) {
                service.cancel();
            }
            run.set(null);
            stale.set(false);
            notice.set("");
            return;
        }
        stale.set(run.get() != null);
        if (!running()) {
            debounce.stop();
            return;
        }
        debounce.playFromStart();
    }

    /** Runs now with the current inputs, cancelling the run in flight. */
    public void recompute() {
        debounce.stop();
        if (read()) {
            start();
        } else {
            inputsChanged();
        }
    }

    /** Whether runs may start: the ticket is open and on show, the analyst has used it, no edit is landing. */
    private boolean running() {
        return active.get() && engaged.get() && !awaitingBook;
    }

    /**
     * The analyst turned to the ticket (focused a field, picked a row): from now on it runs. Until then
     * nothing is computed, so a workstation that never uses the ticket pays nothing for it.
     */
    public void engage() {
        if (!engaged.get()) {
            engaged.set(true);
            recompute();
        }
    }

    private void start() {
        if (!running()) {
            return;
        }
        TradeTicketService.Request r = request();
        if (r == null) {
            return;
        }
        stale.set(run.get() != null);
        runsStarted++;
        service.submit(r);
    }

    /** The inputs of a run as they stand (those of the Margin tab, plus the trade), or null when invalid. */
    TradeTicketService.Request request() {
        MarginRequest m = margin.request();
        Draft d = draft.get();
        if (m == null || d == null) {
            return null;
        }
        return new TradeTicketService.Request(m.book(), m.market(), m.history(), m.policy(), m.settings(), d.trade());
    }

    /**
     * Adds the trade to the book: the netted book of the last run goes on show as one undoable step, and
     * the quantity is cleared. False (and nothing done) unless the numbers on show are those of the
     * current inputs and book.
     */
    public boolean confirm() {
        if (!canConfirm.get()) {
            return false;
        }
        TradeTicketService.Run r = run.get();
        Draft d = draft.get();
        awaitingBook = true;
        debounce.stop();
        workbook.edit(d.label(), r.whatIf().netting().book());
        quantity.set("");
        stale.set(true);
        return true;
    }

    /** Takes a position's instrument (a row picked in the positions table); quantity and price cleared. */
    public void prefill(Position p) {
        engage();
        Instrument i = p.instrument();
        quantity.set("");
        price.set("");
        expiry.set(i.expiry() == null ? expiry.get() : expiryText(i.expiry()));
        strike.set(i.type().isOption() ? NumberText.current().format(i.strike()) : strike.get());
        settlement.set(i.settlement());
        underlying.set(i.underlying());
        type.set(i.type());
    }

    /** Quantity that closes the position in the book with the ticket's instrument. */
    public void closeHeld() {
        Position p = held.get();
        if (p != null) {
            quantity.set(NumberText.current().format(-p.quantity()));
        }
    }

    // ---- accessors ----------------------------------------------------------------------------

    /** How many runs were started (a test hook for coalescing). */
    int runsStarted() {
        return runsStarted;
    }

    public TradeTicketService service() {
        return service;
    }

    /** The last run's what-if, null without a trade or a run for the inputs on show. */
    public WhatIf.Result result() {
        TradeTicketService.Run r = run.get();
        return r == null ? null : r.whatIf();
    }

    public ReadOnlyObjectProperty<TradeTicketService.Run> runProperty() {
        return run.getReadOnlyProperty();
    }

    public TradeTicketService.Run run() {
        return run.get();
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public BooleanBinding canConfirmProperty() {
        return canConfirm;
    }

    public ReadOnlyObjectProperty<Draft> draftProperty() {
        return draft.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Position> heldProperty() {
        return held.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Field> errorFieldProperty() {
        return errorField.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ObjectProperty<String> underlyingProperty() {
        return underlying;
    }

    public ObjectProperty<InstrumentType> typeProperty() {
        return type;
    }

    public StringProperty expiryProperty() {
        return expiry;
    }

    public StringProperty strikeProperty() {
        return strike;
    }

    public ObjectProperty<Settlement> settlementProperty() {
        return settlement;
    }

    public StringProperty quantityProperty() {
        return quantity;
    }

    public StringProperty priceProperty() {
        return price;
    }

    /** False while the ticket is folded away or its tab is not on show: inputs are kept, nothing runs. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** True once the analyst has used the ticket ({@link #engage()}). */
    public ReadOnlyBooleanProperty engagedProperty() {
        return engaged.getReadOnlyProperty();
    }

    public ObservableList<String> underlyings() {
        return underlyings;
    }

    public ObservableList<String> expiries() {
        return expiries;
    }
}
