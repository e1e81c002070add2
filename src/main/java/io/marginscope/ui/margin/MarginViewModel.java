package io.marginscope.ui.margin;

import io.marginscope.io.InputException;
import io.marginscope.margin.MarginCalculator;
import io.marginscope.margin.MarginResult;
import io.marginscope.margin.Policy;
import io.marginscope.io.PolicyPresets;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;

import java.nio.file.Path;
import java.util.function.Consumer;
import io.marginscope.ui.workbook.LoadedBook;
import io.marginscope.run.ComputeRun;
import io.marginscope.ui.risk.RiskViewModel;

/**
 * The margin policy of the workstation and the last margin run, which the margin views bind to.
 *
 * <p>A change of the book, the price history, the Monte Carlo settings, a vol or correlation override or the
 * policy asks for a new run; requests are coalesced as the risk runs are (a pause of
 * {@value RiskViewModel#DEBOUNCE_MS} ms, latest inputs win, the run in flight is cancelled).
 * A policy file that does not parse is reported and the previous policy stays.
 */
public final class MarginViewModel {

    /** A change of zone between two runs of the same book under the same policy. */
    public record Crossing(MarginResult.Zone from, MarginResult.Zone to, MarginResult margin,
                           Policy.Thresholds thresholds) {
    }

    private final ReadOnlyObjectProperty<LoadedBook> book;
    private final RiskViewModel risk;
    private final MarginService service = new MarginService();
    private final PauseTransition debounce = new PauseTransition(Duration.millis(RiskViewModel.DEBOUNCE_MS));
    private final ReadOnlyObjectWrapper<Policy> policy = new ReadOnlyObjectWrapper<>(this, "policy");
    private final ReadOnlyStringWrapper policyRef = new ReadOnlyStringWrapper(this, "policyRef");
    private final ReadOnlyObjectWrapper<MarginRun> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale", false);
    private final ReadOnlyObjectWrapper<Crossing> lastCrossing = new ReadOnlyObjectWrapper<>(this, "lastCrossing");
    private Consumer<Throwable> onError = e -> { };
    private Consumer<Crossing> onCrossing = c -> { };

    public MarginViewModel(ReadOnlyObjectProperty<LoadedBook> book, RiskViewModel risk) {
        this.book = book;
        this.risk = risk;
        try {
            policy.set(PolicyPresets.load(PolicyPresets.available().getFirst()));
            policyRef.set(PolicyPresets.available().getFirst());
        } catch (InputException e) {
            throw new IllegalStateException("the bundled presets do not parse", e);
        }
        debounce.setOnFinished(e -> start());
        book.addListener((o, a, b) -> {
            run.set(null);
            recompute();
        });
        risk.historyProperty().addListener(o -> recompute());
        risk.scenariosProperty().addListener(o -> inputsChanged());
        risk.seedProperty().addListener(o -> inputsChanged());
        risk.overrideChangesProperty().addListener(o -> inputsChanged());
        service.setOnSucceeded(e -> show(service.getValue()));
        service.setOnFailed(e -> {
            run.set(null);
            stale.set(false);
            notice.set("Margin not computed: " + service.getException().getMessage());
        });
    }

    /** Chooses a bundled preset. */
    public void choosePreset(String name) {
        try {
            use(name, PolicyPresets.load(name));
        } catch (InputException e) {
            onError.accept(e);
        }
    }

    /** The name or path of the policy on show (what a session or an export records). */
    public String policyRef() {
        return policyRef.get();
    }

    /**
     * Puts back the policy a session was saved under, from the text the session stored (a preset by
     * its name, a file by its path even when the file has changed or gone since).
     */
    public void restorePolicy(PolicyPresets.PolicyText text) {
        try {
            use(text.ref(), text.parse());
        } catch (InputException | RuntimeException e) {
            onError.accept(e);
        }
    }

    /** Reads a policy file; when it does not parse, reports it and keeps the policy on show. */
    public void openPolicyFile(Path file) {
        try {
            use(file.toString(), PolicyPresets.load(file.toString()));
        } catch (InputException | RuntimeException e) {
            onError.accept(e);
        }
    }

    private void use(String ref, Policy p) {
        policy.set(p);
        policyRef.set(ref);
        recompute();
    }

    void inputsChanged() {
        stale.set(run.get() != null);
        debounce.playFromStart();
    }

    /** Runs now with the current inputs, cancelling the run in flight. */
    public void recompute() {
        debounce.stop();
        start();
    }

    public void cancel() {
        debounce.stop();
        if (service.isRunning()) {
            service.cancel();
        }
    }

    private void start() {
        MarginRequest r = request();
        if (r == null) {
            return;
        }
        notice.set("");
        stale.set(run.get() != null);
        service.submit(r);
    }

    /** The inputs as they stand, or null without a book. */
    public MarginRequest request() {
        LoadedBook b = book.get();
        if (b == null) {
            return null;
        }
        Policy pol = policy.get();
        return new MarginRequest(b.book(), risk.overriddenMarket(b),
                risk.historyFor(pol != null && ComputeRun.needsHistory(pol)), pol, settings());
    }

    /** The Monte Carlo settings the margin runs use: the risk settings' scenarios and seed. */
    public MarginCalculator.Settings settings() {
        return new MarginCalculator.Settings(risk.scenariosProperty().get(), risk.seedProperty().get());
    }

    private void show(MarginRun r) {
        if (r == null) {
            return;
        }
        MarginRun was = run.get();
        run.set(r);
        stale.set(false);
        // a crossing is a move of the ratio of one book under one policy (a market, a vol or the
        // Monte Carlo settings changed), not a switch to another book or policy
        if (was != null && was.request().book() == r.request().book()
                && was.request().policy() == r.request().policy()
                && was.margin().zone() != r.margin().zone()) {
            Crossing c = new Crossing(was.margin().zone(), r.margin().zone(), r.margin(),
                    r.request().policy().thresholds());
            lastCrossing.set(c);
            onCrossing.accept(c);
        }
    }

    public void setOnError(Consumer<Throwable> handler) {
        this.onError = handler;
    }

    public void setOnCrossing(Consumer<Crossing> handler) {
        this.onCrossing = handler;
    }

    /** The last threshold crossing, null before the first. */
    public ReadOnlyObjectProperty<Crossing> lastCrossingProperty() {
        return lastCrossing.getReadOnlyProperty();
    }

    public MarginService service() {
        return service;
    }

    public ReadOnlyObjectProperty<Policy> policyProperty() {
        return policy.getReadOnlyProperty();
    }

    public Policy policy() {
        return policy.get();
    }

    public ReadOnlyStringProperty policyRefProperty() {
        return policyRef.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<MarginRun> runProperty() {
        return run.getReadOnlyProperty();
    }

    public MarginRun run() {
        return run.get();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }
}
