package io.marginscope.ui.risk;

import io.marginscope.model.Loaded;
import io.marginscope.model.MarketSnapshot;
import io.marginscope.model.MarketSnapshot.AssetPair;
import io.marginscope.risk.CorrelationMatrix;
import io.marginscope.risk.PriceHistory;
import io.marginscope.risk.RiskMethod;
import io.marginscope.risk.RiskParameters;
import io.marginscope.risk.VolModels;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import io.marginscope.ui.control.Formats;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.ui.workbook.LoadedHistory;

/**
 * The risk settings of the workstation and the last VaR/ES run, which the risk views bind to.
 *
 * <p>Every change of a setting, a vol or correlation override, the price history or the book asks
 * for a new run. Overrides stay while the book on show is edited as a what-if (same market) and
 * are cleared when another book or market is opened.
 * Requests are coalesced: a change (re)starts a {@value #DEBOUNCE_MS} ms pause, and only when the
 * inputs have been still that long is the run started, cancelling the one in flight, so dragging
 * the confidence slider never queues a run per pixel and the latest inputs always win. A new
 * book, a new history and {@link #recompute()} start at once.
 *
 * <p>While a run is pending or in flight the numbers on show are marked stale. When the settings
 * need a price history that is not open, nothing is run and {@link #noticeProperty()} says so.
 */
public final class RiskViewModel {

    public static final int DEBOUNCE_MS = 150;

    private final ReadOnlyObjectProperty<LoadedBook> book;
    private final RiskService service = new RiskService();
    private final PriceHistoryService historyService = new PriceHistoryService();
    private final PauseTransition debounce = new PauseTransition(Duration.millis(DEBOUNCE_MS));

    private final DoubleProperty confidence;
    private final IntegerProperty horizonDays;
    private final ObjectProperty<RiskMethod> method;
    private final StringProperty volModel;
    private final DoubleProperty ewmaLambda;
    private final IntegerProperty windowDays;
    private final IntegerProperty scenarios;
    private final LongProperty seed;
    private final ObservableList<AssetVolRow> assetVols = FXCollections.observableArrayList();
    private final ObservableList<CorrelationRow> correlations = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper overrideChanges = new ReadOnlyIntegerWrapper(this, "overrideChanges");

    private final ReadOnlyObjectWrapper<LoadedHistory> history = new ReadOnlyObjectWrapper<>(this, "history");
    private final ReadOnlyObjectWrapper<RiskRun> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale", false);
    private Consumer<Throwable> onError = e -> { };
    private int runsStarted;

    public RiskViewModel(ReadOnlyObjectProperty<LoadedBook> book) {
        this.book = book;
        RiskParameters d = RiskParameters.defaults();
        confidence = new SimpleDoubleProperty(this, "confidence", d.confidence());
        horizonDays = new SimpleIntegerProperty(this, "horizonDays", d.horizonDays());
        method = new SimpleObjectProperty<>(this, "method", d.method());
        volModel = new SimpleStringProperty(this, "volModel", d.volModel());
        ewmaLambda = new SimpleDoubleProperty(this, "ewmaLambda", d.ewmaLambda());
        windowDays = new SimpleIntegerProperty(this, "windowDays", d.windowDays());
        scenarios = new SimpleIntegerProperty(this, "scenarios", d.scenarios());
        seed = new SimpleLongProperty(this, "seed", d.seed());
        for (ObservableValue<?> input : List.of(confidence, horizonDays, method, volModel, ewmaLambda, windowDays,
                scenarios, seed)) {
            input.addListener(o -> inputsChanged());
        }
        debounce.setOnFinished(e -> start());
        book.addListener((o, was, now) -> {
            run.set(null);
            rebuildAssets(was, now);
            recompute();
        });

        service.setOnSucceeded(e -> show(service.getValue()));
        service.setOnFailed(e -> {
            Throwable ex = service.getException();
            run.set(null);
            stale.set(false);
            notice.set("Risk not computed: " + ex.getMessage());
            status.set("Risk not computed");
        });
        service.setOnCancelled(e -> status.set("Risk run cancelled"));

        historyService.setOnSucceeded(e -> {
            history.set(historyService.getValue());
            recompute();
        });
        historyService.setOnFailed(e -> {
            status.set("Price history not loaded");
            onError.accept(historyService.getException());
        });
    }

    /** Inputs changed: mark the numbers stale and run once the inputs have been still for the pause. */
    void inputsChanged() {
        stale.set(run.get() != null);
        debounce.playFromStart();
    }

    /** Runs now with the current inputs (Ctrl+R), cancelling the run in flight. */
    public void recompute() {
        debounce.stop();
        start();
    }

    /** Stops the run in flight and any pending one; the numbers on show stay, marked stale. */
    public void cancel() {
        debounce.stop();
        if (service.isRunning()) {
            service.cancel();
        }
    }

    public void openHistory(Path file) {
        historyService.submit(file);
    }

    /**
     * Opens the program's own daily closes (off the FX thread), as the workstation does when it starts without
     * a history; a history the analyst opens afterwards replaces them.
     */
    public void openBundledHistory() {
        historyService.submitBundled();
    }

    /** Opens the bundled closes unless a history is open or being read (a sample book opened with none). */
    public void openBundledHistoryIfNone() {
        if (history.get() == null && !historyService.isRunning()) {
            openBundledHistory();
        }
    }

    /**
     * The history a run gets, by the command line's rule: the one the analyst opened, always; the bundled
     * closes only where the run cannot run without a history ({@code needed}: a simulation method, an
     * estimated vol model, a policy base that needs one, the backtest), as {@code marginscope} uses them
     * without {@code --history}. So a run that can do without one gives the figures of the command line
     * without {@code --history} (correlations from the snapshot, a policy's anti-procyclicality tools not
     * applied), and the same quantity gives the same number in both.
     */
    public Loaded<PriceHistory> historyFor(boolean needed) {
        LoadedHistory h = history.get();
        return h == null || (h.isBundled() && !needed) ? null : h.history();
    }

    /** The history the analyst opened (what sessions and exports record), null for none or the bundled closes. */
    public LoadedHistory openedHistory() {
        LoadedHistory h = history.get();
        return h == null || h.isBundled() ? null : h;
    }

    void clearHistory() {
        history.set(null);
        recompute();
    }

    /**
     * Takes a saved session's settings and price history (vol and correlation overrides cleared); the run starts
     * when the session's book arrives, or at once if it is already on show.
     */
    public void restore(RiskParameters p, LoadedHistory h) {
        resetVolOverrides();
        resetCorrelationOverrides();
        confidence.set(p.confidence());
        horizonDays.set(p.horizonDays());
        method.set(p.method());
        volModel.set(p.volModel());
        ewmaLambda.set(p.ewmaLambda());
        windowDays.set(p.windowDays());
        scenarios.set(p.scenarios());
        seed.set(p.seed());
        // a session saved without a history of the analyst's ran on the bundled closes where it needed one
        if (h != null || history.get() == null || !history.get().isBundled()) {
            history.set(h);
        }
    }

    public void setOnError(Consumer<Throwable> handler) {
        this.onError = handler;
    }

    /** Clears every vol override. */
    public void resetVolOverrides() {
        assetVols.forEach(r -> r.overrideProperty().set(null));
    }

    /**
     * Overrides the correlation of two of the book's assets (either order), or clears the override
     * with null. Refused, with the pair named and the previous value kept, when the pair is not
     * two different assets of the book or the value is not in [-1, 1].
     */
    public void setCorrelationOverride(String a, String b, Double value) {
        CorrelationRow row = correlationRow(a, b);
        if (value != null && !(value >= -1 && value <= 1)) {
            throw new IllegalArgumentException("Correlation " + row.name() + ": "
                    + (Double.isFinite(value) ? Formats.number(value) : "not a number")
                    + " is not in [-1, 1]; the previous value is kept");
        }
        row.setOverride(value);
    }

    /** Back to the base correlation of one pair. */
    public void resetCorrelationOverride(String a, String b) {
        correlationRow(a, b).setOverride(null);
    }

    /** Clears every correlation override. */
    public void resetCorrelationOverrides() {
        correlations.forEach(r -> r.setOverride(null));
    }

    private CorrelationRow correlationRow(String a, String b) {
        if (a.equals(b)) {
            throw new IllegalArgumentException("Correlation " + a + "-" + b + ": an asset's correlation with itself "
                    + "is 1 and cannot be overridden");
        }
        return correlations.stream().filter(r -> r.is(a, b)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("Correlation " + a + "-" + b + ": not a pair of the book's assets"));
    }

    /** The vol overrides on show, asset -> annual vol. */
    Map<String, Double> volOverrides() {
        Map<String, Double> overrides = new LinkedHashMap<>();
        for (AssetVolRow row : assetVols) {
            if (row.overrideProperty().get() != null) {
                overrides.put(row.asset(), row.overrideProperty().get());
            }
        }
        return overrides;
    }

    /** The correlation overrides on show. */
    Map<AssetPair, Double> correlationOverrides() {
        Map<AssetPair, Double> overrides = new LinkedHashMap<>();
        for (CorrelationRow row : correlations) {
            if (row.overrideProperty().get() != null) {
                overrides.put(row.pair(), row.overrideProperty().get());
            }
        }
        return overrides;
    }

    /** The book's snapshot with the vol and correlation overrides applied: the market the risk and margin runs use. */
    public MarketSnapshot overriddenMarket(LoadedBook b) {
        return RiskRequest.withOverrides(b.market(), volOverrides(), correlationOverrides());
    }

    private void start() {
        LoadedBook b = book.get();
        if (b == null) {
            return;
        }
        RiskParameters p;
        try {
            p = parameters();
        } catch (IllegalArgumentException ex) {
            notice.set(ex.getMessage());
            return;
        }
        String missing = missingHistory(p);
        if (missing != null) {
            if (service.isRunning()) {
                service.cancel();
            }
            run.set(null);
            stale.set(false);
            notice.set(missing);
            status.set("Waiting for a price history");
            return;
        }
        notice.set("");
        stale.set(run.get() != null);
        runsStarted++;
        service.submit(request(b, p));
    }

    private void show(RiskRun r) {
        run.set(r);
        List<String> assets = r.result().factors().assets();
        for (AssetVolRow row : assetVols) {
            int i = assets.indexOf(row.asset());
            row.setUsedVol(i < 0 ? Double.NaN : r.result().factors().vols()[i]);
        }
        CorrelationMatrix base = r.base().matrix();
        CorrelationMatrix used = r.used().matrix();
        for (CorrelationRow row : correlations) {
            boolean known = base.has(row.first()) && base.has(row.second());
            row.setBase(known ? base.get(row.first(), row.second()) : Double.NaN);
            row.setUsed(known ? used.get(row.first(), row.second()) : Double.NaN);
        }
        boolean pending = debounce.getStatus() == Animation.Status.RUNNING;
        stale.set(pending);
        status.set(pending ? "Inputs changed …" : "Risk up to date");
    }

    /** The settings as the engine takes them. */
    public RiskParameters parameters() {
        return new RiskParameters(confidence.get(), horizonDays.get(), method.get(), volModel.get(),
                ewmaLambda.get(), windowDays.get(), scenarios.get(), seed.get(), 0, 0);
    }

    /** Why these settings cannot run without a price history, or null when they can. */
    String missingHistory(RiskParameters p) {
        if (history.get() != null) {
            return null;
        }
        if (p.method().needsHistory()) {
            return RiskNames.method(p.method()) + " needs a price history: File > Open Price History…";
        }
        if (VolModels.isEstimated(p.volModel())) {
            return "The " + RiskNames.volModel(p.volModel()) + " vol model needs a price history: "
                    + "File > Open Price History…";
        }
        return null;
    }

    RiskRequest request(LoadedBook b, RiskParameters p) {
        Map<String, Double> vols = volOverrides();
        Map<AssetPair, Double> corr = correlationOverrides();
        return new RiskRequest(b.book(), RiskRequest.withOverrides(b.market(), vols, corr), p,
                historyFor(p.method().needsHistory() || VolModels.isEstimated(p.volModel())), vols, corr, b.market());
    }

    /**
     * One vol row per asset and one correlation row per pair of the new book. A what-if edit of
     * the book on show (same market) keeps the overrides of the assets and pairs still held.
     */
    private void rebuildAssets(LoadedBook was, LoadedBook b) {
        boolean edit = was != null && b != null && was.market() == b.market();
        Map<String, Double> keptVols = edit ? volOverrides() : Map.of();
        Map<AssetPair, Double> keptCorrelations = edit ? correlationOverrides() : Map.of();
        assetVols.clear();
        correlations.clear();
        if (b == null) {
            return;
        }
        List<String> assets = List.copyOf(b.book().underlyings());
        for (String a : assets) {
            AssetVolRow row = new AssetVolRow(a, b.market().asset(a).vol());
            row.overrideProperty().set(keptVols.get(a));
            row.overrideProperty().addListener(o -> overridesChanged());
            assetVols.add(row);
        }
        for (int i = 0; i < assets.size(); i++) {
            for (int j = i + 1; j < assets.size(); j++) {
                CorrelationRow row = new CorrelationRow(assets.get(i), assets.get(j));
                row.setOverride(keptCorrelations.get(row.pair()));
                row.overrideProperty().addListener(o -> overridesChanged());
                correlations.add(row);
            }
        }
    }

    private void overridesChanged() {
        overrideChanges.set(overrideChanges.get() + 1);
        inputsChanged();
    }

    /** How many runs were started (a test hook for coalescing). */
    int runsStarted() {
        return runsStarted;
    }

    public RiskService service() {
        return service;
    }

    public PriceHistoryService historyService() {
        return historyService;
    }

    public DoubleProperty confidenceProperty() {
        return confidence;
    }

    public IntegerProperty horizonDaysProperty() {
        return horizonDays;
    }

    public ObjectProperty<RiskMethod> methodProperty() {
        return method;
    }

    public StringProperty volModelProperty() {
        return volModel;
    }

    public DoubleProperty ewmaLambdaProperty() {
        return ewmaLambda;
    }

    public IntegerProperty windowDaysProperty() {
        return windowDays;
    }

    public IntegerProperty scenariosProperty() {
        return scenarios;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public ObservableList<AssetVolRow> assetVols() {
        return assetVols;
    }

    /** One row per pair of the book's assets, in book order (BTC-ETH, BTC-USDC, ETH-USDC). */
    public ObservableList<CorrelationRow> correlations() {
        return correlations;
    }

    /** Counts the changes of any vol or correlation override (not the new rows of a new book): the margin run listens to it. */
    public ReadOnlyIntegerProperty overrideChangesProperty() {
        return overrideChanges.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LoadedHistory> historyProperty() {
        return history.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RiskRun> runProperty() {
        return run.getReadOnlyProperty();
    }

    public RiskRun run() {
        return run.get();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }
}
