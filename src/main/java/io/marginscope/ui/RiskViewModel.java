package io.marginscope.ui;

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

/**
 * The risk settings of the workstation and the last VaR/ES run, which the risk views bind to.
 *
 * <p>Every change of a setting, a vol override, the price history or the book asks for a new run.
 * Requests are coalesced: a change (re)starts a {@value #DEBOUNCE_MS} ms pause, and only when the
 * inputs have been still that long is the run started, cancelling the one in flight, so dragging
 * the confidence slider never queues a run per pixel and the latest inputs always win. A new
 * book, a new history and {@link #recompute()} start at once.
 *
 * <p>While a run is pending or in flight the numbers on show are marked stale. When the settings
 * need a price history that is not open, nothing is run and {@link #noticeProperty()} says so.
 */
public final class RiskViewModel {

    static final int DEBOUNCE_MS = 150;

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
            rebuildAssets(now);
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

    void openHistory(Path file) {
        historyService.submit(file);
    }

    void clearHistory() {
        history.set(null);
        recompute();
    }

    /**
     * Takes a saved session's settings and price history (vol overrides cleared); the run starts
     * when the session's book arrives, or at once if it is already on show.
     */
    void restore(RiskParameters p, LoadedHistory h) {
        resetVolOverrides();
        confidence.set(p.confidence());
        horizonDays.set(p.horizonDays());
        method.set(p.method());
        volModel.set(p.volModel());
        ewmaLambda.set(p.ewmaLambda());
        windowDays.set(p.windowDays());
        scenarios.set(p.scenarios());
        seed.set(p.seed());
        history.set(h);
    }

    void setOnError(Consumer<Throwable> handler) {
        this.onError = handler;
    }

    /** Clears every vol override. */
    public void resetVolOverrides() {
        assetVols.forEach(r -> r.overrideProperty().set(null));
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
        Map<String, Double> overrides = new LinkedHashMap<>();
        for (AssetVolRow row : assetVols) {
            if (row.overrideProperty().get() != null) {
                overrides.put(row.asset(), row.overrideProperty().get());
            }
        }
        LoadedHistory h = history.get();
        return new RiskRequest(b.book(), RiskRequest.withOverrides(b.market(), overrides), p,
                h == null ? null : h.history(), overrides);
    }

    private void rebuildAssets(LoadedBook b) {
        assetVols.clear();
        if (b == null) {
            return;
        }
        for (String a : b.book().underlyings()) {
            AssetVolRow row = new AssetVolRow(a, b.market().asset(a).vol());
            row.overrideProperty().addListener(o -> inputsChanged());
            assetVols.add(row);
        }
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
