package io.marginscope.ui.compute;

import javafx.concurrent.Service;
import javafx.concurrent.Task;

/**
 * A service that runs the latest request submitted, on its own named worker pool: {@link #submit} keeps the
 * request and restarts the service, which cancels the task in flight, so the latest inputs win. Subclasses
 * build the task for a request in {@link #createTask(Object)}.
 *
 * @param <Q> the request
 * @param <R> what a task returns
 */
public abstract class LatestRequestService<Q, R> extends Service<R> {

    private Q request;

    /** @param pool the name of the worker pool ({@link Pools#named}) */
    protected LatestRequestService(String pool) {
        setExecutor(Pools.named(pool));
    }

    /** Runs this request, cancelling the run in flight (call on the FX thread). */
    public void submit(Q next) {
        this.request = next;
        restart();
    }

    @Override
    protected final Task<R> createTask() {
        return createTask(request);
    }

    /** The task that runs this request (the latest submitted when the service starts it). */
    protected abstract Task<R> createTask(Q request);
}
