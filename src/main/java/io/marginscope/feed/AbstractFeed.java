package io.marginscope.feed;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** Listeners, state and its waiters, shared by the feeds. */
abstract class AbstractFeed implements MarketFeed {

    static final System.Logger LOG = System.getLogger("io.marginscope.feed");

    private final List<FeedListener> listeners = new CopyOnWriteArrayList<>();
    private final Object stateLock = new Object();
    private FeedState state = FeedState.NEW;

    @Override
    public void addListener(FeedListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(FeedListener listener) {
        listeners.remove(listener);
    }

    @Override
    public FeedState state() {
        synchronized (stateLock) {
            return state;
        }
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateLock) {
            while (!state.terminal()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                stateLock.wait(Math.max(1, left / 1_000_000), 0);
            }
            return true;
        }
    }

    /**
     * Moves to a new state and tells the listeners; a terminal state is never left. Returns false
     * (and tells nobody) when the state is unchanged or already terminal.
     */
    boolean moveTo(FeedState next, String detail) {
        synchronized (stateLock) {
            if (state.terminal() || state == next) {
                return false;
            }
            state = next;
            stateLock.notifyAll();
        }
        for (FeedListener l : listeners) {
            try {
                l.onState(next, detail == null ? "" : detail);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, description() + ": a listener failed on a state change", e);
            }
        }
        return true;
    }

    /** Hands one update to every listener; a failing listener is logged and the others still get it. */
    void deliver(List<Tick> ticks) {
        if (ticks.isEmpty()) {
            return;
        }
        for (FeedListener l : listeners) {
            try {
                l.onTicks(ticks);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, description() + ": a listener failed on a tick", e);
            }
        }
    }
}
