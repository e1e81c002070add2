package io.marginscope.ui.compute;

import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;
import javafx.concurrent.Worker;
import javafx.util.Duration;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The workstation's one way to recompute in the background as inputs change, owned by a view model:
 * {@link #request} coalesces a burst of changes (the run starts once the inputs have been still for
 * {@value #DELAY_MS} ms), the latest request wins (a run in flight for older inputs is cancelled), {@link
 * #cancel} stops both the wait and the run, and {@link #worker()} gives the progress, message and running
 * state a view binds to. Runs go to a named worker pool ({@link Pools#named}). Call on the FX thread.
 *
 * @param <Q> the request
 * @param <R> what a run returns
 */
public final class Recompute<Q, R> {

    /** How long the inputs must be still before a run starts, ms. */
    public static final int DELAY_MS = 150;

    private final Service<Q, R> service;
    private final PauseTransition pause = new PauseTransition(Duration.millis(DELAY_MS));
    private final ReadOnlyBooleanWrapper waiting = new ReadOnlyBooleanWrapper(this, "waiting", false);
    private Q pending;
    private int started;

    /**
     * @param pool  the worker pool's name
     * @param tasks the task that runs one request
     */
    public Recompute(String pool, Function<Q, Task<R>> tasks) {
        this.service = new Service<>(pool, tasks);
        pause.setOnFinished(e -> {
            waiting.set(false);
            submit(pending);
        });
    }

    /** Runs this request once the inputs have been still for the delay (a newer request replaces it). */
    public void request(Q next) {
        pending = Objects.requireNonNull(next);
        waiting.set(true);
        pause.playFromStart();
    }

    /** Runs this request now, cancelling the wait and the run in flight. */
    public void now(Q next) {
        pause.stop();
        waiting.set(false);
        submit(Objects.requireNonNull(next));
    }

    /** Stops the wait and cancels the run in flight; nothing runs until the next request. */
    public void cancel() {
        pause.stop();
        waiting.set(false);
        pending = null;
        if (service.isRunning()) {
            service.cancel();
        }
    }

    /** Called with each finished run's value, on the FX thread. */
    public void onResult(Consumer<R> action) {
        service.setOnSucceeded(e -> action.accept(service.getValue()));
    }

    /** Called with a failed run's exception, on the FX thread. */
    public void onFailure(Consumer<Throwable> action) {
        service.setOnFailed(e -> action.accept(service.getException()));
    }

    /** The runs: progress, message, running; what a view binds to. */
    public Worker<R> worker() {
        return service;
    }

    /** True while a request waits for the inputs to be still. */
    public ReadOnlyBooleanProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    /** True while a request waits or runs. */
    public boolean busy() {
        return pause.getStatus() == Animation.Status.RUNNING || service.isRunning();
    }

    /** How many runs were started (coalescing can be checked by it). */
    public int runsStarted() {
        return started;
    }

    private void submit(Q next) {
        if (next == null) {
            return;
        }
        started++;
        service.submit(next);
    }

    /** The latest-request service behind it. */
    private static final class Service<Q, R> extends LatestRequestService<Q, R> {
        private final Function<Q, Task<R>> tasks;

        Service(String pool, Function<Q, Task<R>> tasks) {
            super(pool);
            this.tasks = tasks;
        }

        @Override
        protected Task<R> createTask(Q request) {
            return tasks.apply(request);
        }
    }
}
